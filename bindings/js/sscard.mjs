// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// sscardd's client for web HIS pages: the JSON API, the card events
// (reconnecting with back-off) and, as a fallback, the vendors' legacy
// dialect; or the same documents through the browser extension and its
// native host (transport 'bridge'), for pages that cannot reach the
// loopback, and 'auto': the bridge when the extension answers, else HTTP.  Answers are the documents of sscard-info --json (types in
// sscard.d.ts, checked against sscard-info.schema.json by the tests).
// A PIN goes into one request body and nowhere else.

/** A refusal: sscardd's {"error"} (code, sw, field) or a transport one. */
export class SSCardError extends Error {
  constructor(code, message, { sw = null, field = null, status = 0 } = {}) {
    super(message);
    this.name = 'SSCardError';
    this.code = code;
    this.sw = sw;
    this.field = field;
    this.status = status;
  }
}

// codes of the library (sscard.h) this client itself gives
const E_NO_SERVICE = -1;
const E_PROTOCOL = -23;
const E_PIN_FORMAT = -52;
const E_INVALID_ARG = -70;

const PIN_DIGITS = /^[0-9]{4,12}$/;
const LEGACY_FUNCTIONS = new Set(['iReadCardBas', 'iReadCardBas_HSM_Step1',
  'iReadCardBas_HSM_Step2', 'iVerifyPIN', 'iChangePIN', 'iReadICCardNum']);

function refusedByService(doc, status) {
  const e = doc && typeof doc === 'object' ? doc.error : null;
  if (!e || typeof e.code !== 'number') {
    return new SSCardError(E_PROTOCOL, `sscardd answered ${status} without an error`, { status });
  }
  return new SSCardError(e.code, String(e.message), { sw: e.sw ?? null, field: e.field ?? null, status });
}

const BRIDGE = 'org.libsscard.bridge/';
const BRIDGE_ACK_MS = 300;

// The extension's postMessage protocol (README, "Web pages without a
// port"): a request is acknowledged at once, then answered.
class Bridge {
  constructor() {
    this.nextId = 1;
    this.waiting = new Map();   // id -> {ack, answer}
    this.eventListeners = new Set();
    window.addEventListener('message', (e) => {
      if (e.source !== window || !e.data || typeof e.data.type !== 'string') return;
      const kind = e.data.type.startsWith(BRIDGE) ? e.data.type.slice(BRIDGE.length) : null;
      const w = this.waiting.get(e.data.id);
      if (kind === 'ack' && w) w.ack();
      else if (kind === 'answer' && w) { this.waiting.delete(e.data.id); w.answer(e.data); }
      else if (kind === 'event') for (const l of this.eventListeners) l(e.data.document);
      else if (kind === 'closed') {
        for (const [id, pending] of this.waiting) {
          this.waiting.delete(id);
          pending.answer({ status: 503, document: { error: { code: E_NO_SERVICE,
            message: 'sscard-bridge stopped' } } });
        }
        for (const l of this.eventListeners) l(null);
      }
    });
  }

  // resolves the answer message; rejects -1 when nothing acknowledges
  send(verb, fields = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new SSCardError(E_NO_SERVICE, 'the sscard bridge extension is not installed '
          + 'in this browser'));
      }, BRIDGE_ACK_MS);
      this.waiting.set(id, { ack: () => clearTimeout(timer), answer: (m) => { clearTimeout(timer); resolve(m); } });
      window.postMessage({ type: BRIDGE + 'request', id, verb, ...fields }, window.location.origin);
    });
  }
}

