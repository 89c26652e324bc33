// The one way the pages talk to the API: same origin (the edge), problem+json turned into readable messages,
// and the serving region (X-Server-Location) reported to the footer.
import config from '/config.js';

const TIMEOUT_MS = 10000;
const locationListeners = new Set();

export class ApiError extends Error {
  constructor(message, {status = 0, problem = null} = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Called with the region of every response that names one. */
export function onServerLocation(listener) {
  locationListeners.add(listener);
}

/**
 * Calls `path` under the API base (or, with `absolute: true`, the path as given, e.g. /edge/status or a Location).
 * Resolves to {status, data, headers, location}; rejects with an ApiError whose message a person can read.
 */
export async function api(path, {method = 'GET', body, apiKey, absolute = false, headers: extra = {}} = {}) {
  const headers = {Accept: 'application/json, application/problem+json', ...extra};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (apiKey) headers['X-API-KEY'] = apiKey;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(absolute ? path : config.apiBase + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'same-origin', signal: controller.signal,
    });
  } catch (e) {
    throw new ApiError(controller.signal.aborted
      ? 'The service took too long to answer. Please try again.'
      : 'The service could not be reached. Check your connection and try again.');
  } finally {
    clearTimeout(timer);
  }
  const region = response.headers.get('X-Server-Location');
  if (region) locationListeners.forEach(listener => listener(region));
  const data = await parseBody(response);
  if (!response.ok) throw problemError(response, data);
  return {status: response.status, data, headers: response.headers, location: response.headers.get('Location')};
}

async function parseBody(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 204 || !type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function problemError(response, problem) {
  return new ApiError(describeProblem(response.status, problem, response.headers.get('Retry-After')),
    {status: response.status, problem});
}

/** A sentence a person can act on, from an RFC 9457 body (title, detail, violations) or the status alone. */
export function describeProblem(status, problem, retryAfter) {
  const parts = [];
  if (status === 401) parts.push('The API key was refused. Check it on the Admin page.');
  else if (problem && (problem.title || problem.detail)) {
    parts.push(sentence([problem.title, problem.detail].filter((s, i, all) => s && all.indexOf(s) === i).join(': ')));
  } else if (status === 404) parts.push('Not found.');
  else if (status === 429) parts.push('Too many requests.');
  else if (status >= 500) parts.push('The service is temporarily unavailable.');
  else parts.push(`The request failed (HTTP ${status}).`);
  for (const v of problem?.violations ?? []) parts.push(sentence(`${v.field}: ${v.message}`));
  if ((status === 503 || status === 429) && retryAfter) parts.push(`Please try again in ${retryAfter} s.`);
  return parts.join(' ');
}

function sentence(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Polls an accepted write's Location until it is readable (the background processor stored it): resolves true, or
 * false after `timeoutMs`. Used to turn a 202's "pending" into "confirmed".
 */
export async function waitUntilReadable(location, {timeoutMs = 60000, intervalMs = 1000, gone = false} = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await api(location, {absolute: true});
      if (!gone) return true;
    } catch (e) {
      if (gone && e.status === 404) return true;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  return false;
}
