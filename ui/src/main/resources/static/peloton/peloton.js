// Peloton UI: the partition health bar's selection and the run page's live events. Plain JavaScript.
(function () {
  'use strict';

  // The partition health bar: click selects a cell, shift-click a range from the last clicked cell, ctrl-click
  // adds or removes a cell, and a drag (mouse down on a cell, move, mouse up) selects the cells between (ctrl-drag
  // adds them). The selection goes to the materialize form as keys and ranges (from...to).
  function initHealthBar() {
    var bar = document.getElementById('healthbar');
    if (!bar) { return; }
    var cells = Array.prototype.slice.call(bar.querySelectorAll('.cell'));
    var input = document.getElementById('partitions-input');
    var text = document.getElementById('selection-text');
    var anchor = -1;
    var drag = null; // {from, to, moved, additive} while the mouse button is down on the bar
    var swallowClick = false;
    function lastKey(c) {
      var sel = c.dataset.sel, at = sel.indexOf('...');
      return at < 0 ? sel : sel.substring(at + 3);
    }
    // Consecutive selected cells become one range, so a long drag stays a short form value.
    function runs() {
      var out = [], start = -1;
      for (var j = 0; j <= cells.length; j++) {
        var on = j < cells.length && cells[j].classList.contains('selected');
        if (on && start < 0) { start = j; }
        if (!on && start >= 0) {
          out.push(start === j - 1 ? cells[start].dataset.sel : cells[start].dataset.from + '...' + lastKey(cells[j - 1]));
          start = -1;
        }
      }
      return out;
    }
    function update() {
      var picked = runs();
      var value = picked.join(',');
      if (input) { input.value = value; }
      if (text) {
        text.textContent = picked.length === 0 ? 'none (all partitions)'
          : picked.length <= 4 ? value.split('...').join(' to ').split(',').join(', ')
          : picked.length + ' ranges, from ' + picked[0].split('...')[0];
      }
    }
    function selectRange(lo, hi, additive) {
      cells.forEach(function (c, j) {
        var inside = j >= lo && j <= hi;
        c.classList.toggle('selected', inside || (additive && c.classList.contains('selected')));
      });
    }
    function paintDrag() {
      var lo = Math.min(drag.from, drag.to), hi = Math.max(drag.from, drag.to);
      cells.forEach(function (c, j) { c.classList.toggle('dragging', j >= lo && j <= hi); });
    }
    bar.addEventListener('mousedown', function (ev) {
      var cell = ev.target.closest('.cell');
      swallowClick = false;
      if (!cell || ev.button !== 0 || ev.shiftKey) { return; }
      var i = Number(cell.dataset.i);
      drag = {from: i, to: i, moved: false, additive: ev.ctrlKey || ev.metaKey};
      ev.preventDefault(); // no text selection while dragging
    });
    bar.addEventListener('mouseover', function (ev) {
      var cell = drag && ev.target.closest('.cell');
      if (!cell) { return; }
      var i = Number(cell.dataset.i);
      if (i !== drag.to) {
        drag.to = i;
        drag.moved = true;
        paintDrag();
      }
    });
    document.addEventListener('mouseup', function () {
      if (!drag) { return; }
      var d = drag;
      drag = null;
      cells.forEach(function (c) { c.classList.remove('dragging'); });
      if (!d.moved) { return; } // a plain click: the click handler decides
      selectRange(Math.min(d.from, d.to), Math.max(d.from, d.to), d.additive);
      anchor = d.from;
      swallowClick = true; // the click that ends a drag selects nothing more
      update();
    });
    bar.addEventListener('click', function (ev) {
      if (swallowClick) { swallowClick = false; return; }
      var cell = ev.target.closest('.cell');
      if (!cell) { return; }
      var i = Number(cell.dataset.i);
      if (ev.shiftKey && anchor >= 0) {
        selectRange(Math.min(anchor, i), Math.max(anchor, i), false);
      } else if (ev.ctrlKey || ev.metaKey) {
        cell.classList.toggle('selected');
        anchor = i;
      } else {
        var only = cell.classList.contains('selected') &&
          cells.filter(function (c) { return c.classList.contains('selected'); }).length === 1;
        cells.forEach(function (c) { c.classList.remove('selected'); });
        if (!only) { cell.classList.add('selected'); }
        anchor = i;
      }
      update();
    });
  }

  function initRunEvents() {
    var table = document.getElementById('events');
    if (!table || table.dataset.live !== 'true' || !window.EventSource) { return; }
    var body = table.querySelector('tbody');
    var url = '/runs/' + table.dataset.run + '/events/stream?after=' + table.dataset.after;
    var source = new EventSource(url);
    function cell(row, value) {
      var td = document.createElement('td');
      td.textContent = value == null ? '' : value;
      row.appendChild(td);
      return td;
    }
    function add(ev) {
      var e = JSON.parse(ev.data);
      var row = document.createElement('tr');
      row.dataset.type = e.type;
      cell(row, e.sequence);
      cell(row, (e.timestamp || '').substring(11, 23));
      cell(row, e.type);
      cell(row, e.stepId);
      var json = JSON.stringify(e.payload);
      var td = cell(row, json.length <= 200 ? json : '');
      td.className = 'payload';
      if (json.length > 200) {
        // Long details (a preview of rows, say) fold away, as the server draws them.
        var details = document.createElement('details');
        var summary = document.createElement('summary');
        summary.textContent = json.substring(0, 157) + '...';
        var pre = document.createElement('pre');
        pre.textContent = JSON.stringify(e.payload, null, 2);
        details.appendChild(summary);
        details.appendChild(pre);
        td.appendChild(details);
      }
      body.appendChild(row);
    }
    ['RUN_STARTED', 'STEP_STARTED', 'MATERIALIZATION', 'CHECK_EVALUATED', 'STEP_FAILED', 'RETRY_SCHEDULED',
      'STEP_SKIPPED', 'STEP_SUCCEEDED', 'STEP_CANCELED', 'LOG', 'RUN_FINISHED', 'RUN_REQUEUED', 'message']
      .forEach(function (type) { source.addEventListener(type, add); });
    source.addEventListener('end', function () {
      source.close();
      // The run has ended: reload once so that the status, steps and errors are drawn from the final state.
      window.location.reload();
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) { return; }
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    initHealthBar();
    if (document.getElementById('healthbar')) {
      // Two frames later the bar has been painted: the ui benchmark waits for this mark.
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { window.pelotonHealthBarDrawn = performance.now(); });
      });
    }
    initRunEvents();
  });
})();
