// The JS client (bindings/js/sscard.mjs) in Debian's headless
// chromium, on a page that imports it, against sscardd with a token:
//
//   jsclient.mjs full PAGE_PORT TOKEN_FILE DOCS RESTART RESTARTED
//
// The page reads the card, is refused without the token, has bad PINs
// rejected before anything is sent, verifies the PIN, reads the medical
// account, falls back to the legacy dialect, and follows the events
// through a removal, an insertion and a restart of sscardd (it writes
// RESTART and waits for RESTARTED, which the test script makes).  Every
// document it got goes to DOCS, one per line, for the schema check.
//
//   jsclient.mjs readme PAGE_PORT
//
// README.md's js example, as written there, on a page with its #pin input
// (the virtual card's PIN) and #out element, against sscardd without a
// token: it shows the holder and the balance, then the removal.
//
// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import fs from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';

const [mode, pagePort, tokenFile, docsFile, restartFile, restartedFile] = process.argv.slice(2);
const client = fs.readFileSync(new URL('../../bindings/js/sscard.mjs', import.meta.url));
const vcard = Number(process.env.WITH_PCSCD_VCARD_PID);

// README.md's block of a language in a section
function readmeBlock(section, lang) {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(`\`\`\`${lang}\n`, readme.indexOf(section));
  if (start < 0) throw new Error(`README.md has no ${lang} example under "${section}"`);
  return readme.slice(start + lang.length + 4, readme.indexOf('\n```', start + 4));
}

const page = mode === 'readme'
  ? `<!doctype html><meta charset="utf-8"><title>HIS</title>
<input id="pin" value="123456"><p id="out"></p>
<script type="module">
${readmeBlock('## Web pages', 'js')}
</script>`
  : `<!doctype html><meta charset="utf-8"><title>HIS</title>
<script type="module">
import { SSCardClient, SSCardError } from './sscard.mjs';
window.SSCardClient = SSCardClient;
window.SSCardError = SSCardError;
window.ready = true;
</script>`;

function fail(msg) {
  console.log(`FAIL js client: ${msg}`);
  process.exitCode = 1;
}

