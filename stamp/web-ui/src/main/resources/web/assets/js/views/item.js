// Item page: details, rating summary and vote, comments newest first, add a comment (pending → confirmed).
import config from '/config.js';
import {api, waitUntilReadable} from '../api.js';
import {errorBox, h, replace} from '../dom.js';
import {localTime, price, rating} from '../format.js';
import {apiKey} from '../session.js';
import {itemImage} from './catalog.js';

const COMMENT_LIMIT = 50;

export async function renderItem(container, id) {
  let item;
  let comments;
  try {
    [item, comments] = await Promise.all([
      api(`/catalogitem/${id}`).then(r => r.data),
      api(`/catalogitem/${id}/comments?limit=${COMMENT_LIMIT}`).then(r => r.data).catch(e => e),
    ]);
  } catch (e) {
    container.append(h('h1', {}, e.status === 404 ? 'Item not found' : 'Item unavailable'),
      errorBox(e.status === 404 ? 'This item does not exist (any more).' : `The item could not be loaded. ${e.message}`),
      h('p', {}, h('a', {href: '#/'}, 'Back to the catalog')));
    return;
  }
  const summary = h('p', {class: 'rating-summary', id: 'rating-summary',
    dataset: {votes: item.rating?.numberOfVotes ?? 0}}, rating(item.rating));
  container.append(
    h('p', {}, h('a', {href: '#/'}, '← Back to the catalog')),
    h('article', {class: 'item'},
      itemImage(item, item.name),
      h('div', {},
        h('h1', {}, item.name),
        h('p', {class: 'price'}, price(item.price)),
        summary,
        h('p', {class: 'description'}, item.description ?? ''),
        ratingForm(id, summary))),
    commentsSection(id, comments));
}

function ratingForm(id, summary) {
  const message = h('div', {role: 'status', 'aria-live': 'polite'});
  const stars = [1, 2, 3, 4, 5].map(n => h('label', {},
    h('input', {type: 'radio', name: 'rating', value: n, required: true}), `${n} ${n === 1 ? 'star' : 'stars'}`));
  const submit = h('button', {type: 'submit'}, 'Rate');
  const form = h('form', {'aria-label': 'Rate this item', id: 'rating-form'},
    h('fieldset', {}, h('legend', {}, 'Your rating'), h('div', {class: 'stars'}, stars)), submit, message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const value = Number(new FormData(form).get('rating'));
    const votesBefore = Number(summary.dataset.votes ?? 0);
    submit.disabled = true;
    try {
      const accepted = await api(`/catalogitem/${id}/ratings`, {method: 'POST', body: {rating: value}});
      replace(message, h('span', {class: 'badge pending'}, 'Pending'), ` Thanks! Your ${value}-star rating was accepted.`);
      form.reset();
      if (await waitUntilReadable(accepted.location)) {
        replace(message, h('span', {class: 'badge confirmed'}, 'Counted'), ` Your ${value}-star rating is counted.`);
        await refreshSummary(id, summary, votesBefore);
      }
    } catch (e) {
      replace(message, errorBox(`Your rating was not saved. ${e.message}`));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * The summary is aggregated apart from the vote itself (and may be read from another stamp), so it can lag the
 * vote's own Location: poll it for a while until it counts one more vote.
 */
async function refreshSummary(id, summary, votesBefore, {timeoutMs = 60000, intervalMs = 1000} = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = await api(`/catalogitem/${id}/ratings`).catch(() => null);
    if (fresh?.data) {
      replace(summary, rating(fresh.data));
      summary.dataset.votes = fresh.data.numberOfVotes ?? 0;
      if (Number(fresh.data.numberOfVotes) > votesBefore) return;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

function commentsSection(id, comments) {
  const list = h('ol', {class: 'comments', id: 'comments', 'aria-label': 'Comments, newest first'});
  const status = h('div', {});
  if (comments instanceof Error) {
    status.append(errorBox(`The comments could not be loaded. ${comments.message}`));
  } else {
    const sorted = [...(comments ?? [])].sort((a, b) => String(b.creationDate).localeCompare(String(a.creationDate)));
    sorted.forEach(c => list.append(commentEntry(id, c, null)));
  }
  const empty = h('p', {class: 'empty-state', id: 'no-comments', hidden: list.children.length > 0 || status.children.length > 0},
    'No comments yet. Be the first!');
  return h('section', {'aria-labelledby': 'comments-heading'},
    h('h2', {id: 'comments-heading'}, 'Comments'),
    commentForm(id, list, empty),
    status, empty, list);
}

function commentEntry(itemId, comment, state) {
  const badge = state ? h('span', {class: `badge ${state}`}, state === 'pending' ? 'Pending' : 'Confirmed') : null;
  const entry = h('li', {class: 'comment', dataset: {id: comment.id, state: state ?? 'stored'}},
    h('div', {class: 'meta'}, h('span', {class: 'author'}, comment.authorName), localTime(comment.creationDate), badge),
    h('p', {class: 'text'}, comment.text));
  const key = apiKey.get();
  if (key && state !== 'pending') entry.append(deleteButton(itemId, comment, entry, key));
  return entry;
}

function deleteButton(itemId, comment, entry, key) {
  const button = h('button', {type: 'button', class: 'danger'}, 'Delete comment');
  button.setAttribute('aria-label', `Delete the comment by ${comment.authorName}`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const path = `/catalogitem/${itemId}/comments/${comment.id}`;
    try {
      await api(path, {method: 'DELETE', apiKey: key});
      replace(button, 'Deletion pending…');
      if (await waitUntilReadable(config.apiBase + path, {gone: true})) entry.remove();
    } catch (e) {
      button.disabled = false;
      entry.append(errorBox(`The comment was not deleted. ${e.message}`));
    }
  });
  return button;
}

function commentForm(id, list, empty) {
  const message = h('div', {role: 'status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit'}, 'Add comment');
  const form = h('form', {id: 'comment-form', 'aria-label': 'Add a comment'},
    h('div', {}, h('label', {for: 'comment-author'}, 'Your name'),
      h('input', {id: 'comment-author', name: 'authorName', required: true, maxlength: 200, autocomplete: 'name'})),
    h('div', {}, h('label', {for: 'comment-text'}, 'Comment'),
      h('textarea', {id: 'comment-text', name: 'text', required: true, maxlength: 4000})),
    submit, message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    submit.disabled = true;
    replace(message);
    try {
      const accepted = await api(`/catalogitem/${id}/comments`, {
        method: 'POST', body: {authorName: data.get('authorName'), text: data.get('text')}});
      // Shown at once as pending: the write is durable in Kafka (202) but not yet readable from the database.
      const entry = commentEntry(id, accepted.data, 'pending');
      list.prepend(entry);
      empty.hidden = true;
      form.elements.text.value = '';
      replace(message, 'Your comment was accepted and will be confirmed in a moment.');
      if (await waitUntilReadable(accepted.location)) {
        entry.replaceWith(commentEntry(id, accepted.data, 'confirmed'));
        replace(message, 'Your comment is published.');
      } else {
        replace(message, 'Your comment is still being processed; it will appear when ready.');
      }
    } catch (e) {
      replace(message, errorBox(`Your comment was not added. ${e.message}`));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
