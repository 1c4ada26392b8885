// Operator view: the exact model request of each turn (newest first), as the preview route returns it.
const KEEP = 10;

export function showPreview(container, label, preview) {
  const item = document.createElement('details');
  item.className = 'preview';
  item.open = true;
  const summary = document.createElement('summary');
  summary.textContent = `${label} · ${preview.model}`;
  const headers = document.createElement('pre');
  headers.className = 'headers';
  headers.textContent = Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
  const body = document.createElement('pre');
  body.className = 'request';
  body.tabIndex = 0;
  body.setAttribute('aria-label', `Model request body for ${label}`);
  body.textContent = JSON.stringify(preview.request, null, 2);
  item.append(summary, headers, body);

  for (const older of container.querySelectorAll('details.preview')) {
    older.open = false;
  }
  container.prepend(item);
  while (container.children.length > KEEP) {
    container.lastElementChild.remove();
  }
}

export function showPreviewNote(container, text) {
  const note = document.createElement('p');
  note.className = 'muted preview-note';
  note.textContent = text;
  container.prepend(note);
}
