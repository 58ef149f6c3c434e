// The browser extension and sscard-bridge in Debian's firefox-esr,
// headless, driven over WebDriver BiDi (webExtension.install: the
// extension's folder as the package installs it; the host manifest in
// $HOME/.mozilla/native-messaging-hosts), sscardd not running:
//
//   bridge-firefox.mjs TREE PROFILE ALLOWED_PORT OTHER_PORT BIDI_PORT
//
// An allowed page reads the holder with transport 'auto' and verifies the
// PIN; a page of another origin is refused.
//
// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import fs from 'node:fs';
import http from 'node:http';
import { spawn } from 'node:child_process';
import WebSocket from 'ws';

const [tree, profile, allowedPort, otherPort, bidiPort] = process.argv.slice(2);
const client = fs.readFileSync(new URL('../../bindings/js/sscard.mjs', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><title>HIS</title>
<script type="module">
import { SSCardClient } from './sscard.mjs';
window.SSCardClient = SSCardClient;
window.ready = true;
</script>`;

let failed = 0;
function check(what, got, want) {
  if (JSON.stringify(got) === JSON.stringify(want)) console.log(`ok   firefox: ${what}`);
  else {
    failed++;
    console.log(`FAIL firefox: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

function serve(port) {
  const server = http.createServer((req, res) => {
    const js = req.url === '/sscard.mjs';
    res.writeHead(200, { 'content-type': `text/${js ? 'javascript' : 'html'}; charset=utf-8` });
    res.end(js ? client : page);
  });
  return new Promise((resolve) => server.listen(Number(port), '127.0.0.1', () => resolve(server)));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const servers = [await serve(allowedPort), await serve(otherPort)];
fs.mkdirSync(profile, { recursive: true });
const firefox = spawn('/usr/bin/firefox-esr', ['--headless', '--no-remote', '--profile', profile,
  `--remote-debugging-port=${bidiPort}`], { stdio: 'ignore' });

let ws = null;
for (let i = 0; i < 100 && !ws; i++) {
  await sleep(200);
  ws = await new Promise((resolve) => {
    const s = new WebSocket(`ws://127.0.0.1:${bidiPort}/session`);
    s.on('open', () => resolve(s));
    s.on('error', () => resolve(null));
  });
}
let nextId = 1;
const waiting = new Map();
ws.on('message', (data) => {
  const m = JSON.parse(data);
  if (m.id && waiting.has(m.id)) {
    waiting.get(m.id)(m);
    waiting.delete(m.id);
  }
});
function send(method, params) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve, reject) => waiting.set(id, (m) => (m.error
    ? reject(new Error(`${method}: ${m.error}: ${m.message}`)) : resolve(m.result))));
}

async function evaluate(context, expression) {
  const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  return r.result && 'value' in r.result ? r.result.value : r;
}

async function openPage(port) {
  const { context } = await send('browsingContext.create', { type: 'tab' });
  await send('browsingContext.navigate', { context, url: `http://127.0.0.1:${port}/`, wait: 'complete' });
  for (let i = 0; i < 50 && await evaluate(context, 'window.ready === true') !== true; i++) await sleep(100);
  return context;
}

try {
  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: tree } });
  const a = await openPage(allowedPort);
  const got = await evaluate(a, `(async () => {
    const c = new window.SSCardClient({ transport: 'auto' });
    const v = await c.version();
    const d = await c.card();
    const p = await c.verifyPin('123456');
    return JSON.stringify([v.service, d.holder.name, p.pin.state]);
  })().catch((e) => JSON.stringify(String(e)))`);
  check('transport auto: the bridge reads the holder and verifies the PIN', JSON.parse(got),
    ['sscard-bridge', '林岩', 'verified']);
  const o = await openPage(otherPort);
  const refused = await evaluate(o, `new window.SSCardClient({ transport: 'bridge' }).card()
    .then(() => 'read', (e) => JSON.stringify([e.code, /allow_origin/.test(e.message)]))`);
  check('another origin: refused, told how to allow it', JSON.parse(refused), [-6, true]);
} catch (e) {
  failed++;
  console.log(`FAIL firefox: ${e}`);
} finally {
  try { await send('session.end', {}); } catch { /* gone */ }
  firefox.kill('SIGTERM');
  for (const s of servers) s.close();
}
process.exit(failed ? 1 : 0);
