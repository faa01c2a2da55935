// The study list: every study with its state, trial counts and best value, refreshed live.
import { getJson, follow, throttle, enc } from './api.js';
import { num, time, escapeHtml } from './format.js';

const body = document.querySelector('#studies tbody');
const message = document.getElementById('studies-message');
const filter = document.getElementById('state-filter');
const recent = new Map();
const LIVE_MS = 10000;
let shown = [];

async function load() {
  const state = filter.value;
  try {
    const page = await getJson('/api/studies?size=1000' + (state ? '&state=' + enc(state) : ''));
    const studies = page.items;
    message.textContent = studies.length ? '' : 'No study yet: submit one with ./hpo submit or POST /api/studies.';
    shown = studies;
    render();
  } catch (e) {
    message.textContent = 'Cannot read the studies: ' + e.message;
  }
}

function render() {
  body.innerHTML = shown.map(row).join('');
  document.getElementById('studies').dataset.rows = String(shown.length);
}

function row(s) {
  const c = s.counts || {};
  const changed = recent.get(s.id);
  const live = s.state === 'RUNNING' && changed && Date.now() - changed < LIVE_MS;
  return `<tr data-study="${escapeHtml(s.id)}">
    <td><a href="/study.html?id=${enc(s.id)}">${escapeHtml(s.id)}</a></td>
    <td>${escapeHtml(s.name)}</td>
    <td><span class="badge ${escapeHtml(s.state)}">${escapeHtml(s.state)}</span></td>
    <td>${escapeHtml((s.directions || []).join(', '))}</td>
    <td class="num">${c.complete ?? 0}</td><td class="num">${c.pruned ?? 0}</td><td class="num">${c.fail ?? 0}</td>
    <td class="num">${c.running ?? 0}</td><td class="num">${c.total ?? 0}</td>
    <td class="num">${num(s.bestValue)}</td>
    <td>${escapeHtml(time(s.createdAt))}</td>
    <td><span class="dot${live ? ' on' : ''}" title="${live ? 'events in the last 10 s' : 'no recent events'}"></span></td>
  </tr>`;
}

const refresh = throttle(load, 2000);
filter.addEventListener('change', refresh);
follow('/api/events', document.getElementById('live'), (change) => {
  if (change.studyId) {
    recent.set(change.studyId, Date.now());
  }
  refresh();
});
// The live dots fade without events too.
setInterval(render, LIVE_MS);
load();
