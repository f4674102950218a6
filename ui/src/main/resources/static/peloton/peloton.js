// Peloton UI: the partition health bar's selection and the run page's live events. Plain JavaScript.
(function () {
  'use strict';

  function initHealthBar() {
    var bar = document.getElementById('healthbar');
    if (!bar) { return; }
    var cells = Array.prototype.slice.call(bar.querySelectorAll('.cell'));
    var input = document.getElementById('partitions-input');
    var text = document.getElementById('selection-text');
    var anchor = -1;
    function update() {
      var picked = cells.filter(function (c) { return c.classList.contains('selected'); });
      var value = picked.map(function (c) { return c.dataset.sel; }).join(',');
      if (input) { input.value = value; }
      if (text) {
        text.textContent = picked.length === 0 ? 'none (all partitions)'
          : picked.length <= 4 ? value.split('...').join(' to ')
          : picked.length + ' cells, from ' + picked[0].dataset.from;
      }
    }
    bar.addEventListener('click', function (ev) {
      var cell = ev.target.closest('.cell');
      if (!cell) { return; }
      var i = Number(cell.dataset.i);
      if (ev.shiftKey && anchor >= 0) {
        var lo = Math.min(anchor, i), hi = Math.max(anchor, i);
        cells.forEach(function (c, j) { c.classList.toggle('selected', j >= lo && j <= hi); });
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
      cell(row, JSON.stringify(e.payload)).className = 'payload';
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
