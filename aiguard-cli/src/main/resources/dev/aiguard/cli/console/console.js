// AIGuard console: refreshes the server-rendered tables from /api and draws the charts and the graph (ECharts).
(function () {
  'use strict';
  var REFRESH_MS = 3000;
  var charts = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function getJson(path) {
    return fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { window.location = '/login'; throw new Error('signed out'); }
        return r.json();
      });
  }

  function filterQuery() {
    var form = document.getElementById('filters');
    var params = new URLSearchParams();
    ['stage', 'rule', 'identity', 'verdict'].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) { params.set(name, v); }
    });
    params.set('limit', '100');
    return params.toString();
  }

  function renderEvents(doc) {
    var body = document.querySelector('#events tbody');
    body.textContent = '';
    doc.events.forEach(function (e) {
      var tr = el('tr', null, e.verdict);
      var rule = e.rules.length ? e.rules[0] : (e.findings.length ? e.findings[0].rule : e.reason);
      var request = (e.method ? e.method + ' ' : '') + (e.path || '');
      [e.time, e.verdict, e.identity, e.stage, rule, request, e.message].forEach(function (v) {
        tr.appendChild(el('td', v));
      });
      body.appendChild(tr);
    });
  }

  function renderTop(doc) {
    fillList('top-cost', doc.byCost, function (r) { return r.tokens + ' tokens'; });
    fillList('top-blocks', doc.byBlocks, function (r) { return r.blocks + ' blocks'; });
  }

  function fillList(id, rows, describe) {
    var list = document.getElementById(id);
    list.textContent = '';
    rows.forEach(function (r) {
      var li = el('li');
      li.appendChild(el('span', r.identity, 'who'));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', describe(r), 'n'));
      list.appendChild(li);
    });
  }

  function renderRules(doc) {
    var body = document.querySelector('#rules tbody');
    body.textContent = '';
    doc.rules.forEach(function (r) {
      var tr = el('tr');
      [r.rule, r.enforced, r.wouldBlock, r.findings].forEach(function (v) { tr.appendChild(el('td', v)); });
      body.appendChild(tr);
    });
  }

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    }
    return charts[id];
  }

  function renderSeries(doc) {
    var labels = doc.points.map(function (p) { return new Date(p.start).toLocaleTimeString(); });
    chart('chart-traffic').setOption({
      animation: false,
      title: { text: 'requests and blocks per ' + (doc.bucketMillis / 1000) + ' s', textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis' },
      legend: { data: ['requests', 'blocks'], right: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'requests', type: 'line', data: doc.points.map(function (p) { return p.requests; }) },
        { name: 'blocks', type: 'bar', data: doc.points.map(function (p) { return p.blocks; }), itemStyle: { color: '#b3261e' } }
      ]
    });
    chart('chart-tokens').setOption({
      animation: false,
      title: { text: 'tokens per ' + (doc.bucketMillis / 1000) + ' s', textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value' },
      series: [{ name: 'tokens', type: 'line', areaStyle: {}, data: doc.points.map(function (p) { return p.tokens; }) }]
    });
  }

  var KINDS = ['identity', 'route', 'model', 'destination'];

  function renderGraph(doc) {
    var nodes = doc.nodes.map(function (n) {
      return { id: n.id, name: n.label, category: KINDS.indexOf(n.kind), symbolSize: n.kind === 'identity' ? 26 : 18 };
    });
    var links = doc.edges.map(function (e) {
      return {
        source: e.from, target: e.to, value: e.count,
        lineStyle: { color: e.blocked > 0 ? '#b3261e' : '#8a94a6', width: 1 + Math.min(4, Math.log(1 + e.count)) }
      };
    });
    chart('graph').setOption({
      animation: false,
      tooltip: {},
      legend: [{ data: KINDS }],
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: { repulsion: 220, edgeLength: 90 },
        categories: KINDS.map(function (k) { return { name: k }; }),
        label: { show: true, position: 'right', fontSize: 11 },
        edgeSymbol: ['none', 'arrow'],
        data: nodes, links: links
      }]
    });
  }

  function refresh() {
    getJson('/api/events?' + filterQuery()).then(renderEvents).catch(function () {});
    getJson('/api/top?limit=10').then(renderTop).catch(function () {});
    getJson('/api/rules').then(renderRules).catch(function () {});
    getJson('/api/series').then(renderSeries).catch(function () {});
    getJson('/api/graph').then(renderGraph).catch(function () {});
  }

  document.getElementById('filters').addEventListener('submit', function (ev) {
    ev.preventDefault();
    getJson('/api/events?' + filterQuery()).then(renderEvents).catch(function () {});
  });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });
  refresh();
  setInterval(refresh, REFRESH_MS);
}());
