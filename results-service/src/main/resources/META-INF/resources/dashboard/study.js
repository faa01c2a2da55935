// One study: its summary, the standard plots and the trial table, refreshed live from the
// study's server-sent events (at most one refresh every REFRESH_MS, the last change included).
import { getJson, follow, throttle, enc } from './api.js';
import * as charts from './charts.js';
import { num, time, duration, escapeHtml, params as paramText } from './format.js';

const REFRESH_MS = 2000;
const studyId = new URLSearchParams(location.search).get('id');
const base = `/api/studies/${enc(studyId || '')}`;
const view = {
  study: null,
  objective: 0,
  params: [],
  importance: null,
  importanceMethod: null,
  contour: { x: null, y: null },
  pareto: { x: 0, y: 1 },
  table: { sort: 'number', order: 'asc', page: 0, size: 25, state: '' },
};

const plotEl = (name) => document.querySelector(`[data-plot="${name}"]`);
const setNote = (name, text) => {
  const n = document.querySelector(`[data-note="${name}"]`);
  if (n) {
    n.textContent = text || '';
  }
};

async function panel(name, task) {
  try {
    await task();
  } catch (e) {
    charts.placeholder(plotEl(name), `Cannot draw this plot: ${e.message}`, 'error');
  }
}

function objectiveNames(study) {
  const objective = study.spec?.objective || {};
  const names = objective.metrics || (objective.metric ? [objective.metric] : []);
  return study.directions.map((d, i) => names[i] || `objective ${i}`);
}

function renderSummary(study) {
  const c = study.counts;
  const names = objectiveNames(study);
  const spec = study.spec || {};
  let best = '';
  if (study.best) {
    best = `<span>best <b>${num(study.best.values[0])}</b> (trial ${study.best.number}: ${escapeHtml(paramText(study.best.params))})</span>`;
  } else if (study.directions.length > 1) {
    best = `<span>Pareto front <b>${(study.bestTrials || []).length}</b> trials</span>`;
  }
  document.getElementById('summary').innerHTML = `
    <h1>${escapeHtml(study.name || study.id)} <span class="badge ${escapeHtml(study.state)}">${escapeHtml(study.state)}</span></h1>
    <div>${escapeHtml(study.id)}${study.reason ? ' \u00b7 ' + escapeHtml(study.reason) : ''}</div>
    <div class="facts">
      <span>objectives <b>${names.map((n, i) => `${escapeHtml(n)} (${study.directions[i]})`).join(', ')}</b></span>
      <span>trials <b>${c.total}</b>: ${c.complete} complete, ${c.pruned} pruned, ${c.fail} failed, ${c.running} running, ${c.waiting} waiting</span>
      ${best}
      <span>sampler <b>${escapeHtml(spec.sampler?.type ?? '')}</b></span>
      <span>pruner <b>${escapeHtml(spec.pruner?.type ?? '')}</b></span>
      <span>budget <b>${spec.budget?.n_trials ?? ''}</b> trials, parallelism ${spec.budget?.parallelism ?? ''}</span>
      <span>created ${escapeHtml(time(study.createdAt))}</span>
      ${study.completedAt ? `<span>completed ${escapeHtml(time(study.completedAt))}</span>` : ''}
    </div>`;
  document.getElementById('summary').dataset.total = String(c.total);
  document.getElementById('crumb').textContent = study.id;
  document.title = `${study.name || study.id} \u00b7 Hyperstream`;
}