function check(what, got, want) {
  if (JSON.stringify(got) === JSON.stringify(want)) console.log(`ok   js client: ${what}`);
  else fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const server = http.createServer((req, res) => {
  if (req.url === '/sscard.mjs') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(client);
  } else {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  }
});
await new Promise((resolve) => server.listen(Number(pagePort), '127.0.0.1', resolve));
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const docs = [];
if (mode === 'readme') {
  try {
    const p = await b.newPage();
    await p.goto(`http://127.0.0.1:${pagePort}/`);
    const shows = async (want, what) => {
      try {
        await p.waitForFunction((w) => document.getElementById('out').textContent === w, want,
          { timeout: 15000 });
        console.log(`ok   js client: README's example ${what}`);
      } catch {
        fail(`README's example ${what}: shows ${JSON.stringify(await p.textContent('#out'))}`);
      }
    };
    await shows('林岩 123.45', 'shows the holder and the balance after the PIN');
    process.kill(vcard, 'SIGUSR1');
    await shows('removed', 'shows the removal');
    process.kill(vcard, 'SIGUSR2');
  } finally {
    await b.close();
    server.close();
  }
  process.exit();
}
const token = fs.readFileSync(tokenFile, 'utf8').split('\n')[0];
try {
  const p = await b.newPage();
  await p.goto(`http://127.0.0.1:${pagePort}/`);
  await p.waitForFunction(() => window.ready === true);
  const got = await p.evaluate(async (tok) => {
    const out = {};
    const refusal = (e) => (e instanceof window.SSCardError
      ? { code: e.code, status: e.status, tries: e.pin ? e.pin.tries_left : undefined,
        shows_pin: /000000|12a4/.test(`${e.message} ${e.stack}`) }
      : { not: String(e) });
    const c = new window.SSCardClient({ token: tok, backoff: { initialMs: 100, maxMs: 400 } });
    out.card = await c.card();
    out.noToken = await new window.SSCardClient().card().then(() => 'read', refusal);
    out.letters = await c.verifyPin('12a4').then(() => 'sent', refusal);
    out.number = await c.verifyPin(1234).then(() => 'sent', refusal);
    out.wrong = await c.verifyPin('000000').then(() => 'verified', refusal);
    out.beforePin = await c.medical().then(() => 'read', refusal);
    out.pin = await c.verifyPin('123456');
    out.medical = await c.medical();
    out.legacy = await c.legacy('iReadCardBas', { iType: 3 });
    out.noFunction = await c.legacy('iSendAPDU').then(() => 'sent', refusal);
    window.evs = [];
    window.states = [];
    window.stream = c.events((ev) => window.evs.push(ev), { onState: (s) => window.states.push(s) });
    return out;
  }, token);
  docs.push(got.card, got.pin, got.medical);
  check('reads the card with the token', got.card.holder.name, '林岩');
  // a 403 carries no CORS header: the browser shows the page no answer at all
  check('without the token: rejected (the browser hides the 403)', got.noToken, { code: -1, status: 0, shows_pin: false });
  check('a PIN with letters: rejected before any request', got.letters, { code: -52, status: 0, shows_pin: false });
  check('a PIN that is a number: rejected', got.number, { code: -52, status: 0, shows_pin: false });
  check('a wrong PIN: rejected with the tries left, the PIN in no message', got.wrong,
    { code: -50, status: 422, tries: 2, shows_pin: false });
  check('medical before the PIN: rejected (-53)', got.beforePin.code, -53);
  check('the PIN verified', got.pin.pin.state, 'verified');
  check('the medical account', got.medical.medical.balance_fen, 12345);
  check('the legacy dialect as a fallback', [got.legacy.code, got.legacy.pOutInfo.split('|')[4]], [0, '林岩']);
  check('a function the legacy dialect does not have: rejected', got.noFunction.code, -70);

  const waitFor = async (what, fn, arg) => {
    try {
      await p.waitForFunction(fn, arg, { timeout: 15000 });
    } catch {
      fail(`${what}: ${JSON.stringify(await p.evaluate(() => [window.states, window.evs.map((e) => e.event)]))}`);
      throw new Error('stopped');
    }
  };
  const events = ([name, n]) => window.evs.filter((ev) => ev.event === name).length >= n;
  await waitFor('the events socket opens', () => window.states.includes('open'));
  process.kill(vcard, 'SIGUSR1');
  await waitFor('the removal arrives', events, ['removed', 1]);
  process.kill(vcard, 'SIGUSR2');
  await waitFor('the insertion arrives', () => window.evs.some((e) => e.event === 'inserted'
    && e.holder && e.holder.name === '林岩'));
  console.log('ok   js client: removal and insertion events, with the basic info');
  fs.writeFileSync(restartFile, '');
  await waitFor('sscardd restarted: the socket reconnects', () => window.states.includes('reconnecting')
    && window.states.lastIndexOf('open') > window.states.indexOf('reconnecting'));
  for (let i = 0; i < 100 && !fs.existsSync(restartedFile); i++) await new Promise((r) => setTimeout(r, 100));
  process.kill(vcard, 'SIGUSR1');
  await waitFor('a removal after the reconnection arrives', events, ['removed', 2]);
  console.log('ok   js client: sscardd restarted, the events reconnect with back-off and still arrive');
  const evs = await p.evaluate(() => { window.stream.close(); return [window.evs, window.states.at(-1)]; });
  check('close() ends the stream', evs[1], 'closed');
  docs.push(...evs[0]);
  process.kill(vcard, 'SIGUSR2');
} catch (e) {
  if (e.message !== 'stopped') fail(e.message);
} finally {
  fs.writeFileSync(docsFile, docs.filter((d) => d).map((d) => `${JSON.stringify(d)}\n`).join(''));
  await b.close();
  server.close();
}
