// One polite notice line and one alert for problems; both are live regions for screen readers.
import { ApiProblem } from './api.js';

const notice = () => document.getElementById('notice');
const error = () => document.getElementById('error');

export function announce(text) {
  notice().textContent = text;
}

export function clearError() {
  error().hidden = true;
  error().textContent = '';
}

/** Shows a problem's status, title and detail (and field errors) as returned by the API. */
export function showError(err, context) {
  const box = error();
  box.textContent = '';
  const head = document.createElement('strong');
  if (err instanceof ApiProblem) {
    head.textContent = `${context}: ${err.status} ${err.problem.title ?? ''}`.trim();
    box.append(head);
    if (err.problem.detail) {
      box.append(' — ', err.problem.detail);
    }
    for (const [field, messages] of Object.entries(err.problem.errors ?? {})) {
      const line = document.createElement('div');
      line.textContent = `${field}: ${[].concat(messages).join(' ')}`;
      box.append(line);
    }
  } else {
    head.textContent = `${context}: ${err?.message ?? err}`;
    box.append(head);
  }
  box.hidden = false;
}
