// The health model tree of one stamp (GET /health/model): stamp → user flows → components → signals.
import {h} from '../dom.js';

const LABELS = {green: 'Healthy', yellow: 'Degraded', red: 'Unhealthy', unknown: 'Unknown'};

/** A status pill: the colour and the word, and the score when there is one. */
export function levelBadge(level, score) {
  const key = LABELS[level] ? level : 'unknown';
  const text = LABELS[key] + (typeof score === 'number' && key !== 'unknown' ? ` · ${score.toFixed(2)}` : '');
  return h('span', {class: `level level-${key}`}, text);
}

export function renderModel(model) {
  if (!model.flows?.length) {
    return h('p', {class: 'hint'}, model.evaluatedAt ? 'No user flows reported.' : 'Not evaluated yet.');
  }
  return h('ul', {class: 'tree', 'aria-label': `Health model of ${model.region}`},
    model.flows.map(flow => h('li', {dataset: {flow: flow.name}},
      h('div', {class: 'node-head'}, h('strong', {}, flow.name), levelBadge(flow.status, flow.score)),
      h('ul', {}, (flow.components ?? []).map(component)))));
}

function component(c) {
  return h('li', {dataset: {component: c.name}},
    h('div', {class: 'node-head'}, h('span', {}, c.name), levelBadge(c.status, c.score),
      c.note ? h('span', {class: 'hint'}, c.note) : null),
    c.signals?.length ? h('p', {class: 'signals'}, c.signals.map(signal)) : null);
}

function signal(s) {
  const value = s.value === null || s.value === undefined ? 'no data' : `${s.value}${s.unit ? ' ' + s.unit : ''}`;
  return h('span', {class: `signal signal-${s.status}`,
    title: `yellow at ${s.yellow}, red at ${s.red}${s.note ? ' – ' + s.note : ''}`},
    `${s.name}: ${value}` + (s.status && s.status !== 'green' ? ` (${LABELS[s.status]?.toLowerCase() ?? s.status})` : ''));
}
