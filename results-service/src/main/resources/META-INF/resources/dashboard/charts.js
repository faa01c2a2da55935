// The study page's plots, drawn with Apache ECharts from the results service's /plots endpoints.
// After drawing, each chart element carries data-* attributes counted from the chart's own
// option (points, curves, bars...): what a reader sees, and what the browser test checks.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';
import { num, STATE_COLORS } from './format.js';

const GOOD_TO_BAD = ['#1b5e20', '#66bb6a', '#fdd835', '#fb8c00', '#c62828'];
const BEST_COLORS = ['#3451b2', '#c2185b', '#00897b', '#6d4c41', '#5e35b1', '#00838f', '#ad1457', '#2e7d32',
  '#ef6c00', '#455a64'];
const X_MARK = 'path://M2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5L0,2Z';
const STATE_CODES = ['WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL'];

window.addEventListener('resize', () => {
  document.querySelectorAll('.chart').forEach((el) => echarts.getInstanceByDom(el)?.resize());
});

function chart(el) {
  el.querySelector('.placeholder')?.remove();
  return echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
}

/** Replaces a chart by a message; state tells why (empty, unavailable, error). */
export function placeholder(el, text, state = 'empty') {
  echarts.getInstanceByDom(el)?.dispose();
  el.querySelector('.placeholder')?.remove();
  const p = document.createElement('p');
  p.className = 'placeholder';
  p.textContent = text;
  el.appendChild(p);
  el.dataset.state = state;
}

function draw(el, option) {
  const c = chart(el);
  c.setOption(option, { notMerge: true });
  el.dataset.state = 'ready';
  return c.getOption();
}

function gradient(direction) {
  return direction === 'maximize' ? [...GOOD_TO_BAD].reverse() : GOOD_TO_BAD;
}

/**
 * The axis of a parameter: its choices on a category axis, else a value or log axis over the
 * parameter's range. Axis lines stay at the plot's edge, not at zero.
 */
function axisFor(param, extra = {}) {
  if (param.type === 'categorical') {
    return { type: 'category', data: param.choices, name: param.name, axisLine: { onZero: false }, ...extra };
  }
  const axis = { type: param.log ? 'log' : 'value', name: param.name, axisLine: { onZero: false }, ...extra };
  if (param.low !== null && param.high !== null && param.high > param.low) {
    axis.min = param.low;
    axis.max = param.high;
  } else {
    axis.scale = true;
  }
  axis.axisLabel = { hideOverlap: true };
  if (param.log) {
    axis.axisLabel.formatter = (v) => num(v, 2);
  }
  return axis;
}

/** Where a parameter's column value goes on its axis: the choice's label on a category axis. */
function onAxis(param, value) {
  return param.type === 'categorical' ? param.choices[value] : value;
}

export function history(el, d, objectiveName) {
  if (!d.complete) {
    placeholder(el, 'No complete trial yet.');
    return;
  }
  const option = draw(el, {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `trial ${p.value[0]}<br>${objectiveName}: ${num(p.value[1])}` },
    legend: { top: 0, data: ['trials', 'best so far'] },
    grid: { left: 64, right: 24, top: 34, bottom: 48 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', name: objectiveName, scale: true },
    dataZoom: [{ type: 'inside' }],
    series: [
      {
        name: 'trials', type: 'scatter', symbolSize: 5, large: d.shown > 3000,
        itemStyle: { color: '#3451b2', opacity: 0.65 },
        data: d.numbers.map((n, i) => [n, d.values[i]]),
      },
      {
        name: 'best so far', type: 'line', step: 'end', showSymbol: false,
        lineStyle: { color: '#c62828', width: 2 },
        data: d.bestNumbers.map((n, i) => [n, d.bestValues[i]]),
      },
    ],
  });
  el.dataset.points = String(option.series[0].data.length);
  el.dataset.best = String(option.series[1].data.length);
  el.dataset.complete = String(d.complete);
}

