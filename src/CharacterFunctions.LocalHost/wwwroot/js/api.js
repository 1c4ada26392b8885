// The public HTTP API under /api, nothing else. Errors are RFC 9457 problems, thrown as ApiProblem.
import { readEvents } from './sse.js';

export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** auth: { operatorKey } or { token }. */
function headers(auth, extra = {}) {
  const result = { ...extra };
  if (auth?.token) {
    result.Authorization = `Bearer ${auth.token}`;
  } else if (auth?.operatorKey) {
    result['x-functions-key'] = auth.operatorKey;
  }
  return result;
}

async function failure(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText || 'Request failed', detail: `HTTP ${response.status}` };
  }
  return new ApiProblem(response.status, problem);
}

export async function call(method, path, { auth, json, raw, contentType, signal } = {}) {
  const extra = {};
  let body;
  if (json !== undefined) {
    extra['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (raw !== undefined) {
    extra['Content-Type'] = contentType || 'application/octet-stream';
    body = raw;
  }
  const response = await fetch(path, { method, headers: headers(auth, extra), body, signal });
  if (!response.ok) {
    throw await failure(response);
  }
  return response.status === 204 ? null : response.json();
}

/** A turn with Accept: text/event-stream: yields { event: 'delta'|'done'|'error', data }. */
export async function* streamTurn(path, auth, json) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers(auth, { 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
    body: JSON.stringify(json),
  });
  if (!response.ok) {
    throw await failure(response);
  }
  yield* readEvents(response);
}

export const paths = {
  health: '/api/health',
  characters: '/api/characters',
  character: (id) => `/api/characters/${encodeURIComponent(id)}`,
  importCard: '/api/characters/import',
  sessions: '/api/sessions',
  session: (id) => `/api/sessions/${encodeURIComponent(id)}`,
  turns: (id) => `/api/sessions/${encodeURIComponent(id)}/turns`,
  preview: (id, stream) => `/api/sessions/${encodeURIComponent(id)}/turns/preview?stream=${stream}`,
  regenerate: (id) => `/api/sessions/${encodeURIComponent(id)}/regenerate`,
  selection: (id, seq) => `/api/sessions/${encodeURIComponent(id)}/messages/${seq}/selection`,
  messages: (id, after, waitSeconds) =>
    `/api/sessions/${encodeURIComponent(id)}/messages?after=${after}&waitSeconds=${waitSeconds}`,
  events: (id) => `/api/sessions/${encodeURIComponent(id)}/events`,
};
