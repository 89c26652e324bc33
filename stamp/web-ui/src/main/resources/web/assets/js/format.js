// Display formats: the visitor's own locale and time zone.

const money = new Intl.NumberFormat(undefined, {style: 'currency', currency: 'USD'});

export function price(value) {
  const n = Number(value);
  return Number.isFinite(n) ? money.format(n) : '–';
}

/** A <time> element showing an ISO instant in the visitor's local time. */
export function localTime(iso) {
  const date = new Date(iso);
  const el = document.createElement('time');
  if (Number.isNaN(date.getTime())) {
    el.textContent = '–';
    return el;
  }
  el.dateTime = date.toISOString();
  el.textContent = date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
  return el;
}

export function rating(summary) {
  const votes = Number(summary?.numberOfVotes ?? 0);
  if (!votes) return 'No ratings yet';
  const avg = Number(summary.averageRating ?? 0).toFixed(1);
  return `${avg} out of 5 (${votes} ${votes === 1 ? 'vote' : 'votes'})`;
}