export function intermediate(el, d, objectiveName) {
  if (!d.curves.length) {
    placeholder(el, 'No trial has reported an epoch yet.');
    el.dataset.curves = '0';
    return;
  }
  let bestIndex = 0;
  const series = d.curves.map((c) => {
    let name;
    let style;
    if (c.role === 'BEST') {
      name = 'best trials';
      style = { color: BEST_COLORS[bestIndex++ % BEST_COLORS.length], width: 2 };
    } else if (c.role === 'RUNNING') {
      name = 'running';
      style = { color: STATE_COLORS.RUNNING, width: 1.5, type: 'dashed' };
    } else if (c.pruned) {
      name = 'pruned';
      style = { color: STATE_COLORS.PRUNED, width: 1, opacity: 0.55 };
    } else {
      name = 'others';
      style = { color: '#8a939c', width: 1, opacity: 0.45 };
    }
    return {
      id: 'trial-' + c.number, name, type: 'line', showSymbol: false, lineStyle: style,
      itemStyle: { color: style.color }, emphasis: { focus: 'series' }, z: c.role === 'BEST' ? 3 : 2,
      data: c.epochs.map((e, i) => [e, c.values[i]]),
    };
  });
  const prunedEnds = d.curves.filter((c) => c.pruned && c.epochs.length)
    .map((c) => ({ value: [c.epochs[c.epochs.length - 1], c.values[c.values.length - 1]], number: c.number }));
  series.push({
    id: 'pruned-marks', name: 'pruned', type: 'scatter', symbol: X_MARK, symbolSize: 9, z: 4,
    itemStyle: { color: STATE_COLORS.PRUNED }, data: prunedEnds,
  });
  const option = draw(el, {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.seriesId === 'pruned-marks'
        ? `trial ${p.data.number} pruned after epoch ${p.value[0]}: ${num(p.value[1])}`
        : `trial ${p.seriesId.slice(6)}, epoch ${p.value[0]}: ${num(p.value[1])}`),
    },
    legend: { top: 0, data: ['best trials', 'running', 'others', 'pruned'] },
    grid: { left: 64, right: 24, top: 34, bottom: 48 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 28, min: 1, max: Math.max(1, d.maxEpoch) },
    yAxis: { type: 'value', name: objectiveName, scale: true },
    dataZoom: [{ type: 'inside' }],
    series,
  });
  const lines = option.series.filter((s) => s.type === 'line');
  el.dataset.curves = String(lines.length);
  el.dataset.prunedMarks = String(option.series.find((s) => s.id === 'pruned-marks').data.length);
  el.dataset.withEpochs = String(d.withEpochs);
  return `${lines.length} of ${d.withEpochs} trials with epochs`;
}

export function parallel(el, d, objectiveName) {
  if (!d.shown) {
    placeholder(el, 'No complete trial yet.');
    return;
  }
  const axes = d.params.map((p, i) => {
    const axis = { dim: i, name: p.name };
    if (p.type === 'categorical') {
      return { ...axis, type: 'category', data: p.choices };
    }
    axis.type = p.log ? 'log' : 'value';
    if (p.low !== null && p.high !== null && p.high > p.low) {
      axis.min = p.low;
      axis.max = p.high;
    } else {
      axis.scale = true;
    }
    return axis;
  });
  const objectiveDim = d.params.length;
  axes.push({ dim: objectiveDim, name: objectiveName, type: 'value', scale: true, nameTextStyle: { fontWeight: 'bold' } });
  const data = d.numbers.map((n, row) => {
    const line = d.params.map((p, i) => {
      const v = d.columns[i][row];
      if (v === null || v === undefined) {
        return '-';
      }
      return p.type === 'categorical' ? p.choices[v] : v;
    });
    line.push(d.values[row]);
    return line;
  });
  const values = d.values;
  const option = draw(el, {
    animation: false,
    tooltip: { show: false },
    parallel: { left: 60, right: 110, top: 40, bottom: 30, parallelAxisDefault: { nameLocation: 'end', nameGap: 12 } },
    parallelAxis: axes,
    visualMap: {
      type: 'continuous', dimension: objectiveDim, min: Math.min(...values), max: Math.max(...values),
      inRange: { color: gradient(d.direction) }, right: 10, top: 'middle', calculable: true, text: [objectiveName, ''],
      itemHeight: 160,
    },
    series: [{ type: 'parallel', lineStyle: { width: 1, opacity: 0.5 }, progressive: 1000, data }],
  });
  el.dataset.lines = String(option.series[0].data.length);
  el.dataset.axes = String(option.parallelAxis.length);
  return d.shown < d.complete ? `${d.shown} of ${d.complete} complete trials (the best and an even sample)` : '';
}

