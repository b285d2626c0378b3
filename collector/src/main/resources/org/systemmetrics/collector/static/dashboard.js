// Draws one chart per table from the aggregates embedded in the page (the same numbers as the tables beside them).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('aggregates').textContent);
  var palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  // Tables with two labels are drawn stacked: the first label along the axis, the second as the series.
  var stacked = {openfire_versions_by_month: 'line', plugin_versions: 'bar', backends: 'bar', transport_tls: 'bar'};

  function firstKey(row) { return Object.keys(row)[0]; }
  function secondKey(row) { return Object.keys(row)[1]; }

  function chartFor(name, rows) {
    var canvas = document.getElementById('chart-' + name);
    if (!canvas || rows.length === 0) { return; }
    var config;
    if (stacked[name]) {
      var a = firstKey(rows[0]), b = secondKey(rows[0]);
      var xs = [], series = [];
      rows.forEach(function (r) {
        if (xs.indexOf(r[a]) < 0) { xs.push(r[a]); }
        if (series.indexOf(r[b]) < 0) { series.push(r[b]); }
      });
      if (name === 'openfire_versions_by_month') { xs.sort(); }
      var datasets = series.map(function (s, i) {
        return {
          label: s,
          data: xs.map(function (x) {
            var hit = rows.filter(function (r) { return r[a] === x && r[b] === s; })[0];
            return hit ? hit.installations : 0;
          }),
          backgroundColor: palette[i % palette.length],
          borderColor: palette[i % palette.length]
        };
      });
      config = {
        type: stacked[name],
        data: {labels: xs, datasets: datasets},
        options: {maintainAspectRatio: false, animation: false,
          scales: {x: {stacked: stacked[name] === 'bar'}, y: {stacked: stacked[name] === 'bar', beginAtZero: true}}}
      };
    } else {
      var key = firstKey(rows[0]);
      var value = name === 'stanza_totals' ? 'increment' : 'installations';
      config = {
        type: 'bar',
        data: {labels: rows.map(function (r) { return r[key]; }),
          datasets: [{label: value, data: rows.map(function (r) { return r[value]; }), backgroundColor: palette[0]}]},
        options: {maintainAspectRatio: false, animation: false, plugins: {legend: {display: false}},
          scales: {y: {beginAtZero: true}}}
      };
    }
    new Chart(canvas, config);
  }

  Object.keys(data.tables).forEach(function (name) { chartFor(name, data.tables[name]); });
  document.documentElement.setAttribute('data-charts', 'drawn');
})();
