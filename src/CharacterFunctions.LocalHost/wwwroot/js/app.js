// Playground wiring: forms -> public API calls -> transcript, facts and operator view.
import { ApiProblem, call, paths, streamTurn } from './api.js';
import { addTokens, operatorKey, setOperatorKey, tokens } from './credentials.js';
import { newId } from './ids.js';
import { Poller } from './poller.js';
import { showPreview, showPreviewNote } from './preview.js';
import { announce, clearError, showError } from './status.js';
import { Transcript } from './transcript.js';

const $ = (id) => document.getElementById(id);

const state = { sessionId: null, view: null, poller: null };

const transcript = new Transcript($('transcript'), { onSelect: select, onRegenerate: regenerate });

const operator = () => ({ operatorKey: operatorKey() });

/** A player's own token when the page has it, else the operator key acting for that player. */
function authFor(playerId) {
  const token = state.sessionId ? tokens(state.sessionId)[playerId] : undefined;
  return token ? { token } : operator();
}

/** Any credential that may read the session: the operator key, else some player's token. */
function sessionAuth() {
  if (operatorKey()) {
    return operator();
  }
  const token = Object.values(tokens(state.sessionId))[0];
  return token ? { token } : operator();
}

async function attempt(context, action) {
  clearError();
  try {
    return await action();
  } catch (err) {
    showError(err, context);
    return undefined;
  }
}

// ---- host and operator key -------------------------------------------------------------------

async function loadHost() {
  try {
    const settings = await fetch('/playground/settings').then((r) => (r.ok ? r.json() : {}));
    if (settings.developmentOperatorKey && !operatorKey()) {
      setOperatorKey(settings.developmentOperatorKey);
      announce('Development mode: the documented development operator key is prefilled.');
    }
  } catch {
    // Settings are a convenience; the key can always be typed.
  }
  $('operator-key').value = operatorKey();
  try {
    const health = await call('GET', paths.health);
    $('model-status').textContent = health.model.offline
      ? 'Model: offline stand-in (no API key configured); replies are canned text.'
      : `Model: ${health.model.baseUrl} (default ${health.model.defaultModel})`;
  } catch (err) {
    $('model-status').textContent = 'The host did not answer /api/health.';
    showError(err, 'Health');
  }
}

$('operator-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  setOperatorKey($('operator-key').value.trim());
  announce(operatorKey() ? 'Operator key set for this tab.' : 'Operator key cleared.');
  await loadCharacters();
});

// ---- characters -----------------------------------------------------------------------------

async function loadCharacters() {
  if (!operatorKey()) {
    renderCharacters([]);
    return;
  }
  const list = await attempt('Loading characters', () => call('GET', paths.characters, { auth: operator() }));
  if (list) {
    renderCharacters(list);
  }
}

function renderCharacters(list) {
  const ul = $('character-list');
  ul.textContent = '';
  for (const character of list) {
    const li = document.createElement('li');
    li.textContent = `${character.name} (${character.id}) · ${character.model}`;
    ul.append(li);
  }
  const checks = $('session-characters');
  const chosen = new Set([...checks.querySelectorAll('input:checked')].map((input) => input.value));
  checks.textContent = '';
  if (list.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'muted';
    empty.textContent = operatorKey() ? 'No characters yet.' : 'Enter the operator key to list characters.';
    checks.append(empty);
  }
  for (const character of list) {
    const label = document.createElement('label');
    label.className = 'check';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'characterIds';
    input.value = character.id;
    input.checked = chosen.has(character.id) || list.length === 1;
    label.append(input, ` ${character.name}`);
    checks.append(label);
  }
}

$('character-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const id = $('character-id').value.trim();
  const body = { name: $('character-name').value.trim(), systemPrompt: $('character-prompt').value };
  if ($('character-opening').value.trim()) {
    body.openingLine = $('character-opening').value.trim();
  }
  if ($('character-model').value) {
    body.model = $('character-model').value;
  }
  const saved = await attempt('Saving character', () => call('PUT', paths.character(id), { auth: operator(), json: body }));
  if (saved) {
    announce(`Character ${saved.name} saved.`);
    form.reset();
    await loadCharacters();
  }
});

$('import-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('import-file').files[0];
  if (!file) {
    return;
  }
  const png = file.type === 'image/png' || file.name.toLowerCase().endsWith('.png');
  const report = $('import-report');
  report.hidden = true;
  const imported = await attempt('Importing card', async () =>
    call('POST', paths.importCard, {
      auth: operator(),
      raw: await file.arrayBuffer(),
      contentType: png ? 'image/png' : 'application/json',
    }));
  if (imported) {
    report.textContent = JSON.stringify(imported, null, 2);
    report.hidden = false;
    announce(`Card ${file.name} imported.`);
    await loadCharacters();
  }
});