function base64Blob(b64, type) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export class SSCardClient {
  /**
   * @param {object} [options]
   *   base: the JSON API (http://127.0.0.1:12340); token: sscardd's token;
   *   legacyPort: the legacy dialect's port (12342); backoff: {initialMs, maxMs};
   *   transport: 'http' (sscardd), 'bridge' (the browser extension) or
   *   'auto' (the bridge when it answers within 300 ms, else http)
   */
  constructor({ base = 'http://127.0.0.1:12340', token = null, legacyPort = 12342,
    backoff = {}, transport = 'http' } = {}) {
    if (!['http', 'bridge', 'auto'].includes(transport)) {
      throw new SSCardError(E_INVALID_ARG, `not a transport: ${transport}`);
    }
    this.transport = transport;
    this.bridge = transport === 'http' ? null : new Bridge();
    this.chosen = transport === 'auto' ? null : transport;
    const url = new URL(base);
    if (!['http:', 'https:'].includes(url.protocol)) {
      throw new SSCardError(E_INVALID_ARG, `not an http URL: ${base}`);
    }
    this.base = url.origin;
    this.token = token;
    this.legacyPort = legacyPort;
    this.initialMs = backoff.initialMs ?? 500;
    this.maxMs = backoff.maxMs ?? 10000;
  }

  // fetch with the token; a network failure (or a refusal the browser
  // hides: a 403 carries no CORS header) as SSCardError -1
  async #fetch(path, init = {}) {
    const headers = { ...(init.headers || {}) };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    try {
      return await fetch(`${this.base}/v1${path}`, { ...init, headers });
    } catch {
      throw new SSCardError(E_NO_SERVICE, `sscardd at ${this.base} did not answer this page: `
        + 'not running, or this origin or token refused');
    }
  }

  // 'auto': the bridge when the extension acknowledges, once per client
  async #via() {
    if (this.chosen) return this.chosen;
    try {
      await this.bridge.send('version');
      this.chosen = 'bridge';
    } catch {
      this.chosen = 'http';
    }
    return this.chosen;
  }

  // one verb through the bridge: the document, or its error thrown
  async #bridged(verb, fields = {}) {
    const m = await this.bridge.send(verb, fields);
    if (m.photo !== undefined) return base64Blob(m.photo, 'image/jpeg');
    const doc = m.document;
    const refusal = doc && (doc.error || (doc.pin && doc.pin.error));
    if (m.status !== 200 || refusal) {
      const err = refusedByService(refusal ? { error: refusal } : doc, m.status);
      if (doc && doc.pin) err.pin = { state: doc.pin.state, tries_left: doc.pin.tries_left };
      throw err;
    }
    return doc;
  }

  async #request(path) {
    if (await this.#via() === 'bridge') {
      return this.#bridged({ '/version': 'version', '/readers': 'readers', '/card': 'card',
        '/card/photo': 'photo', '/medical': 'medical', '/doctor': 'doctor' }[path]);
    }
    const res = await this.#fetch(path);
    if (path === '/card/photo' && res.ok) return res.blob();
    let doc;
    try {
      doc = await res.json();
    } catch {
      throw new SSCardError(E_PROTOCOL, `sscardd answered ${res.status}, not JSON`, { status: res.status });
    }
    if (!res.ok || (doc && doc.error)) throw refusedByService(doc, res.status);
    return doc;
  }

  /** {"service", "version", "library", "api", "legacy_port"} */
  version() { return this.#request('/version'); }

  /** {"readers": [...]} */
  readers() { return this.#request('/readers'); }

  /** The card's basic info: reader, atr, region, card, holder. */
  card() { return this.#request('/card'); }

  /** The holder's photo, a JPEG Blob. */
  photo() { return this.#request('/card/photo'); }

  /**
   * Verify the holder's PIN; resolves {"pin": {"state", "tries_left"}}.
   * Rejects with the card's refusal (wrong: -50 with tries_left in
   * error.pin), and at once, with nothing sent, when pin is not 4 to 12
   * digits (-52).
   */
  async verifyPin(pin, { confirmLastTry = false } = {}) {
    if (typeof pin !== 'string' || !PIN_DIGITS.test(pin)) {
      throw new SSCardError(E_PIN_FORMAT, 'the PIN is 4 to 12 digits');
    }
    if (await this.#via() === 'bridge') {
      return this.#bridged('pin', { pin, confirm_last_try: Boolean(confirmLastTry) });
    }
    const res = await this.#fetch('/pin/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pin, confirm_last_try: Boolean(confirmLastTry) }),
    });
    const doc = await res.json().catch(() => null);
    const refusal = doc && (doc.error || (doc.pin && doc.pin.error));
    if (!res.ok || refusal) {
      const err = refusedByService(refusal ? { error: refusal } : doc, res.status);
      if (doc && doc.pin) err.pin = { state: doc.pin.state, tries_left: doc.pin.tries_left };
      throw err;
    }
    return doc;
  }

  /** The medical account (after the PIN): {"medical": {...}} */
  medical() { return this.#request('/medical'); }

  /** The doctor's report. */
  doctor() { return this.#request('/doctor'); }

  /**
   * Card events: listener(doc) for each ("inserted" with the basic info,
   * "removed", "reader_added", "reader_removed", "error").  The socket
   * reconnects with a doubling back-off (initialMs .. maxMs); onState is
   * told "open", "closed" and "reconnecting".  Returns {close()}.
   */
  events(listener, { onState = () => {} } = {}) {
    if (typeof listener !== 'function') {
      throw new SSCardError(E_INVALID_ARG, 'events() takes a function');
    }
    if (this.transport === 'bridge') return this.#bridgeEvents(listener, onState);
    if (this.transport === 'http') return this.#wsEvents(listener, onState);
    // 'auto': the choice first, then that transport's events
    let inner = null;
    let closed = false;
    this.#via().then((via) => {
      if (closed) return;
      inner = via === 'bridge' ? this.#bridgeEvents(listener, onState)
        : this.#wsEvents(listener, onState);
    });
    return {
      close() {
        closed = true;
        if (inner) inner.close();
        else onState('closed');
      },
    };
  }

  #wsEvents(listener, onState) {
    const wsBase = this.base.replace(/^http/, 'ws');
    const query = this.token ? `?token=${encodeURIComponent(this.token)}` : '';
    let delay = this.initialMs;
    let socket = null;
    let timer = null;
    let closed = false;
    const open = () => {
      socket = new WebSocket(`${wsBase}/v1/events${query}`);
      socket.onopen = () => { delay = this.initialMs; onState('open'); };
      socket.onmessage = (m) => {
        let doc;
        try { doc = JSON.parse(m.data); } catch { return; }
        listener(doc);
      };
      socket.onclose = () => {
        if (closed) return;
        onState('reconnecting');
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, this.maxMs);
      };
    };
    open();
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        if (socket) socket.close();
        onState('closed');
      },
    };
  }

  // the bridge's events: the extension's port carries them; when it
  // closes, asked again after the back-off
  #bridgeEvents(listener, onState) {
    let delay = this.initialMs;
    let timer = null;
    let closed = false;
    const relay = (doc) => {
      if (doc) { listener(doc); return; }
      if (closed) return;
      onState('reconnecting');
      timer = setTimeout(subscribe, delay);
      delay = Math.min(delay * 2, this.maxMs);
    };
    const subscribe = async () => {
      try {
        await this.#bridged('events');
        delay = this.initialMs;
        onState('open');
      } catch {
        relay(null);
      }
    };
    this.bridge.eventListeners.add(relay);
    subscribe();
    return {
      close: () => {
        closed = true;
        clearTimeout(timer);
        this.bridge.eventListeners.delete(relay);
        onState('closed');
      },
    };
  }

  /**
   * The legacy dialect, for a service that speaks only it:
   * legacy('iReadCardBas', {iType: 3}) resolves {functionName, success,
   * code, pOutInfo}; a ministry code other than 0 rejects (err.code is it).
   */
  legacy(functionName, params = {}) {
    if (!LEGACY_FUNCTIONS.has(functionName)) {
      return Promise.reject(new SSCardError(E_INVALID_ARG, `not a legacy function: ${functionName}`));
    }
    const host = new URL(this.base).hostname;
    const query = this.token ? `?token=${encodeURIComponent(this.token)}` : '';
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://${host}:${this.legacyPort}/${query}`);
      socket.onopen = () => socket.send(JSON.stringify({ ...params, function: functionName }));
      socket.onerror = () => reject(new SSCardError(E_NO_SERVICE, 'the legacy dialect is not reachable'));
      socket.onmessage = (m) => {
        socket.close();
        let answer;
        try { answer = JSON.parse(m.data); } catch {
          reject(new SSCardError(E_PROTOCOL, 'the legacy dialect answered garbage'));
          return;
        }
        if (answer.code !== 0) reject(new SSCardError(answer.code, `${functionName}: ${answer.success}`));
        else resolve(answer);
      };
    });
  }
}
