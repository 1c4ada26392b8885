// The transcript as an ordered list of messages keyed by seq. Messages are inserted or updated in
// place (never the whole list re-rendered), so the aria-live log announces only what is new.
const GENERATED = new Set(['reply', 'nudge', 'reaction']);

export class Transcript {
  constructor(list, { onSelect, onRegenerate }) {
    this.list = list;
    this.onSelect = onSelect;
    this.onRegenerate = onRegenerate;
    this.messages = new Map();
    this.latestAssistant = 0;
  }

  clear() {
    this.list.textContent = '';
    this.messages.clear();
    this.latestAssistant = 0;
  }

  get lastSeq() {
    let last = 0;
    for (const seq of this.messages.keys()) {
      last = Math.max(last, seq);
    }
    return last;
  }

  upsert(messages) {
    const previousLatest = this.latestAssistant;
    for (const message of messages) {
      this.messages.set(message.seq, message);
      if (message.role === 'assistant' && message.seq > this.latestAssistant) {
        this.latestAssistant = message.seq;
      }
    }
    for (const message of messages) {
      this.#place(message);
    }
    if (previousLatest && previousLatest !== this.latestAssistant && this.messages.has(previousLatest)) {
      this.#place(this.messages.get(previousLatest)); // drops its alternative controls
    }
  }

  /** A reply being streamed: shown (busy) until the turn's committed messages replace it. */
  streaming(speaker) {
    const item = document.createElement('li');
    item.className = 'msg role-assistant streaming';
    item.setAttribute('aria-busy', 'true');
    const head = document.createElement('div');
    head.className = 'meta';
    head.textContent = `${speaker ?? 'Character'} · writing…`;
    const text = document.createElement('p');
    text.className = 'text';
    item.append(head, text);
    this.list.append(item);
    this.#scrollToEnd();
    return {
      append: (delta) => {
        text.textContent += delta;
        this.#scrollToEnd();
      },
      remove: () => item.remove(),
    };
  }

  #place(message) {
    const item = this.#render(message);
    const existing = this.list.querySelector(`li[data-seq="${message.seq}"]`);
    if (existing) {
      existing.replaceWith(item);
      if (message.seq === this.latestAssistant) {
        this.#scrollToEnd(); // its alternatives may have grown
      }
      return;
    }
    const after = [...this.list.querySelectorAll('li[data-seq]')].find((li) => Number(li.dataset.seq) > message.seq);
    const streaming = this.list.querySelector('li.streaming');
    this.list.insertBefore(item, after ?? streaming ?? null);
    this.#scrollToEnd();
  }

  // Scrolls the log itself, not the page, so the composer stays where the user is typing.
  #scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  #render(message) {
    const item = document.createElement('li');
    item.className = `msg role-${message.role} kind-${message.kind}`;
    item.dataset.seq = message.seq;
    item.dataset.kind = message.kind;

    const meta = document.createElement('div');
    meta.className = 'meta';
    const who = message.role === 'system' ? 'Game event' : (message.speaker ?? message.role);
    meta.textContent = `#${message.seq} · ${who} · ${message.kind}`;
    if (message.usage) {
      const usage = document.createElement('span');
      usage.className = 'usage';
      usage.textContent = ` · ${message.usage.promptTokens} in / ${message.usage.completionTokens} out / ${message.usage.cachedTokens} cached`;
      meta.append(usage);
    }

    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = message.text;
    item.append(meta, text);

    const latest = message.seq === this.latestAssistant && GENERATED.has(message.kind);
    if (latest) {
      item.append(this.#controls(message));
    }
    return item;
  }

  #controls(message) {
    const box = document.createElement('div');
    box.className = 'controls';
    const alternatives = message.alternatives ?? [];
    if (alternatives.length > 1) {
      const set = document.createElement('fieldset');
      set.className = 'alternatives';
      const legend = document.createElement('legend');
      legend.textContent = `Alternatives for message ${message.seq}`;
      set.append(legend);
      alternatives.forEach((alternative, index) => {
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = `alt-${message.seq}`;
        radio.value = String(index);
        radio.checked = index === (message.selected ?? 0);
        radio.addEventListener('change', () => this.onSelect(message.seq, index));
        label.append(radio, ` ${index + 1}: ${alternative}`);
        set.append(label);
      });
      box.append(set);
    }
    const regenerate = document.createElement('button');
    regenerate.type = 'button';
    regenerate.textContent = 'Regenerate';
    regenerate.setAttribute('aria-label', `Regenerate message ${message.seq}`);
    regenerate.addEventListener('click', () => this.onRegenerate(message.seq));
    box.append(regenerate);
    return box;
  }
}
