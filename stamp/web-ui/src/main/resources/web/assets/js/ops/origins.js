// The edge's view of each origin, from its read-only projection GET /edge/status.
import {h} from '../dom.js';

/** The edge labels each origin with its stamp; without a label, `citadel up`'s `<group>-<stamp>` name is read. */
export function stampOf(origin) {
  if (origin.stamp) return origin.stamp; // the edge's own label (origins[].stamp in edge.yaml)
  const prefix = `${origin.group}-`;
  return origin.name?.startsWith(prefix) ? origin.name.slice(prefix.length) : origin.name;
}

export function renderOrigins(origins) {
  if (!origins.length) return h('p', {class: 'empty-state'}, 'The edge reports no origins.');
  const columns = ['Origin', 'Stamp', 'Group', 'Healthy', 'Enabled', 'Weight', 'Priority', 'Probe window', 'Last reason', 'Ejections'];
  return h('table', {id: 'origins-table'},
    h('caption', {class: 'visually-hidden'}, 'Edge origins and their health'),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, [...origins].sort((a, b) => a.name.localeCompare(b.name)).map(o =>
      h('tr', {dataset: {origin: o.name, healthy: String(!!o.healthy)}},
        h('th', {scope: 'row'}, o.name),
        h('td', {}, stampOf(o)),
        h('td', {}, o.group),
        h('td', {}, h('span', {class: `level level-${o.healthy ? 'green' : 'red'}`}, o.healthy ? 'Healthy' : 'Unhealthy')),
        h('td', {}, o.enabled ? 'Yes' : 'No'),
        h('td', {}, o.weight),
        h('td', {}, o.priority),
        h('td', {}, probeWindow(o.probeWindow ?? [])),
        h('td', {}, o.reason ?? ''),
        h('td', {}, o.ejections ?? 0)))));
}

/** Oldest to newest probe results as coloured marks, with the count as text (colour is never the only cue). */
function probeWindow(results) {
  const passed = results.filter(Boolean).length;
  return h('span', {},
    h('span', {class: 'probe-window', 'aria-hidden': 'true'},
      results.map(ok => h('span', {class: ok ? 'probe-ok' : 'probe-fail'}))),
    ` ${passed}/${results.length} passed`);
}