// ---- players and sessions -------------------------------------------------------------------

function addPlayerRow(playerId = '', name = '') {
  const container = $('players');
  const index = container.children.length + 1;
  const row = document.createElement('div');
  row.className = 'player fields';
  row.innerHTML = `
    <div class="field"><label for="player-id-${index}">Player ${index} id</label>
      <input id="player-id-${index}" class="player-id" required></div>
    <div class="field"><label for="player-name-${index}">Name</label>
      <input id="player-name-${index}" class="player-name" required></div>
    <button type="button" class="remove" aria-label="Remove player ${index}">Remove</button>`;
  row.querySelector('.player-id').value = playerId;
  row.querySelector('.player-name').value = name;
  row.querySelector('.remove').addEventListener('click', () => {
    if (container.children.length > 1) {
      row.remove();
    }
  });
  container.append(row);
}

$('add-player').addEventListener('click', () => addPlayerRow(`p-${$('players').children.length + 1}`, ''));

$('session-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const characterIds = [...form.querySelectorAll('input[name="characterIds"]:checked')].map((input) => input.value);
  const players = [...$('players').querySelectorAll('.player')].map((row) => ({
    playerId: row.querySelector('.player-id').value.trim(),
    name: row.querySelector('.player-name').value.trim(),
  }));
  const body = {
    characterIds,
    players,
    idle: { afterSeconds: Number(form.afterSeconds.value || 0), maxNudges: Number(form.maxNudges.value || 0) },
  };
  if (form.scenario.value.trim()) {
    body.scenario = form.scenario.value.trim();
  }
  const created = await attempt('Starting session', () => call('POST', paths.sessions, { auth: operator(), json: body }));
  if (created) {
    addTokens(created.sessionId, created.accessTokens);
    await openSession(created.sessionId, created.messages);
  }
});

$('open-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const sessionId = form.sessionId.value.trim();
  if (form.token.value.trim()) {
    addTokens(sessionId, { [form.playerId.value.trim() || 'player']: form.token.value.trim() });
  }
  await openSession(sessionId, []);
});

async function openSession(sessionId, firstMessages) {
  state.poller?.stop();
  state.sessionId = sessionId;
  transcript.clear();
  $('previews').textContent = '';
  const view = await refreshFacts();
  if (!view) {
    return;
  }
  transcript.upsert(firstMessages);
  const page = await attempt('Reading messages', () => call('GET', paths.messages(sessionId, 0, 0), { auth: sessionAuth() }));
  if (page) {
    transcript.upsert(page.messages);
  }
  fillSelect($('turn-player'), view.players.map((p) => [p.playerId, `${p.name} (${p.playerId})`]));
  fillSelect($('turn-respond-as'), [['', 'Automatic'], ...view.characters.map((c) => [c.id, c.name ?? c.id])]);
  $('turn-respond-as').disabled = view.characters.length < 2;
  setActive(view.status !== 'ended');
  state.poller = new Poller({
    sessionId,
    auth: sessionAuth,
    after: transcript.lastSeq,
    onMessages: (messages) => {
      transcript.upsert(messages);
      refreshFacts();
    },
    onError: (err) => showError(err, 'Waiting for messages'),
    onWaiting: (waiting) => {
      $('waiting').hidden = !waiting;
    },
  }).start();
  announce(`Session ${sessionId} open.`);
  if (matchMedia('(max-width: 760px)').matches) {
    // On a phone the setup forms would push the chat far down; they reopen with one tap.
    document.querySelectorAll('.setup details').forEach((section) => { section.open = false; });
  }
  $('turn-text').focus();
}

function fillSelect(select, options) {
  select.textContent = '';
  for (const [value, text] of options) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = text;
    select.append(option);
  }
}

function setActive(active) {
  for (const id of ['send', 'post-event', 'end-session']) {
    $(id).disabled = !active;
  }
}

async function refreshFacts() {
  const view = await attempt('Reading session', () => call('GET', paths.session(state.sessionId), { auth: sessionAuth() }));
  if (!view) {
    return undefined;
  }
  state.view = view;
  $('chat-title').textContent = `Session ${view.sessionId}`;
  const facts = [
    ['Status', view.status],
    ['Characters', view.characters.map((c) => c.name ?? c.id).join(', ')],
    ['Players', view.players.map((p) => p.name).join(', ')],
    ['Messages', String(view.lastSeq)],
    ['Idle', view.idle.afterSeconds > 0 ? `after ${view.idle.afterSeconds}s, ${view.idle.maxNudges} in a row` : 'off'],
    ['Pending events', String(view.pendingEventCount)],
    ['Tokens in / out / cached', `${view.usage.promptTokens} / ${view.usage.completionTokens} / ${view.usage.cachedTokens}`],
    ['Estimated cost', `${view.estimatedCost} ${view.currency}`],
  ];
  const dl = $('session-facts');
  dl.textContent = '';
  for (const [name, value] of facts) {
    const pair = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.fact = name;
    pair.append(dt, dd);
    dl.append(pair);
  }
  if (view.status === 'ended') {
    setActive(false);
  }
  return view;
}

