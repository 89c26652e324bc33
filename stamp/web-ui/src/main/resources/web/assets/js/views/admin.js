// Admin: the API key (sessionStorage only), create / edit / delete items. Comment deletion is on the item page.
import {api} from '../api.js';
import {errorBox, h, replace} from '../dom.js';
import {price} from '../format.js';
import {apiKey} from '../session.js';

export async function renderAdmin(container) {
  container.append(h('h1', {}, 'Admin'));
  const body = h('div', {});
  container.append(body);
  await (apiKey.get() ? renderSignedIn(body) : renderKeyForm(body));
}

function renderKeyForm(body) {
  const form = h('form', {id: 'api-key-form', 'aria-label': 'API key'},
    h('p', {class: 'hint'}, 'Enter the API key to manage the catalog. It is kept in this browser tab only.'),
    h('div', {}, h('label', {for: 'api-key'}, 'API key'),
      h('input', {id: 'api-key', name: 'apiKey', type: 'password', required: true, autocomplete: 'off', spellcheck: 'false'})),
    h('button', {type: 'submit'}, 'Use this key'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    apiKey.set(String(new FormData(form).get('apiKey')).trim());
    replace(body);
    renderSignedIn(body).then(() => body.querySelector('#item-name')?.focus());
  });
  replace(body, form);
}

async function renderSignedIn(body) {
  const forget = h('button', {type: 'button', class: 'secondary', id: 'forget-key'}, 'Forget the API key');
  forget.addEventListener('click', () => {
    apiKey.clear();
    renderKeyForm(body);
  });
  const message = h('div', {id: 'admin-message', role: 'status', 'aria-live': 'polite'});
  const list = h('ul', {class: 'admin-list', id: 'admin-items', 'aria-label': 'Catalog items'});
  const editor = itemForm(message, () => loadItems(list, editor, message));
  replace(body, h('div', {class: 'actions'}, forget), message,
    h('h2', {id: 'editor-heading'}, 'Create an item'), editor.form,
    h('h2', {}, 'Items'), list);
  await loadItems(list, editor, message);
}

async function loadItems(list, editor, message) {
  replace(list, h('li', {class: 'loading'}, 'Loading items…'));
  try {
    const page = await api('/catalogitem?limit=1000');
    replace(list);
    if (!page.data?.length) list.append(h('li', {class: 'empty-state'}, 'No items yet.'));
    for (const item of page.data ?? []) {
      const edit = h('button', {type: 'button', class: 'secondary', 'aria-label': `Edit ${item.name}`}, 'Edit');
      edit.addEventListener('click', () => editor.edit(item.id));
      const remove = h('button', {type: 'button', class: 'danger', 'aria-label': `Delete ${item.name}`}, 'Delete');
      remove.addEventListener('click', () => deleteItem(item, remove, message));
      list.append(h('li', {dataset: {id: item.id}},
        h('span', {}, h('a', {href: `#/item/${item.id}`}, item.name), ' · ', price(item.price)),
        h('span', {class: 'actions'}, edit, remove)));
    }
  } catch (e) {
    replace(list, h('li', {}, errorBox(`The items could not be loaded. ${e.message}`)));
  }
}

async function deleteItem(item, button, message) {
  if (!window.confirm(`Delete "${item.name}"?`)) return;
  button.disabled = true;
  try {
    await api(`/catalogitem/${item.id}`, {method: 'DELETE', apiKey: apiKey.get()});
    replace(message, `Deletion of "${item.name}" accepted; it disappears from the catalog shortly.`);
    button.closest('li').dataset.state = 'deleting';
    replace(button, 'Deletion pending…');
  } catch (e) {
    button.disabled = false;
    replace(message, errorBox(`"${item.name}" was not deleted. ${e.message}`));
  }
}

/** One form for create and edit: `edit(id)` loads an item into it; submitting POSTs or PUTs. */
function itemForm(message, refresh) {
  let editing = null;
  const field = (id, label, attrs, tag = 'input') =>
    h('div', {}, h('label', {for: id}, label), h(tag, {id, ...attrs}));
  const submit = h('button', {type: 'submit'}, 'Create item');
  const cancel = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Cancel editing');
  const form = h('form', {id: 'item-form', 'aria-labelledby': 'editor-heading'},
    field('item-name', 'Name', {name: 'name', required: true, maxlength: 200}),
    field('item-description', 'Description', {name: 'description', maxlength: 4000}, 'textarea'),
    field('item-image', 'Image URL (http or https)', {name: 'imageUrl', type: 'url', required: true,
      pattern: 'https?://.+', placeholder: 'https://example.com/picture.jpg'}),
    field('item-price', 'Price', {name: 'price', type: 'number', required: true, min: 0, step: '0.01', inputmode: 'decimal'}),
    h('div', {class: 'actions'}, submit, cancel));
  const reset = () => {
    editing = null;
    form.reset();
    submit.textContent = 'Create item';
    cancel.hidden = true;
    document.getElementById('editor-heading').textContent = 'Create an item';
  };
  cancel.addEventListener('click', reset);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const item = {name: data.get('name'), description: data.get('description'), imageUrl: data.get('imageUrl'),
      price: Number(data.get('price'))};
    submit.disabled = true;
    try {
      const saved = editing
        ? await api(`/catalogitem/${editing}`, {method: 'PUT', body: item, apiKey: apiKey.get()})
        : await api('/catalogitem', {method: 'POST', body: item, apiKey: apiKey.get()});
      replace(message, `${editing ? 'Saved' : 'Created'} `, h('a', {href: `#/item/${saved.data.id}`}, saved.data.name), '.');
      reset();
      await refresh();
    } catch (e) {
      replace(message, errorBox(`The item was not saved. ${e.message}`));
    } finally {
      submit.disabled = false;
    }
  });
  return {
    form,
    async edit(id) {
      try {
        const {data} = await api(`/catalogitem/${id}`);
        editing = id;
        form.elements.name.value = data.name ?? '';
        form.elements.description.value = data.description ?? '';
        form.elements.imageUrl.value = data.imageUrl ?? '';
        form.elements.price.value = data.price ?? '';
        submit.textContent = 'Save changes';
        cancel.hidden = false;
        document.getElementById('editor-heading').textContent = `Edit "${data.name}"`;
        form.elements.name.focus();
      } catch (e) {
        replace(message, errorBox(`The item could not be loaded. ${e.message}`));
      }
    },
  };
}
