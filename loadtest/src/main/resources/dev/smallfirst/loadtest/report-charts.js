/*
 * The load-test report's charts (ECharts, SVG renderer), drawn from the report JSON embedded in the
 * page (#report-data). Each chart container (div[data-chart]) ends with data-rendered set to "yes"
 * (and data-svg-elements to the number of SVG elements drawn), "not-measured" when the report has
 * no data for it, or "failed"; the page's root gets data-charts-done when every chart has been
 * tried. Nothing is fetched: the page opens offline.
 */
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var base = report.baseline || null;
  var COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#319795',
    '#d53f8c', '#4a5568', '#718096'];
  var GRID = {top: 56, left: 16, right: 32, bottom: 40, containLabel: true};
  var LEGEND = {type: 'scroll', top: 4, left: 'center', itemGap: 16};

  function ms(v) { return v == null ? '-' : Number(v).toFixed(1) + ' ms'; }

  /** Percentile p (in %) on the HdrHistogram axis: 1 / (1 - p). */
  function toAxis(p) { return 1 / (1 - Math.min(p, 99.9999) / 100); }

  function percentLabel(v) {
    var p = 100 * (1 - 1 / v);
    if (p <= 0) { return '0%'; }
    var digits = Math.max(0, Math.round(Math.log10(v)) - 2);
    return p.toFixed(digits) + '%';
  }

  /** The distribution of a report (or its Percentiles when the report predates it). */
  function distribution(r, route) {
    if (!r) { return null; }
    var d = r.latency_distribution_ms && r.latency_distribution_ms[route];
    if (d && d.length) {
      return d.map(function (pt) { return [toAxis(pt.percentile), pt.ms, pt.percentile]; });
    }
    var p = route === 'all' ? r.latency_ms : (r.latency_ms_by_route || {})[route];
    if (!p) { return null; }
    return [[50, p.p50], [90, p.p90], [99, p.p99], [99.9, p.p999]].map(function (x) {
      return [toAxis(x[0]), x[1], x[0]];
    });
  }

  function latencyOption() {
    var series = [];
    function add(name, data) {
      if (data && data.length) {
        series.push({name: name, type: 'line', data: data, showSymbol: true, symbolSize: 5});
      }
    }
    add('smallfirst, all routes', distribution(report, 'all'));
    add('smallfirst, small-only', distribution(report, 'SMALL_ONLY'));
    add('smallfirst, escalated', distribution(report, 'ESCALATED'));
    add('naive baseline, all', distribution(base, 'all'));
    if (!series.length) { return null; }
    return {
      color: COLORS, animation: false, legend: LEGEND, grid: GRID,
      tooltip: {trigger: 'item', formatter: function (p) {
        return p.seriesName + '<br>p' + p.data[2] + ': ' + ms(p.data[1]);
      }},
      xAxis: {type: 'log', logBase: 10, min: 1, name: 'percentile', nameLocation: 'middle',
        nameGap: 28, axisLabel: {formatter: percentLabel}, splitLine: {show: true}},
      yAxis: {type: 'value', name: 'ms from intended send', nameTextStyle: {align: 'left'}},
      series: series
    };
  }

  function hopsOption() {
    var hops = report.per_hop_ms;
    if (!hops || !Object.keys(hops).length) { return null; }
    var stats = ['mean', 'p50', 'p99'];
    var series = Object.keys(hops).map(function (hop) {
      return {name: hop, type: 'bar', stack: 'hops', barWidth: '55%',
        data: stats.map(function (s) { return hops[hop][s]; })};
    });
    return {
      color: COLORS, animation: false, legend: LEGEND, grid: GRID,
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: ms},
      xAxis: {type: 'value', name: 'ms per small-only reply', nameLocation: 'middle', nameGap: 28},
      yAxis: {type: 'category', data: stats, inverse: true},
      series: series
    };
  }

  function timelineOption() {
    var series = [];
    function add(name, r, field, dashed) {
      if (r && r.timeline && r.timeline.length) {
        series.push({name: name, type: 'line', showSymbol: false,
          lineStyle: dashed ? {type: 'dashed'} : undefined,
          data: r.timeline.map(function (s) { return [s.second, s[field]]; })});
      }
    }
    add('smallfirst replies', report, 'replies', false);
    add('smallfirst sent', report, 'sent', true);
    add('baseline replies', base, 'replies', false);
    add('baseline sent', base, 'sent', true);
    if (!series.length) { return null; }
    return {
      color: COLORS, animation: false, legend: LEGEND, grid: GRID,
      tooltip: {trigger: 'axis'},
      xAxis: {type: 'value', name: 'seconds since the first send', nameLocation: 'middle',
        nameGap: 28, minInterval: 1},
      yAxis: {type: 'value', name: 'per second', minInterval: 1},
      series: series
    };
  }

  function barOption(labels, values, axisName, format) {
    return {
      animation: false, grid: {top: 24, left: 16, right: 90, bottom: 40, containLabel: true},
      tooltip: {trigger: 'item', valueFormatter: format},
      xAxis: {type: 'value', name: axisName, nameLocation: 'middle', nameGap: 28},
      yAxis: {type: 'category', data: labels, inverse: true},
      series: [{type: 'bar', barWidth: '55%',
        data: values.map(function (v, i) { return {value: v, itemStyle: {color: COLORS[i]}}; }),
        label: {show: true, position: 'right', formatter: function (p) { return format(p.value); }}}]
    };
  }

  function costOption() {
    var labels = ['smallfirst'];
    var values = [report.cost_per_1k_usd];
    if (base) { labels.push('naive baseline'); values.push(base.cost_per_1k_usd); }
    labels.push('all frontier (counterfactual)');
    values.push(report.all_frontier_cost_per_1k_usd);
    return barOption(labels, values, 'USD per 1,000 messages',
      function (v) { return '$' + Number(v).toFixed(4); });
  }

  function routesOption() {
    var routes = Object.keys(report.routes || {});
    if (!routes.length) { return null; }
    var series = [{name: 'smallfirst', type: 'bar',
      data: routes.map(function (r) { return report.routes[r]; })}];
    if (base && base.routes) {
      series.push({name: 'naive baseline', type: 'bar',
        data: routes.map(function (r) { return base.routes[r] || 0; })});
    }
    series.forEach(function (s) { s.label = {show: true, position: 'right'}; });
    return {
      color: COLORS, animation: false, legend: LEGEND,
      grid: {top: 56, left: 16, right: 60, bottom: 40, containLabel: true},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', name: 'replies', nameLocation: 'middle', nameGap: 28},
      yAxis: {type: 'category', data: routes, inverse: true},
      series: series
    };
  }

  function saturationOption() {
    var s = report.saturation;
    if (!s || s.smallfirst_per_s == null) { return null; }
    var option = barOption(['smallfirst', 'naive baseline'], [s.smallfirst_per_s, s.baseline_per_s],
      'highest sustainable msg/s with p99 within ' + s.slo_p99_ms + ' ms',
      function (v) { return v == null ? '-' : Number(v).toFixed(1) + '/s'; });
    return option;
  }

  /** Intent accuracy and chrF (both 0 to 100) per route, when the requests said what is right. */
  function qualityOption() {
    var q = report.quality;
    if (!q || !q.routes || !Object.keys(q.routes).length) { return null; }
    var routes = Object.keys(q.routes);
    function value(route, field, scale) {
      var v = q.routes[route][field];
      return v == null ? null : Math.round(v * scale * 10) / 10;
    }
    var series = [
      {name: 'intent accuracy %', type: 'bar',
        data: routes.map(function (r) { return value(r, 'intent_accuracy', 100); })},
      {name: 'chrF (slot-folded)', type: 'bar',
        data: routes.map(function (r) { return value(r, 'chrf', 1); })}
    ].filter(function (s) { return s.data.some(function (v) { return v != null; }); });
    series.forEach(function (s) { s.label = {show: true, position: 'right'}; });
    return {
      color: COLORS, animation: false, legend: LEGEND,
      grid: {top: 56, left: 16, right: 60, bottom: 40, containLabel: true},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', min: 0, max: 100, name: '0 to 100', nameLocation: 'middle',
        nameGap: 28},
      yAxis: {type: 'category', data: routes.map(function (r) {
        return r + ' (' + q.routes[r].replies + ')';
      }), inverse: true},
      series: series
    };
  }

  var CHARTS = {latency: latencyOption, hops: hopsOption, timeline: timelineOption,
    cost: costOption, routes: routesOption, saturation: saturationOption,
    quality: qualityOption};

  var errors = window.__reportErrors || [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    try {
      var option = CHARTS[el.dataset.chart]();
      if (!option) {
        el.classList.add('empty');
        el.textContent = 'not measured';
        el.dataset.rendered = 'not-measured';
        return;
      }
      var chart = echarts.init(el, null, {renderer: 'svg'});
      chart.setOption(option);
      window.addEventListener('resize', function () { chart.resize(); });
      el.dataset.svgElements = String(el.querySelectorAll('svg *').length);
      el.dataset.rendered = 'yes';
    } catch (e) {
      errors.push(el.dataset.chart + ': ' + e);
      el.dataset.rendered = 'failed';
      el.textContent = 'chart failed: ' + e;
    }
  });
  document.documentElement.dataset.errors = String(errors.length);
  document.documentElement.dataset.chartsDone = 'yes';
})();
