// The browser extension and sscard-bridge in Debian's headless chromium,
// from the packages' layout (TREE: the extension folder, the profile's
// native host manifest), sscardd not running:
//
//   bridge.mjs TREE PROFILE ALLOWED_PORT OTHER_PORT [PUBLIC_PORT]
//
// With PUBLIC_PORT (an allowed origin that chromium is told is a public
// address, sscardd running on 12340): sscardd is out of that page's reach
// over HTTP (Local Network Access), the bridge serves it.
//   bridge.mjs kill TREE PROFILE ALLOWED_PORT   (a slow card: the host,
//                                                $BRIDGE_HOST, is killed
//                                                while it reads)
//
// A page on the allowed origin reads the card, the photo, verifies the PIN
// and reads the medical account through transport 'auto', and gets a
// removal and an insertion; a page of another origin is refused with how
// to allow it; a request from a frame is not relayed; two tabs read at
// once; the host killed mid-request gives the page an error.  The card is
// the harness's (WITH_PCSCD_VCARD_PID).
//
// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const killMode = process.argv[2] === 'kill';
const [tree, profile, allowedPort, otherPort, publicPort] = process.argv.slice(killMode ? 3 : 2);
const client = fs.readFileSync(new URL('../../bindings/js/sscard.mjs', import.meta.url));
const vcard = Number(process.env.WITH_PCSCD_VCARD_PID);
const page = `<!doctype html><meta charset="utf-8"><title>HIS</title>
<script type="module">
import { SSCardClient, SSCardError } from './sscard.mjs';
window.SSCardClient = SSCardClient;
window.SSCardError = SSCardError;
window.ready = true;
</script>`;

// README.md's js example of the bridge, as written there, on a page with
// its #out element
const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.indexOf('## Web pages without a port');
const start = readme.indexOf('```js\n', section);
const readmePage = `<!doctype html><meta charset="utf-8"><title>HIS</title><p id="out"></p>
<script type="module">
${readme.slice(start + 6, readme.indexOf('\n```', start + 6))}
</script>`;

let failed = 0;
function check(what, got, want) {
  if (JSON.stringify(got) === JSON.stringify(want)) console.log(`ok   bridge: ${what}`);
  else {
    failed++;
    console.log(`FAIL bridge: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

function serve(port) {
  const server = http.createServer((req, res) => {
    if (req.url === '/sscard.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(client);
    } else if (req.url === '/readme') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readmePage);
    } else if (req.url === '/frame') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><iframe src="/"></iframe>`);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    }
  });
  return new Promise((resolve) => server.listen(Number(port), '127.0.0.1', () => resolve(server)));
}

const servers = [await serve(allowedPort)];
if (!killMode) servers.push(await serve(otherPort));
if (publicPort) servers.push(await serve(publicPort));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--disable-extensions-except=${tree}`, `--load-extension=${tree}`,
    ...(publicPort ? [`--ip-address-space-overrides=127.0.0.1:${publicPort}=public`] : [])],
});

async function open(port, path = '/') {
  const p = await ctx.newPage();
  await p.goto(`http://127.0.0.1:${port}${path}`);
  await p.waitForFunction(() => window.ready === true || document.querySelector('iframe'));
  return p;
}

async function killMidRequest() {
  const k = await open(allowedPort);
  const pending = k.evaluate(() => new window.SSCardClient({ transport: 'bridge' }).card()
    .then(() => 'answered', (e) => [e.code, /stopped/.test(e.message)]));
  await new Promise((r) => setTimeout(r, 700));
  // this harness's host only: its own path, then the caller chromium gives
  execFileSync('pkill', ['-KILL', '-f', `^${process.env.BRIDGE_HOST} chrome-extension://`]);
  check('the host killed while it reads: the page gets an error, no hang', await pending, [-1, true]);
}

