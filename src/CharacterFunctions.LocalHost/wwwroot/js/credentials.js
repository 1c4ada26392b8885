// Operator key and player tokens live in sessionStorage only: gone when the tab closes, never sent
// anywhere but this host's /api.
const OPERATOR = 'cf.operatorKey';
const tokenKey = (sessionId) => `cf.tokens.${sessionId}`;

export function operatorKey() {
  return sessionStorage.getItem(OPERATOR) ?? '';
}

export function setOperatorKey(key) {
  if (key) {
    sessionStorage.setItem(OPERATOR, key);
  } else {
    sessionStorage.removeItem(OPERATOR);
  }
}

/** { playerId: token } for one session. */
export function tokens(sessionId) {
  try {
    return JSON.parse(sessionStorage.getItem(tokenKey(sessionId)) ?? '{}');
  } catch {
    return {};
  }
}

export function addTokens(sessionId, added) {
  sessionStorage.setItem(tokenKey(sessionId), JSON.stringify({ ...tokens(sessionId), ...added }));
}
