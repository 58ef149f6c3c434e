// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The page's side of the bridge: requests the page posts to itself,
//   window.postMessage({ type: 'org.libsscard.bridge/request', id, verb,
//                        pin, confirm_last_try, fresh, lang }, location.origin)
// are acknowledged at once ({type: '.../ack', id}) and relayed to the
// background; its answers ({type: '.../answer', id, status, document |
// photo}) and card events ({type: '.../event', document}) are posted back.
// Only the top window's own messages count (no frames: the manifest runs
// this script in the top frame only).  The page never names its origin:
// the background takes it from the browser.
'use strict';

const PREFIX = 'org.libsscard.bridge/';
const api = globalThis.browser ?? globalThis.chrome;
let port = null;

function post(msg) {
  window.postMessage({ ...msg, type: PREFIX + msg.type }, window.location.origin);
}

function portNow() {
  if (port) return port;
  port = api.runtime.connect({ name: 'sscard-page' });
  port.onMessage.addListener((msg) => {
    if (msg && msg.event) post({ type: 'event', document: msg.event });
    else if (msg) post({ type: 'answer', ...msg });
  });
  port.onDisconnect.addListener(() => {
    port = null;
    post({ type: 'closed' });
  });
  return port;
}

window.addEventListener('message', (e) => {
  if (e.source !== window || e.origin !== window.location.origin) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || m.type !== PREFIX + 'request') return;
  post({ type: 'ack', id: m.id ?? null });
  const request = { id: m.id ?? null, verb: String(m.verb) };
  for (const k of ['pin', 'confirm_last_try', 'fresh', 'lang']) {
    if (k in m) request[k] = m[k];
  }
  portNow().postMessage(request);
});