try {
  if (killMode) {
    await killMidRequest();
    throw null;
  }
  const p = await open(allowedPort);
  const got = await p.evaluate(async () => {
    const c = new window.SSCardClient({ transport: 'auto', backoff: { initialMs: 100, maxMs: 400 } });
    const out = {};
    out.version = await c.version();
    out.card = await c.card();
    out.photo = (await c.photo()).size;
    out.wrong = await c.verifyPin('000000').then(() => 'verified', (e) => [e.code, e.pin && e.pin.tries_left]);
    out.pin = await c.verifyPin('123456');
    out.medical = await c.medical();
    window.evs = [];
    window.states = [];
    window.stream = c.events((ev) => window.evs.push(ev), { onState: (s) => window.states.push(s) });
    return out;
  });
  check('transport auto chose the bridge', got.version.service, 'sscard-bridge');
  check('the card through the bridge', [got.card.holder.name, got.card.card.number], ['林岩', 'BA0010547']);
  check('the photo, a JPEG blob', got.photo > 1000, true);
  check('a wrong PIN: refused with the tries left', got.wrong, [-50, 2]);
  check('the PIN verified, then the medical account', [got.pin.pin.state, got.medical.medical.balance_fen],
    ['verified', 12345]);
  fs.writeFileSync(`${profile}/docs.json`, [got.version, got.card, got.pin, got.medical]
    .map((d) => JSON.stringify(d)).join("\n") + "\n");
  await p.waitForFunction(() => window.states.includes('open'), null, { timeout: 15000 });
  process.kill(vcard, 'SIGUSR1');
  await p.waitForFunction(() => window.evs.some((e) => e.event === 'removed'), null, { timeout: 15000 });
  process.kill(vcard, 'SIGUSR2');
  await p.waitForFunction(() => window.evs.some((e) => e.event === 'inserted' && e.holder
    && e.holder.name === '林岩'), null, { timeout: 15000 });
  check('a removal and an insertion with the holder', true, true);

  const r = await ctx.newPage();
  r.on('pageerror', (e) => console.log(`page error: ${e}`));
  await r.goto(`http://127.0.0.1:${allowedPort}/readme`);
  try {
    await r.waitForFunction(() => document.getElementById('out').textContent === '林岩', null,
      { timeout: 15000 });
    check("README's example through the bridge shows the holder", true, true);
  } catch {
    check("README's example through the bridge", await r.textContent('#out'), '林岩');
  }

  if (publicPort) {
    const local = await open(allowedPort);
    check('a loopback page reaches sscardd over HTTP', await local.evaluate(
      () => new window.SSCardClient({ transport: 'http' }).version().then((v) => v.service, (e) => e.code)),
    'sscardd');
    const pub = await open(publicPort);
    check('a public page: sscardd out of reach over HTTP, the bridge reads', await pub.evaluate(async () => {
      const http = await new window.SSCardClient({ transport: 'http' }).version()
        .then((v) => v.service, (e) => e.code);
      const bridged = await new window.SSCardClient({ transport: 'auto' }).card()
        .then((d) => d.holder.name, (e) => e.code);
      return [http, bridged];
    }), [-1, '林岩']);
  }

  const other = await open(otherPort);
  check('another origin: refused, told how to allow it', await other.evaluate(
    () => new window.SSCardClient({ transport: 'bridge' }).card().then(() => 'read', (e) => ({ code: e.code,
      allow: /allow_origin/.test(e.message) }))), { code: -6, allow: true });

  const framed = await open(allowedPort, '/frame');
  const frame = framed.frames()[1];
  await frame.waitForFunction(() => window.ready === true);
  check('a request from a frame is not relayed', await frame.evaluate(
    () => new window.SSCardClient({ transport: 'bridge' }).card().then(() => 'read', (e) => e.code)), -1);

  const [a, b] = [await open(allowedPort), await open(allowedPort)];
  const both = await Promise.all([a, b].map((t) => t.evaluate(
    () => new window.SSCardClient({ transport: 'bridge' }).card().then((d) => d.holder.name,
      (e) => e.code))));
  check('two tabs read at once', both, ['林岩', '林岩']);
} catch (e) {
  if (e !== null) {
    failed++;
    console.log(`FAIL bridge: ${e}`);
  }
} finally {
  await ctx.close();
  for (const s of servers) s.close();
}
process.exit(failed ? 1 : 0);
