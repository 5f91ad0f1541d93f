// The HTTP API as the app uses it: JSON in and out (forms with files as multipart), the session in an HttpOnly cookie the app never sees.

export class ApiFailure extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? (status >= 500 ? 'unavailable' : 'error');
    this.details = body?.details ?? {};
  }
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long to wait before each new try of a change whose answer was lost (a phone between cells). */
const RETRY_AFTER_MS = [400, 1500, 4000];

/** A key naming one change across its tries; made from getRandomValues, which plain-HTTP pages have too. */
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * A change whose answer never came (the network dropped, not the server refusing) is sent again with
 * the same Idempotency-Key, so the server does it once and answers the retry as it answered the first.
 * Sign-in carries no session, so no key; a file upload's multipart body differs on every send, so it is
 * not retried.
 */
async function send(path, options, retriable) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(path, options);
      const busy = retriable && response.status === 409 && attempt < RETRY_AFTER_MS.length
        && (await response.clone().json().catch(() => ({}))).error === 'idempotency_key_in_use';
      if (!busy) return response;
    } catch (networkError) {
      if (!retriable || attempt >= RETRY_AFTER_MS.length) {
        throw new ApiFailure(0, { error: 'unavailable', message: networkError.message });
      }
    }
    await pause(RETRY_AFTER_MS[attempt]);
  }
}

export async function api(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    options.body = body; // the browser writes multipart/form-data with its boundary
  } else if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const retriable = CHANGES.has(method) && !(body instanceof FormData) && path !== '/api/auth/login';
  if (retriable) options.headers['Idempotency-Key'] = idempotencyKey();
  const response = await send(path, options, retriable);
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) throw new ApiFailure(response.status, json);
  return json;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? undefined);
