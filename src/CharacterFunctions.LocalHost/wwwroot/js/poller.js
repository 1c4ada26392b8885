// Long-polls GET …/messages?after=&waitSeconds= so idle nudges and event reactions arrive without
// a page action. One loop per open session; stop() aborts the request in flight.
import { call, paths } from './api.js';

const WAIT_SECONDS = 25;

export class Poller {
  constructor({ sessionId, auth, after, onMessages, onError, onWaiting }) {
    Object.assign(this, { sessionId, auth, after, onMessages, onError, onWaiting });
    this.controller = new AbortController();
  }

  start() {
    this.#loop();
    return this;
  }

  stop() {
    this.controller.abort();
  }

  /** Moves the cursor forward when the page learned of newer messages another way (a turn response). */
  advance(seq) {
    this.after = Math.max(this.after, seq);
  }

  async #loop() {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        this.onWaiting(true);
        const page = await call('GET', paths.messages(this.sessionId, this.after, WAIT_SECONDS), { auth: this.auth(), signal });
        this.onWaiting(false);
        if (page.messages.length > 0) {
          this.after = Math.max(this.after, page.lastSeq);
          this.onMessages(page.messages);
        }
      } catch (err) {
        this.onWaiting(false);
        if (signal.aborted) {
          return;
        }
        this.onError(err);
        if (err?.status === 401 || err?.status === 403 || err?.status === 404) {
          return; // the credentials or the session are wrong: polling again cannot help
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }
}