function fillSelect(select, options, selected) {
  const html = options.map(([value, label]) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`).join('');
  if (select.innerHTML !== html) {
    select.innerHTML = html;
  }
  select.value = String(selected);
}

function setupObjective(study) {
  const names = objectiveNames(study);
  const multi = names.length > 1;
  document.getElementById('controls').hidden = !multi;
  document.getElementById('panel-pareto').hidden = !multi;
  if (multi) {
    const choices = names.map((n, i) => [i, `${n} (${study.directions[i]})`]);
    fillSelect(document.getElementById('objective'), choices, view.objective);
    fillSelect(document.getElementById('pareto-x'), choices, view.pareto.x);
    fillSelect(document.getElementById('pareto-y'), choices, view.pareto.y);
  }
}

async function loadParams(k, name) {
  const d = await getJson(`${base}/plots/params?objective=${k}&max_points=2000`);
  view.params = d.params;
  await panel('parallel', async () => setNote('parallel', charts.parallel(plotEl('parallel'), d, name)));
  await panel('slice', async () => setNote('slice', charts.slice(plotEl('slice'), d, name)));
}

async function loadImportance() {
  const select = document.getElementById('importance-method');
  if (!view.importanceMethod) {
    // The fast method while trials keep coming, fANOVA once the study is over.
    view.importanceMethod = view.study.state === 'RUNNING' ? 'ped-anova' : 'fanova';
  }
  select.value = view.importanceMethod;
  try {
    view.importance = await getJson(`${base}/importances?method=${enc(view.importanceMethod)}`);
  } catch (e) {
    // Not served (404), not computable yet or failing: the panel says so and the others go on.
    view.importance = null;
  }
  charts.importance(plotEl('importance'), view.importance);
}

async function loadContour(k, name) {
  const el = plotEl('contour');
  const names = view.params.map((p) => p.name);
  if (names.length < 2) {
    charts.placeholder(el, 'The contour plot needs two parameters.');
    return;
  }
  if (!names.includes(view.contour.x) || !names.includes(view.contour.y) || view.contour.x === view.contour.y) {
    const ranked = view.importance?.importances
      ? [...view.importance.importances].sort((a, b) => b.importance - a.importance).map((r) => r.param).filter((p) => names.includes(p))
      : [];
    const order = [...ranked, ...names.filter((n) => !ranked.includes(n))];
    view.contour = { x: order[0], y: order[1] };
  }
  const options = names.map((n) => [n, n]);
  fillSelect(document.getElementById('contour-x'), options, view.contour.x);
  fillSelect(document.getElementById('contour-y'), options, view.contour.y);
  const d = await getJson(`${base}/plots/contour?objective=${k}&x=${enc(view.contour.x)}&y=${enc(view.contour.y)}`);
  charts.contour(el, d, name);
}

function tableColumns(study) {
  const names = objectiveNames(study);
  const cols = [
    { key: 'number', label: '#', num: true, cell: (t) => t.number },
    { key: 'state', label: 'state', cell: (t) => `<span class="badge ${t.state}">${t.state}</span>`, html: true },
  ];
  names.forEach((n, i) => cols.push({
    key: i === 0 ? 'value' : `value:${i}`, label: n, num: true, cell: (t) => num(t.values ? t.values[i] : null),
  }));
  view.params.forEach((p) => cols.push({
    key: `param:${p.name}`, label: p.name, num: p.type !== 'categorical', cell: (t) => num(t.params ? t.params[p.name] : null),
  }));
  cols.push(
    { key: 'trainer', label: 'trainer', cell: (t) => t.trainerId ?? '' },
    { key: 'duration', label: 'duration', num: true, cell: (t) => duration(t.durationMs) },
    { key: 'epoch', label: 'epochs', num: true, cell: (t) => (t.prunedAtEpoch ? `${t.lastEpoch ?? ''} (pruned)` : t.lastEpoch ?? '') },
    { key: 'started', label: 'started', cell: (t) => time(t.startedAt) },
  );
  return cols;
}

async function loadTable() {
  const table = document.getElementById('trials');
  const t = view.table;
  const query = `sort=${enc(t.sort)}&order=${t.order}&page=${t.page}&size=${t.size}` + (t.state ? `&state=${t.state}` : '');
  const page = await getJson(`${base}/plots/trials?${query}`);
  const pages = Math.max(1, Math.ceil(page.total / t.size));
  if (t.page >= pages && t.page > 0) {
    t.page = pages - 1;
    return loadTable();
  }
  const cols = tableColumns(view.study);
  table.tHead.innerHTML = '<tr>' + cols.map((c) => {
    const sorted = c.key === t.sort ? ` sorted-${t.order}` : '';
    return `<th data-sort="${escapeHtml(c.key)}" class="${c.num ? 'num' : ''}${sorted}">${escapeHtml(c.label)}</th>`;
  }).join('') + '</tr>';
  table.tBodies[0].innerHTML = page.items.map((trial) => `<tr data-number="${trial.number}">` + cols.map((c) => {
    const value = c.cell(trial);
    return `<td class="${c.num ? 'num' : ''}">${c.html ? value : escapeHtml(value)}</td>`;
  }).join('') + '</tr>').join('');
  document.getElementById('page-info').textContent = `page ${t.page + 1} of ${pages} \u00b7 ${page.total} trials`;
  document.getElementById('page-prev').disabled = t.page === 0;
  document.getElementById('page-next').disabled = t.page + 1 >= pages;
  table.dataset.total = String(page.total);
  table.dataset.rows = String(page.items.length);
  table.dataset.state = 'ready';
}

async function refresh() {
  if (!studyId) {
    document.getElementById('summary').innerHTML = '<p class="message">No study given: open this page from the <a href="/">study list</a>.</p>';
    return;
  }
  let study;
  try {
    study = await getJson(base);
  } catch (e) {
    document.getElementById('summary').innerHTML = `<p class="message">Cannot read study ${escapeHtml(studyId)}: ${escapeHtml(e.message)}</p>`;
    return;
  }
  view.study = study;
  renderSummary(study);
  setupObjective(study);
  const k = view.objective;
  const name = objectiveNames(study)[k] || 'value';
  const multi = study.directions.length > 1;
  await Promise.all([
    panel('history', async () => charts.history(plotEl('history'), await getJson(`${base}/plots/history?objective=${k}`), name)),
    panel('intermediate', async () => setNote('intermediate', charts.intermediate(plotEl('intermediate'),
      await getJson(`${base}/plots/intermediate?objective=${k}&max_trials=100&max_points=100`), name))),
    panel('edf', async () => charts.edf(plotEl('edf'), await getJson(`${base}/plots/edf?objective=${k}`), name)),
    panel('timeline', async () => setNote('timeline', charts.timeline(plotEl('timeline'), await getJson(`${base}/plots/timeline`)))),
    multi ? panel('pareto', async () => charts.pareto(plotEl('pareto'),
      await getJson(`${base}/plots/pareto?x=${view.pareto.x}&y=${view.pareto.y}`))) : Promise.resolve(),
    panel('importance', loadImportance),
    panel('parallel', () => loadParams(k, name)),
  ]);
  await Promise.all([
    panel('contour', () => loadContour(k, name)),
    loadTable().catch((e) => {
      document.getElementById('page-info').textContent = 'Cannot read the trials: ' + e.message;
    }),
  ]);
  document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
}

const scheduleRefresh = throttle(refresh, REFRESH_MS);
const tableRefresh = throttle(loadTable, 200);

document.getElementById('objective').addEventListener('change', (e) => {
  view.objective = Number(e.target.value);
  scheduleRefresh();
});
document.getElementById('importance-method').addEventListener('change', (e) => {
  view.importanceMethod = e.target.value;
  panel('importance', loadImportance);
});
['x', 'y'].forEach((axis) => {
  document.getElementById(`contour-${axis}`).addEventListener('change', (e) => {
    view.contour[axis] = e.target.value;
    const name = objectiveNames(view.study)[view.objective];
    panel('contour', () => loadContour(view.objective, name));
  });
  document.getElementById(`pareto-${axis}`).addEventListener('change', (e) => {
    view.pareto[axis] = Number(e.target.value);
    panel('pareto', async () => charts.pareto(plotEl('pareto'),
      await getJson(`${base}/plots/pareto?x=${view.pareto.x}&y=${view.pareto.y}`)));
  });
});
document.getElementById('trials').addEventListener('click', (e) => {
  const th = e.target.closest('th[data-sort]');
  if (!th) {
    return;
  }
  const t = view.table;
  t.order = t.sort === th.dataset.sort && t.order === 'asc' ? 'desc' : 'asc';
  t.sort = th.dataset.sort;
  t.page = 0;
  tableRefresh();
});
document.getElementById('trial-state').addEventListener('change', (e) => {
  view.table.state = e.target.value;
  view.table.page = 0;
  tableRefresh();
});
document.getElementById('page-prev').addEventListener('click', () => {
  view.table.page = Math.max(0, view.table.page - 1);
  tableRefresh();
});
document.getElementById('page-next').addEventListener('click', () => {
  view.table.page += 1;
  tableRefresh();
});

if (studyId) {
  follow(`${base}/events`, document.getElementById('live'), scheduleRefresh);
}
refresh();
