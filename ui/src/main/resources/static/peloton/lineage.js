// Peloton lineage graph: pan, zoom, select, highlight lineage, materialize the selection. Plain JavaScript.
// The server draws the SVG (laid out once per graph) with each node's status; this script only moves the view
// (the viewBox), marks classes and asks the server for one asset's summary. One listener per kind of event on
// the whole graph (event delegation), never one per node: the graph may have thousands.
(function () {
  'use strict';

  var graph = document.getElementById('graph');
  var svg = document.getElementById('lineage-svg');
  if (!graph || !svg) { return; }

  var W = Number(svg.dataset.w), H = Number(svg.dataset.h);
  // A static array: a live collection of '.node' would be invalidated by every class change while marking.
  var nodes = Array.prototype.slice.call(svg.getElementsByClassName('node'));
  var n = nodes.length;
  var edgeLines = svg.querySelector('path.edge-lines');
  var edgeHl = svg.querySelector('path.edge-hl');
  var MAX_K = 3, LABEL_K = 0.45;

  // Adjacency: data-up lists, per node, how far back in node order each of its upstream nodes is. Edge e (in
  // that order) is subpath e of the edge path.
  var up = new Array(n), down = new Array(n), edgeFrom = [], edgeTo = [];
  (function parse() {
    var lists = (graph.dataset.up || '').split(';');
    var i, j;
    for (i = 0; i < n; i++) { up[i] = []; down[i] = []; }
    for (i = 0; i < n && i < lists.length; i++) {
      if (lists[i] === '') { continue; }
      var ds = lists[i].split(',');
      for (j = 0; j < ds.length; j++) {
        var from = i - Number(ds[j]);
        up[i].push(from);
        down[from].push(i);
        edgeFrom.push(from);
        edgeTo.push(i);
      }
    }
  })();
  var segments = null; // the edge path split per edge, on first highlight

  function keyOf(i) { return nodes[i].lastChild.textContent; }
  function indexOf(el) { return nodes.indexOf(el); }

  // ---- View: a viewBox (x, y) at scale k (screen pixels per drawing unit) ----
  var view = { x: 0, y: 0, k: 1 };
  var frame = 0;
  function size() { return { w: graph.clientWidth || 800, h: graph.clientHeight || 600 }; }
  function fitScale() {
    var s = size();
    return Math.min(s.w / W, s.h / H, 1);
  }
  function apply() {
    frame = 0;
    var s = size();
    svg.setAttribute('viewBox', view.x.toFixed(1) + ' ' + view.y.toFixed(1) + ' ' + (s.w / view.k).toFixed(1)
      + ' ' + (s.h / view.k).toFixed(1));
    svg.classList.toggle('far', view.k < LABEL_K);
  }
  function schedule() { if (!frame) { frame = requestAnimationFrame(apply); } }
  function fit() {
    var s = size();
    view.k = fitScale();
    view.x = (W - s.w / view.k) / 2;
    view.y = (H - s.h / view.k) / 2;
    schedule();
  }
  function centreOn(i, k) {
    var s = size();
    var t = nodes[i].transform.baseVal.consolidate().matrix;
    view.k = k;
    view.x = t.e - s.w / 2 / k;
    view.y = t.f - s.h / 2 / k;
    schedule();
  }
  // Zoom by factor f keeping the drawing point under (px, py) (pixels from the graph's corner) in place.
  function zoom(f, px, py) {
    var k = Math.max(Math.min(fitScale(), 1) * 0.5, Math.min(MAX_K, view.k * f));
    var ux = view.x + px / view.k, uy = view.y + py / view.k;
    view.k = k;
    view.x = ux - px / k;
    view.y = uy - py / k;
    schedule();
  }

  graph.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    var dy = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    zoom(Math.exp(-dy * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });

  // Drag to pan. The pointer is captured only once it has moved, so a plain click still reaches its node.
  var drag = null, dragged = false;
  svg.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) { return; }
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, id: ev.pointerId, moving: false };
    dragged = false;
  });
  svg.addEventListener('pointermove', function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moving && Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moving = true;
      svg.setPointerCapture(drag.id);
      svg.classList.add('panning');
    }
    if (drag.moving) {
      view.x = drag.vx - dx / view.k;
      view.y = drag.vy - dy / view.k;
      schedule();
    }
  });
  function endDrag() {
    if (drag && drag.moving) { dragged = true; svg.classList.remove('panning'); }
    drag = null;
  }
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  document.getElementById('zoom-fit').addEventListener('click', fit);
  document.getElementById('zoom-in').addEventListener('click', function () {
    var s = size(); zoom(1.5, s.w / 2, s.h / 2);
  });
  document.getElementById('zoom-out').addEventListener('click', function () {
    var s = size(); zoom(1 / 1.5, s.w / 2, s.h / 2);
  });
  window.addEventListener('resize', schedule);

  // ---- Selection and lineage highlight ----
  var selected = [];           // node indices, in the order they were picked
  var mark = new Uint8Array(n); // 0 none, 1 upstream, 2 downstream, 3 both, 4 selected

  function walk(start, adj, bit, next) {
    var stack = start.slice();
    while (stack.length) {
      var i = stack.pop();
      var list = adj[i];
      for (var j = 0; j < list.length; j++) {
        var m = list[j];
        if (!(next[m] & bit) && next[m] !== 4) { next[m] |= bit; stack.push(m); }
      }
    }
  }
  function highlight() {
    var next = new Uint8Array(n);
    selected.forEach(function (i) { next[i] = 4; });
    walk(selected, up, 1, next);
    walk(selected, down, 2, next);
    for (var i = 0; i < n; i++) {
      if (next[i] !== mark[i]) {
        var c = nodes[i].classList;
        c.remove('sel', 'up', 'down');
        if (next[i] === 4) { c.add('sel'); } else {
          if (next[i] & 1) { c.add('up'); }
          if (next[i] & 2) { c.add('down'); }
        }
      }
    }
    mark = next;
    svg.classList.toggle('dim', selected.length > 0);
    // Edges on the selection's lineage: both ends upstream (or the selection), or both downstream.
    var d = [];
    if (selected.length) {
      if (!segments) { segments = edgeLines.getAttribute('d').split('M'); }
      for (var e = 0; e < edgeFrom.length; e++) {
        var f = next[edgeFrom[e]], t = next[edgeTo[e]];
        if ((f & 1) && (t === 4 || (t & 1)) || (t & 2) && (f === 4 || (f & 2)) || f === 4 && t === 4) {
          d.push('M', segments[e + 1]);
        }
      }
    }
    edgeHl.setAttribute('d', d.join(''));
    showSelection();
  }

  // ---- Side panel: the selection (and materializing it) and one asset's summary ----
  var count = document.getElementById('selected-count');
  var keysList = document.getElementById('selected-keys');
  var clear = document.getElementById('clear-selection');
  var plan = document.getElementById('lineage-plan');
  var summary = document.getElementById('lineage-summary');
  function quote(key) { return '"' + key.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"'; }
  function showSelection() {
    var keys = selected.map(keyOf);
    count.textContent = keys.length === 0 ? 'No asset selected'
      : keys.length === 1 ? '1 asset selected' : keys.length + ' assets selected';
    clear.hidden = keys.length === 0;
    keysList.textContent = '';
    keys.slice(0, 12).forEach(function (k) {
      var li = document.createElement('li');
      li.textContent = k;
      keysList.appendChild(li);
    });
    if (keys.length > 12) {
      var more = document.createElement('li');
      more.className = 'muted';
      more.textContent = 'and ' + (keys.length - 12) + ' more';
      keysList.appendChild(more);
    }
    var text = keys.map(quote).join(', ');
    Array.prototype.forEach.call(document.querySelectorAll('#lineage-selection .selection-input'),
      function (input) { input.value = text; });
    Array.prototype.forEach.call(document.querySelectorAll('#lineage-selection button[id^="materialize-"]'),
      function (b) { b.disabled = keys.length === 0; });
    if (plan) { plan.textContent = ''; }
  }

  var asked = 0;
  function showSummary(i) {
    var ticket = ++asked;
    summary.classList.add('loading');
    fetch('/lineage/summary?key=' + encodeURIComponent(keyOf(i)), { headers: { 'HX-Request': 'true' } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (ticket !== asked) { return; }
        summary.innerHTML = html;
        summary.classList.remove('loading');
      })
      .catch(function () {
        if (ticket !== asked) { return; }
        summary.textContent = 'The summary could not be loaded: the server did not answer.';
        summary.classList.remove('loading');
      });
  }

  svg.addEventListener('click', function (ev) {
    if (dragged) { dragged = false; return; }
    var g = ev.target.closest('g.node');
    if (!g) {
      if (selected.length) { selected = []; highlight(); }
      return;
    }
    var i = indexOf(g);
    if (ev.shiftKey || ev.ctrlKey || ev.metaKey) {
      var at = selected.indexOf(i);
      if (at >= 0) { selected.splice(at, 1); } else { selected.push(i); }
    } else {
      selected = selected.length === 1 && selected[0] === i ? [] : [i];
    }
    highlight();
    if (selected.indexOf(i) >= 0) { showSummary(i); }
  });
  svg.addEventListener('dblclick', function (ev) {
    var g = ev.target.closest('g.node');
    if (g) { window.location.href = '/assets/' + keyOf(indexOf(g)).split('/').map(encodeURIComponent).join('/'); }
  });
  clear.addEventListener('click', function () { selected = []; highlight(); });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && selected.length) { selected = []; highlight(); }
  });
  // Errors of the plan preview (a bad selection, a plan that cannot be made) are shown in place too.
  document.body.addEventListener('htmx:beforeSwap', function (ev) {
    if (ev.detail.target === plan && ev.detail.xhr.status >= 400) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });

  // ---- Start: fit the graph (or centre on the asset the page was opened for), then mark it drawn ----
  var focus = svg.querySelector('g.node.focus');
  if (focus) {
    var fi = indexOf(focus);
    centreOn(fi, 1);
    selected = [fi];
    highlight();
    showSummary(fi);
  } else {
    fit();
  }
  if (frame) { cancelAnimationFrame(frame); }
  apply();
  // Two frames later the graph has been painted: the benchmark and the tests wait for this mark.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      svg.dataset.drawn = 'true';
      window.pelotonLineageDrawn = performance.now();
    });
  });
})();
