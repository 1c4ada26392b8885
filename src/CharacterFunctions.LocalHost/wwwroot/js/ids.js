// Idempotency keys for turns and events. crypto.randomUUID needs a secure context; getRandomValues
// works on plain http too (e.g. the host reached by a LAN address from a phone).
export function newId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + '-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
