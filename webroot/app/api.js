// The HTTP API as the app uses it: JSON in and out, the session in an HttpOnly cookie the app never sees.

export class ApiFailure extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? (status >= 500 ? 'unavailable' : 'error');
    this.details = body?.details ?? {};
  }
}

export async function api(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    options.body = body; // multipart: the browser writes the Content-Type with its boundary
  } else if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (networkError) {
    throw new ApiFailure(0, { error: 'unavailable', message: networkError.message });
  }
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