export function importance(el, result) {
  if (!result || !result.importances || !result.importances.length) {
    placeholder(el, 'Parameter importance is not available yet.', 'unavailable');
    el.dataset.bars = '0';
    return;
  }
  const rows = [...result.importances].sort((a, b) => b.importance - a.importance);
  const option = draw(el, {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${num(p.value, 3)}` },
    grid: { left: 110, right: 40, top: 20, bottom: 40 },
    xAxis: { type: 'value', name: `importance (${result.method}, ${result.trials} trials)`, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.param) },
    series: [{
      type: 'bar', data: rows.map((r) => r.importance), itemStyle: { color: '#3451b2' },
      label: { show: true, position: 'right', formatter: (p) => num(p.value, 2) },
    }],
  });
  el.dataset.bars = String(option.series[0].data.length);
}

export function edf(el, d, objectiveName) {
  if (!d.complete) {
    placeholder(el, 'No complete trial yet.');
    return;
  }
  const option = draw(el, {
    animation: false,
    tooltip: { trigger: 'axis', formatter: (ps) => `${objectiveName} \u2264 ${num(ps[0].value[0])}: ${num(ps[0].value[1] * 100, 3)}% of trials` },
    grid: { left: 64, right: 24, top: 20, bottom: 48 },
    xAxis: { type: 'value', name: objectiveName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: 'cumulative share', min: 0, max: 1 },
    series: [{
      type: 'line', step: 'end', showSymbol: false, lineStyle: { color: '#3451b2', width: 2 },
      areaStyle: { color: 'rgba(52, 81, 178, 0.08)' }, data: d.values.map((v, i) => [v, d.fractions[i]]),
    }],
  });
  el.dataset.points = String(option.series[0].data.length);
  el.dataset.complete = String(d.complete);
}

export function slice(el, d, objectiveName) {
  if (!d.shown) {
    placeholder(el, 'No complete trial yet.');
    return;
  }
  const params = d.params.slice(0, 12);
  const cols = Math.min(4, params.length);
  const rows = Math.ceil(params.length / cols);
  const grids = [];
  const xAxes = [];
  const yAxes = [];
  const series = [];
  params.forEach((p, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    grids.push({
      left: `${(col * 100) / cols + 5}%`, width: `${100 / cols - 7}%`,
      top: `${(row * 100) / rows + 6}%`, height: `${100 / rows - 16}%`,
    });
    xAxes.push(axisFor(p, { gridIndex: i, nameLocation: 'middle', nameGap: 24 }));
    yAxes.push({
      type: 'value', gridIndex: i, scale: true, name: col === 0 ? objectiveName : '',
      axisLine: { onZero: false }, axisLabel: { formatter: (v) => num(v, 3) },
    });
    const data = [];
    d.numbers.forEach((n, r) => {
      const v = d.columns[i][r];
      if (v !== null && v !== undefined) {
        data.push([onAxis(p, v), d.values[r], n]);
      }
    });
    series.push({ name: p.name, type: 'scatter', xAxisIndex: i, yAxisIndex: i, symbolSize: 5, data, large: data.length > 3000 });
  });
  const option = draw(el, {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `trial ${p.value[2]}<br>${p.seriesName}: ${num(p.value[0])}<br>${objectiveName}: ${num(p.value[1])}` },
    grid: grids, xAxis: xAxes, yAxis: yAxes, series,
    visualMap: {
      type: 'continuous', dimension: 2, min: Math.min(...d.numbers), max: Math.max(...d.numbers),
      inRange: { color: ['#c5cae9', '#3451b2', '#1a237e'] }, show: false,
    },
  });
  el.dataset.params = String(option.series.length);
  el.dataset.points = option.series.map((s) => s.data.length).join(',');
  return d.params.length > params.length ? `first ${params.length} of ${d.params.length} parameters` : '';
}

export function contour(el, d, objectiveName) {
  if (!d.complete) {
    placeholder(el, `No complete trial has both ${d.x.name} and ${d.y.name} yet.`);
    el.dataset.points = '0';
    return;
  }
  // A cell: [x from, x to, y from, y to, value, x index, y index]; a categorical axis places
  // its cell by the choice's index and the category band's width instead of the edges.
  const cells = [];
  for (let j = 0; j < d.z.length; j++) {
    for (let i = 0; i < d.z[j].length; i++) {
      cells.push([d.xEdges[i], d.xEdges[i + 1], d.yEdges[j], d.yEdges[j + 1], d.z[j][i], i, j]);
    }
  }
  const xCategorical = d.x.type === 'categorical';
  const yCategorical = d.y.type === 'categorical';
  const span = (api, categorical, from, to, index, dim) => {
    const pick = (v) => (dim === 0 ? api.coord([v, yCategorical ? 0 : d.yEdges[0]])[0] : api.coord([xCategorical ? 0 : d.xEdges[0], v])[1]);
    if (categorical) {
      const center = pick(index);
      const band = api.size(dim === 0 ? [1, 0] : [0, 1])[dim];
      return [center - band / 2, center + band / 2];
    }
    return [pick(from), pick(to)];
  };
  const option = draw(el, {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.seriesIndex === 1
        ? `trial ${p.value[3]}<br>${d.x.name}: ${num(p.value[0])}<br>${d.y.name}: ${num(p.value[1])}<br>${objectiveName}: ${num(p.value[2])}`
        : `interpolated ${objectiveName}: ${num(p.value[4])}`),
    },
    grid: { left: 70, right: 90, top: 20, bottom: 50 },
    xAxis: axisFor(d.x, { nameLocation: 'middle', nameGap: 28 }),
    yAxis: axisFor(d.y, { nameLocation: 'middle', nameGap: 50 }),
    visualMap: {
      type: 'continuous', seriesIndex: 0, dimension: 4, min: d.zMin, max: d.zMax === d.zMin ? d.zMin + 1 : d.zMax,
      inRange: { color: gradient(d.direction) }, right: 5, top: 'middle', calculable: true, itemHeight: 150,
      text: [objectiveName, ''],
    },
    series: [
      {
        type: 'custom', encode: xCategorical || yCategorical ? {} : { x: [0, 1], y: [2, 3] }, data: cells, silent: false,
        renderItem: (params, api) => {
          const [x0, x1] = span(api, xCategorical, api.value(0), api.value(1), api.value(5), 0);
          const [y0, y1] = span(api, yCategorical, api.value(2), api.value(3), api.value(6), 1);
          return {
            type: 'rect',
            shape: { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0) + 0.6, height: Math.abs(y1 - y0) + 0.6 },
            style: { fill: api.visual('color'), opacity: 0.85 },
          };
        },
      },
      {
        type: 'scatter', symbolSize: 6, itemStyle: { color: '#111', borderColor: '#fff', borderWidth: 1 },
        data: d.numbers.map((n, i) => [onAxis(d.x, d.xs[i]), onAxis(d.y, d.ys[i]), d.values[i], n]),
      },
    ],
  });
  el.dataset.cells = String(option.series[0].data.length);
  el.dataset.points = String(option.series[1].data.length);
  el.dataset.complete = String(d.complete);
}

export function pareto(el, d) {
  if (!d.complete) {
    placeholder(el, 'No complete trial yet.');
    return;
  }
  const xName = d.objectiveNames[d.x] + ` (${d.directions[d.x]})`;
  const yName = d.objectiveNames[d.y] + ` (${d.directions[d.y]})`;
  const option = draw(el, {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `trial ${p.value[2]}<br>${xName}: ${num(p.value[0])}<br>${yName}: ${num(p.value[1])}` },
    legend: { top: 0, data: ['Pareto front', 'other trials'] },
    grid: { left: 70, right: 30, top: 34, bottom: 50 },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 50, scale: true },
    series: [
      { name: 'other trials', type: 'scatter', symbolSize: 5, itemStyle: { color: '#8a939c', opacity: 0.6 }, data: d.otherNumbers.map((n, i) => [d.otherX[i], d.otherY[i], n]) },
      { name: 'Pareto front', type: 'scatter', symbolSize: 8, itemStyle: { color: '#c62828' }, z: 3, data: d.frontNumbers.map((n, i) => [d.frontX[i], d.frontY[i], n]) },
    ],
  });
  el.dataset.front = String(option.series[1].data.length);
  el.dataset.others = String(option.series[0].data.length);
  el.dataset.complete = String(d.complete);
}

export function timeline(el, d) {
  if (!d.trainers.length) {
    placeholder(el, 'No trial has started on a trainer yet.');
    el.dataset.rows = '0';
    return;
  }
  const ids = d.trainers.map((t) => t.id);
  const option = draw(el, {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        if (p.seriesIndex === 1) {
          return `${new Date(p.value[0]).toLocaleTimeString()}: ${p.value[1]} running`;
        }
        const [start, end, trainer, state, number, count] = p.value;
        const what = count > 1 ? `${count} trials from #${number} (mostly ${STATE_CODES[state]})` : `trial ${number} (${STATE_CODES[state]})`;
        return `${ids[trainer]}<br>${what}<br>${((end - start) / 1000).toFixed(1)} s`;
      },
    },
    grid: [
      { left: 130, right: 30, top: 10, bottom: '30%' },
      { left: 130, right: 30, height: '14%', bottom: 30 },
    ],
    xAxis: [
      { type: 'time', gridIndex: 0, min: d.start, max: d.end, axisLabel: { show: false } },
      { type: 'time', gridIndex: 1, min: d.start, max: d.end },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: ids, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      { type: 'value', gridIndex: 1, name: 'running', minInterval: 1, nameTextStyle: { align: 'right' } },
    ],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
    series: [
      {
        type: 'custom', xAxisIndex: 0, yAxisIndex: 0, encode: { x: [0, 1], y: 2 },
        data: d.bars.map((b) => [b.start, b.end, b.trainer, STATE_CODES.indexOf(b.state), b.number, b.count]),
        renderItem: (params, api) => {
          const start = api.coord([api.value(0), api.value(2)]);
          const end = api.coord([api.value(1), api.value(2)]);
          const height = api.size([0, 1])[1] * 0.6;
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0] - 1), height },
            style: { fill: STATE_COLORS[STATE_CODES[api.value(3)]] },
          };
        },
      },
      {
        type: 'line', xAxisIndex: 1, yAxisIndex: 1, step: 'end', showSymbol: false,
        lineStyle: { color: '#3451b2', width: 1 }, areaStyle: { color: 'rgba(52, 81, 178, 0.15)' },
        data: d.concurrencyAt.map((t, i) => [t, d.concurrency[i]]),
      },
    ],
  });
  el.dataset.rows = String(option.yAxis[0].data.length);
  el.dataset.bars = String(option.series[0].data.length);
  el.dataset.trials = String(d.trials);
  el.dataset.peak = String(Math.max(0, ...d.concurrency));
  const busy = d.trainers.map((t) => `${t.id}: ${t.trials}`).join(', ');
  return (d.merged ? `${d.trials} trials drawn as ${d.bars.length} bars; ` : '') + `trials per trainer: ${busy}`;
}
