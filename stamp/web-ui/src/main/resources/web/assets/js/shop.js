// The shop: a hash router over three views. Hash routes keep every page one cached document at the edge.
import {startFooter} from './footer.js';
import {errorBox, replace} from './dom.js';
import {renderCatalog} from './views/catalog.js';
import {renderItem} from './views/item.js';
import {renderAdmin} from './views/admin.js';

const routes = [
  {pattern: /^#?\/?$/, view: () => renderCatalog},
  {pattern: /^#\/item\/([0-9a-fA-F-]{36})$/, view: () => renderItem},
  {pattern: /^#\/admin$/, view: () => renderAdmin},
];

const main = document.getElementById('main');
let generation = 0;

async function route() {
  const current = ++generation;
  const hash = location.hash || '#/';
  const match = routes.map(r => ({r, m: hash.match(r.pattern)})).find(x => x.m);
  replace(main);
  if (!match) {
    document.title = 'Not found – Citadel Catalog';
    main.append(errorBox('This page does not exist.'));
    return;
  }
  // A view renders into a detached container, so a slow response for an old route never overwrites a newer one.
  const container = document.createElement('div');
  await match.r.view()(container, ...match.m.slice(1));
  if (current !== generation) return;
  replace(main, container);
  const heading = main.querySelector('h1');
  if (heading) document.title = `${heading.textContent} – Citadel Catalog`;
  if (route.started) main.focus(); // move keyboard and screen-reader focus to the new content (not on first load)
  route.started = true;
}

startFooter();
window.addEventListener('hashchange', route);
route();