// ---- turns, regenerate, selection -----------------------------------------------------------

$('turn-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('turn-form').requestSubmit();
  }
});

$('turn-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!state.sessionId) {
    return;
  }
  const form = event.target;
  const text = form.text.value.trim();
  if (!text) {
    return;
  }
  const playerId = form.player.value;
  const auth = authFor(playerId);
  const n = Number(form.n.value || 1);
  const stream = form.stream.checked;
  const body = { turnId: newId('turn'), text, reply: form.reply.checked };
  if (form.respondAs.value) {
    body.respondAs = form.respondAs.value;
  }
  if (n > 1) {
    body.options = { n };
  }
  if (!auth.token) {
    body.playerId = playerId; // the operator posts on the player's behalf
  }

  $('send').disabled = true;
  try {
    if (body.reply) {
      await previewTurn(body, playerId, stream);
    }
    const result = stream && body.reply ? await streamedTurn(body, auth) : await attempt('Sending turn',
      () => call('POST', paths.turns(state.sessionId), { auth, json: body }));
    if (result) {
      transcript.upsert(result.messages);
      state.poller?.advance(transcript.lastSeq);
      form.text.value = '';
      await refreshFacts();
    }
  } finally {
    $('send').disabled = state.view?.status === 'ended';
    form.text.focus();
  }
});

/** Operator view: the exact model request this turn will send, fetched just before sending it. */
async function previewTurn(body, playerId, stream) {
  if (!operatorKey()) {
    showPreviewNote($('previews'), 'Enter the operator key to see the model request of each turn.');
    return;
  }
  try {
    const preview = await call('POST', paths.preview(state.sessionId, stream), {
      auth: operator(),
      json: { ...body, playerId },
    });
    showPreview($('previews'), `Turn "${body.text.slice(0, 40)}"`, preview);
  } catch (err) {
    showPreviewNote($('previews'), `No preview: ${err instanceof ApiProblem ? `${err.status} ${err.message}` : err}`);
  }
}

async function streamedTurn(body, auth) {
  const speaker = state.view?.characters.find((c) => c.id === body.respondAs)?.name;
  let bubble;
  return attempt('Sending turn', async () => {
    try {
      for await (const { event, data } of streamTurn(paths.turns(state.sessionId), auth, body)) {
        if (event === 'delta' && data.index === 0) {
          bubble ??= transcript.streaming(speaker);
          bubble.append(data.text);
        } else if (event === 'done') {
          return data;
        } else if (event === 'error') {
          throw new ApiProblem(data.status ?? 500, data);
        }
      }
      throw new Error('The stream ended without a result.');
    } finally {
      bubble?.remove();
    }
  });
}

async function select(seq, index) {
  const message = await attempt('Selecting alternative', () =>
    call('PUT', paths.selection(state.sessionId, seq), { auth: sessionAuth(), json: { index } }));
  if (message) {
    transcript.upsert([message]);
    announce(`Alternative ${index + 1} selected for message ${seq}.`);
  }
}

async function regenerate(seq) {
  const message = await attempt('Regenerating', () =>
    call('POST', paths.regenerate(state.sessionId), { auth: sessionAuth(), json: {} }));
  if (message) {
    transcript.upsert([message]);
    announce(`Message ${seq} regenerated.`);
    await refreshFacts();
  }
}

// ---- events and ending ----------------------------------------------------------------------

$('event-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { eventId: newId('event'), text: form.text.value.trim(), react: form.react.checked };
  const result = await attempt('Posting event', () => call('POST', paths.events(state.sessionId), { auth: operator(), json: body }));
  if (result) {
    announce(body.react ? `Event ${result.disposition}: the character reacts now.` : `Event ${result.disposition}: held for the next turn.`);
    form.text.value = '';
    await refreshFacts();
  }
});

$('end-session').addEventListener('click', async () => {
  const ended = await attempt('Ending session', () => call('DELETE', paths.session(state.sessionId), { auth: sessionAuth() }));
  if (ended !== undefined) {
    state.poller?.stop();
    setActive(false);
    announce('Session ended; the transcript stays readable.');
    await refreshFacts();
  }
});

addPlayerRow('p-1', 'Player');
await loadHost();
await loadCharacters();
