// Operations page: every stamp with its health model tree and the edge's view of its origins. Read-only.
import {api} from './api.js';
import {errorBox, h, replace} from './dom.js';
import {startFooter} from './footer.js';
import {renderOrigins, stampOf} from './ops/origins.js';
import {levelBadge, renderModel} from './ops/model.js';

const REFRESH_MS = 2000;
// Each refresh asks once per stamp the edge knows, naming it in STAMP_HEADER (the edge routes such a /health/* read to
// that stamp); before the edge status is known it asks twice unnamed. Every answer is filed under the region it came
// from, and a model not refreshed for STALE_MS is marked stale.
const MODEL_REQUESTS = 2;
const STAMP_HEADER = 'X-Citadel-Stamp';
const STALE_MS = 10000;

const models = new Map(); // region → {model, receivedAt}
let origins = [];
let originsRead = false; // the edge status has answered at least once
let lastSummary = '';

async function refresh() {
  const known = [...new Set(origins.map(stampOf))];
  const modelRequests = known.length
    ? known.map(region => api('/health/model', {absolute: true, headers: {[STAMP_HEADER]: region}}))
    : Array.from({length: MODEL_REQUESTS}, () => api('/health/model', {absolute: true}));
  const [status, ...modelResults] = await Promise.allSettled([api('/edge/status', {absolute: true}), ...modelRequests]);
  const problems = [];
  if (status.status === 'fulfilled') {
    origins = status.value.data?.origins ?? [];
    originsRead = true;
  } else {
    problems.push(`Edge status unavailable: ${status.reason.message}`);
  }
  for (const result of modelResults) {
    if (result.status === 'fulfilled' && result.value.data) {
      const region = result.value.headers.get('X-Server-Location') ?? result.value.data.region ?? 'unknown';
      models.set(region, {model: result.value.data, receivedAt: Date.now()});
    } else if (result.status === 'rejected') {
      problems.push(`Health model unavailable: ${result.reason.message}`);
    }
  }
  const errors = document.getElementById('ops-error');
  replace(errors, problems.length ? errorBox([...new Set(problems)].join(' ')) : null);
  render();
  const updated = document.getElementById('updated');
  updated.dateTime = new Date().toISOString();
  updated.textContent = new Date().toLocaleTimeString();
}

function render() {
  const regions = [...new Set([...origins.map(o => stampOf(o)), ...models.keys()])].sort();
  const stamps = document.getElementById('stamps');
  replace(stamps, regions.length ? regions.map(stampCard) : h('p', {class: 'empty-state'}, 'No stamps known yet.'));
  replace(document.getElementById('origins'), originsRead ? renderOrigins(origins)
    : h('p', {class: 'empty-state'}, 'The edge status has not been read yet.'));
  // Announce only changes of rotation, not every 2-second redraw.
  const summary = regions.map(r => `${r}: ${rotationOf(r)}`).join(', ');
  if (summary !== lastSummary) {
    document.getElementById('summary').textContent = summary;
    lastSummary = summary;
  }
}

/** A stamp receives traffic while the edge holds at least one of its origins healthy and enabled. */
function inRotation(region) {
  return origins.some(o => stampOf(o) === region && o.healthy && o.enabled);
}

function stampCard(region) {
  const entry = models.get(region);
  const rotation = rotationOf(region);
  const level = entry?.model?.status ?? 'unknown';
  const age = entry ? Date.now() - entry.receivedAt : null;
  return h('article', {class: `stamp stamp-${level}`, 'aria-labelledby': `stamp-${region}`,
    dataset: {region, rotation, model: entry ? 'seen' : 'none'}},
    h('h3', {id: `stamp-${region}`}, region, rotationBadge(rotation), levelBadge(level, entry?.model?.score)),
    entry ? renderModel(entry.model) : h('p', {class: 'hint'}, 'No health model received from this stamp yet.'),
    entry ? h('p', {class: age > STALE_MS ? 'stale' : 'hint'}, `Model received ${Math.round(age / 1000)} s ago`
      + (age > STALE_MS ? ' (stale: the edge is not routing health requests to this stamp)' : '')) : null);
}

/** 'in' | 'out' | 'absent' (no origin at the edge) | 'unknown' (the edge status was never read). */
function rotationOf(region) {
  if (!originsRead) return 'unknown';
  if (!origins.some(o => stampOf(o) === region)) return 'absent';
  return inRotation(region) ? 'in' : 'out';
}

function rotationBadge(rotation) {
  const [level, text] = {in: ['green', 'In rotation'], out: ['red', 'Out of rotation'],
    absent: ['unknown', 'Not in the edge'], unknown: ['unknown', 'Rotation unknown']}[rotation];
  return h('span', {class: `level level-${level} rotation`}, text);
}

async function loop() {
  try {
    await refresh();
  } finally {
    setTimeout(loop, REFRESH_MS);
  }
}

startFooter();
loop();
