// Catalog page: a responsive grid of items (image, name, price), with empty and error states and paging.
import {api} from '../api.js';
import {errorBox, h, replace} from '../dom.js';
import {price} from '../format.js';

const PAGE_SIZE = 24;

export async function renderCatalog(container) {
  container.append(h('h1', {}, 'Catalog'));
  const grid = h('ul', {class: 'grid', 'aria-label': 'Catalog items'});
  const status = h('div', {});
  container.append(status, grid);
  await loadPage(grid, status, null);
}

async function loadPage(grid, status, token) {
  replace(status, h('p', {class: 'loading'}, 'Loading items…'));
  let page;
  try {
    const query = `?limit=${PAGE_SIZE}` + (token ? `&continuationToken=${encodeURIComponent(token)}` : '');
    page = await api('/catalogitem' + query);
  } catch (e) {
    replace(status, errorBox(`The catalog could not be loaded. ${e.message}`, () => loadPage(grid, status, token)));
    return;
  }
  replace(status);
  const items = Array.isArray(page.data) ? page.data : [];
  if (!token && items.length === 0) {
    status.append(h('div', {class: 'empty-state'}, h('p', {}, 'The catalog is empty.'),
      h('p', {}, 'Administrators can add items on the ', h('a', {href: '#/admin'}, 'Admin page'), '.')));
    return;
  }
  items.forEach(item => grid.append(card(item)));
  const next = page.headers.get('X-Continuation-Token');
  if (next) {
    const more = h('button', {type: 'button', class: 'secondary'}, 'Show more items');
    more.addEventListener('click', () => loadPage(grid, status, next));
    status.append(more);
    grid.after(status);
  }
}

function card(item) {
  return h('li', {class: 'card'},
    h('a', {href: `#/item/${item.id}`},
      itemImage(item, ''),
      h('h2', {}, item.name),
      h('p', {class: 'price'}, price(item.price))));
}

/**
 * The item's image as served by the API (the stored copy, same origin), with a placeholder when it is missing.
 * `alt` is empty in the grid: the card's heading already names the item, so a screen reader would say it twice.
 */
export function itemImage(item, alt) {
  const img = h('img', {class: 'thumb', src: `/images/${item.id}`, alt, loading: 'lazy', width: 400, height: 300});
  img.addEventListener('error', () => img.replaceWith(
    h('div', {class: 'thumb no-image', role: alt ? 'img' : null, 'aria-label': alt || null}, 'No image')), {once: true});
  return img;
}
