// Element building without innerHTML: every value from the API goes in as text, never as markup.

/**
 * h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child) → element.
 * Attributes whose value is null/undefined/false are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An error box: role=alert so screen readers announce it; optional retry button. */
export function errorBox(message, retry) {
  return h('div', {class: 'error-state', role: 'alert'},
    h('p', {}, message),
    retry ? h('button', {type: 'button', class: 'secondary', onclick: retry}, 'Try again') : null);
}
