// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// One native port (sscard-bridge, one host process) per page: it keeps a
// verified PIN for that page's next request, carries the card events,
// and ends with the page, so the host resets the card.  The origin of
// every request is the browser's word for the page's sender, never the
// page's own.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const HOST = 'org.libsscard.bridge';

function senderOrigin(sender) {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return new URL(sender.url).origin;
  } catch {
    return 'null';
  }
}

api.runtime.onConnect.addListener((page) => {
  if (page.name !== 'sscard-page' || !page.sender || page.sender.frameId) {
    page.disconnect();
    return;
  }
  const origin = senderOrigin(page.sender);
  let host = null;
  try {
    host = api.runtime.connectNative(HOST);
  } catch (e) {
    page.postMessage({ id: null, status: 503, document: { schema: 2,
      error: { code: -1, message: `sscard-bridge is not installed: ${e}`, sw: null, field: null } } });
    page.disconnect();
    return;
  }
  const pending = new Set();
  host.onMessage.addListener((msg) => {
    if (msg && 'id' in msg) pending.delete(msg.id);
    page.postMessage(msg);
  });
  host.onDisconnect.addListener(() => {
    const why = api.runtime.lastError ? api.runtime.lastError.message : 'the host ended';
    for (const id of pending) {
      page.postMessage({ id, status: 503, document: { schema: 2,
        error: { code: -1, message: `sscard-bridge stopped: ${why}`, sw: null, field: null } } });
    }
    pending.clear();
    host = null;
    page.disconnect();
  });
  page.onMessage.addListener((msg) => {
    if (!host || !msg || typeof msg !== 'object') return;
    pending.add(msg.id ?? null);
    host.postMessage({ ...msg, origin });
  });
  page.onDisconnect.addListener(() => {
    if (host) host.disconnect();
    host = null;
  });
});
