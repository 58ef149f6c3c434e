// sscardd's test clients, run by tests/sscardd/run inside the pcscd harness
// (its own network namespace, so the default ports are free):
//
//   client.mjs legacy PORT ORIGIN REQUEST...    one answer line a request;
//              "@keys LINE" puts LINE on the test PIN pad first, and "@hsm"
//              sends iReadCardBas_HSM_Step2 with what $HSM (the test HSM)
//              answers to the last step 1
//   client.mjs events PORT ORIGIN COUNT MS [UNTIL]
//                                               "connected", then COUNT lines
//                                               (or up to the first event UNTIL
//                                               that follows another event)
//   client.mjs load PORT TOTAL CLIENTS EXPECTED [PAUSE_MS]
//                                               GET /v1/card TOTAL times, each
//                                               client pausing between requests
//   client.mjs browser PAGE_ALLOWED PAGE_DENIED SCREENSHOT
//   client.mjs public PAGE                       the README's page served as
//              if from the internet (Local Network Access): "read NAME" when
//              its fetch of /v1/card is let through, else "refused"
//   client.mjs pair PORT "A|B REQUEST"...        the legacy dialect on two
//              connections, A and B: each answer line starts with its
//              connection; "@hsm" as for legacy, from the last step 1 of A
//   client.mjs hold PORT PATH MS                 a WebSocket that answers the
//              service's pings (as a browser does): "open" or "closed CODE"
//              after MS
//
// SPDX-FileCopyrightText: 2026 The libsscard authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

const [cmd, ...args] = process.argv.slice(2);

function fail(msg) {
  console.log(`FAIL ${msg}`);
  process.exitCode = 1;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function openSocket(url, origin) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', (e) => reject(e));
  });
}

async function legacy([port, origin, ...requests]) {
  let ws;
  try {
    ws = await withTimeout(openSocket(`ws://127.0.0.1:${port}/`, origin), 5000, 'handshake');
  } catch (e) {
    console.log(e.message);
    process.exitCode = 2;
    return;
  }
  let last = null;
  for (let req of requests) {
    if (req.startsWith('@keys ')) {
      fs.writeFileSync(`${process.env.WITH_PCSCD_DIR}/pinpad.keys`, `${req.slice(6)}\n`);
      continue;
    }
    if (req === '@hsm') {
      const pKey = execFileSync(process.env.HSM, {
        input: `${JSON.parse(last).pOutInfo}\n`,
        env: { ...process.env, SSCARD_HSM_KEY: 'RKSSSE' },
      }).toString().trim();
      req = JSON.stringify({ function: 'iReadCardBas_HSM_Step2', pKey });
    }
    const answer = new Promise((resolve) => ws.once('message', (m) => resolve(m.toString())));
    ws.send(req);
    last = await withTimeout(answer, 60000, 'legacy answer');
    console.log(last);
  }
  ws.close();
}

async function events([port, origin, count, ms, until]) {
  let ws;
  try {
    const query = process.env.SSCARDD_TOKEN ? `?token=${process.env.SSCARDD_TOKEN}` : '';
    ws = await withTimeout(openSocket(`ws://127.0.0.1:${port}/v1/events${query}`, origin), 5000, 'handshake');
  } catch (e) {
    console.log(e.message);
    process.exitCode = 2;
    return;
  }
  console.log('connected');
  let left = Number(count);
  let other = false;
  await withTimeout(new Promise((resolve) => {
    ws.on('message', (m) => {
      console.log(m.toString());
      const event = JSON.parse(m.toString()).event;
      if (--left === 0 || (until && other && event === until)) resolve();
      other ||= event !== until;
    });
  }), Number(ms), 'events').catch((e) => fail(e.message));
  ws.close();
}

// Every answer is the card (exactly EXPECTED) or "no card" while it is out.
async function load([port, total, clients, expectedFile, pauseMs = '0']) {
  const expected = fs.readFileSync(expectedFile, 'utf8').trim();
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) });
  const counts = { card: 0, nocard: 0, wrong: 0 };
  const latencies = [];
  let next = 0;
  const get = () => new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path: '/v1/card', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        resolve({ status: res.statusCode, body });
      });
    });
    req.on('error', reject);
  });
  const worker = async () => {
    while (next < Number(total)) {
      next++;
      if (Number(pauseMs) > 0) await new Promise((r) => setTimeout(r, Number(pauseMs)));
      const { status, body } = await get();
      let code = null;
      try { code = JSON.parse(body).error?.code; } catch { code = null; }
      if (status === 200 && body === expected) counts.card++;
      else if (status === 404 && [-2, -3, -20].includes(code)) counts.nocard++;
      else {
        counts.wrong++;
        if (counts.wrong < 5) console.log(`wrong answer: ${status} ${body}`);
      }
    }
  };
  const t0 = Date.now();
  await withTimeout(Promise.all(Array.from({ length: Number(clients) }, worker)),
    120000, 'load');
  const secs = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  console.log(JSON.stringify({ ...counts, total: latencies.length, seconds: secs,
    rps: Math.round(latencies.length / secs), p50_ms: pct(0.5), p99_ms: pct(0.99) }));
  agent.destroy();
  if (counts.wrong > 0 || counts.card + counts.nocard !== Number(total)) process.exitCode = 1;
}

// README's "web pages" example, as written there, is the page under test.
function readmePage() {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('```html\n', readme.indexOf('## Web pages'));
  if (start < 0) throw new Error('README.md has no html example under "## Web pages"');
  const end = readme.indexOf('\n```', start + 8);
  return readme.slice(start + 8, end);
}

function serve(port, html) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>HIS</title>\n${html}`);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function waitText(page, selector, pred, what, ms = 15000) {
  try {
    await page.waitForFunction(([sel, src]) => {
      const el = document.querySelector(sel);
      return el && new Function('t', `return ${src};`)(el.textContent);
    }, [selector, pred], { timeout: ms });
    console.log(`ok   browser: ${what}`);
  } catch {
    fail(`browser: ${what} (page shows ${JSON.stringify(await page.textContent(selector))})`);
  }
}

async function browser([allowedPort, deniedPort, screenshot]) {
  const html = readmePage();
  const servers = [await serve(Number(allowedPort), html), await serve(Number(deniedPort), html)];
  const vcard = Number(process.env.WITH_PCSCD_VCARD_PID);
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await b.newPage();
    await page.goto(`http://127.0.0.1:${allowedPort}/`);
    await waitText(page, '#holder', "t === '林岩'", 'the allowed page reads the card and shows the holder');
    process.kill(vcard, 'SIGUSR1');
    await waitText(page, '#events', "t.includes('removed')", 'the removal arrives as an event');
    await waitText(page, '#holder', "t !== '林岩'", 'the page no longer shows the holder');
    process.kill(vcard, 'SIGUSR2');
    await waitText(page, '#events', "t.indexOf('inserted 林岩', t.indexOf('removed')) > 0",
      'the insertion arrives with the basic info');
    await waitText(page, '#holder', "t === '林岩'", 'the holder is shown again');
    // a POST with a JSON body: the browser asks first (a CORS preflight)
    const pin = await page.evaluate(async () => {
      const api = 'http://127.0.0.1:12340/v1';
      const r = await fetch(`${api}/pin/verify`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ pin: '123456' }),
      });
      const m = await (await fetch(`${api}/medical`)).json();
      return `${r.status} ${(await r.json()).pin.state} ${m.medical.balance_yuan}`;
    });
    if (pin === '200 verified 123.45') console.log('ok   browser: the page verifies the PIN (preflighted POST) and reads the medical account');
    else fail(`browser: PIN and medical gave "${pin}"`);
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`ok   browser: screenshot of the test page: ${screenshot}`);

    // the same page from an origin the service was not told of
    const denied = await b.newPage();
    await denied.goto(`http://localhost:${deniedPort}/`);
    const verdict = await denied.evaluate(async () => {
      const read = await fetch('http://127.0.0.1:12340/v1/card').then(() => 'read', () => 'refused');
      const post = await fetch('http://127.0.0.1:12340/v1/pin/verify', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"pin":"123456"}',
      }).then(() => 'posted', () => 'refused');
      const ws = await new Promise((resolve) => {
        const s = new WebSocket('ws://127.0.0.1:12340/v1/events');
        s.onopen = () => resolve('open');
        s.onerror = () => resolve('refused');
      });
      return `${read} ${post} ${ws} ${document.getElementById('holder').textContent}`;
    });
    if (verdict.startsWith('refused refused refused') && !verdict.includes('林岩'))
      console.log('ok   browser: a page from another origin gets nothing (GET, POST and WebSocket refused)');
    else fail(`browser: the other origin got "${verdict}"`);
  } finally {
    await b.close();
    servers.forEach((s) => s.close());
  }
}

function hsmAnswer(step1) {
  const pKey = execFileSync(process.env.HSM, {
    input: `${JSON.parse(step1).pOutInfo}\n`,
    env: { ...process.env, SSCARD_HSM_KEY: 'RKSSSE' },
  }).toString().trim();
  return JSON.stringify({ function: 'iReadCardBas_HSM_Step2', pKey });
}

async function pair([port, ...requests]) {
  const open = () => withTimeout(openSocket(`ws://127.0.0.1:${port}/`), 5000, 'handshake');
  const sockets = { A: await open(), B: await open() };
  let step1 = null;
  for (const line of requests) {
    const who = line[0];
    let req = line.slice(2);
    if (req === '@hsm') req = hsmAnswer(step1);
    const ws = sockets[who];
    const answer = new Promise((resolve) => ws.once('message', (m) => resolve(m.toString())));
    ws.send(req);
    const got = await withTimeout(answer, 60000, 'legacy answer');
    if (who === 'A' && JSON.parse(got).functionName === 'iReadCardBas_HSM_Step1') step1 = got;
    console.log(`${who} ${got}`);
  }
  sockets.A.close();
  sockets.B.close();
}

async function hold([port, path, ms]) {
  const ws = await withTimeout(openSocket(`ws://127.0.0.1:${port}${path}`), 5000, 'handshake');
  let closed = null;
  ws.on('close', (code) => { closed = code; });
  await new Promise((resolve) => setTimeout(resolve, Number(ms)));
  console.log(closed === null ? 'open' : `closed ${closed}`);
  ws.close();
}

// A page whose server chromium takes for a public address: its calls to
// the loopback pass the browser's Local Network Access check only where a
// policy lets its origin through.
async function publicPage([port]) {
  const server = await serve(Number(port), readmePage());
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ip-address-space-overrides=127.0.0.1:${port}=public`],
  });
  try {
    const page = await b.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    console.log(await page.evaluate(async () => fetch('http://127.0.0.1:12340/v1/card')
      .then(async (r) => `read ${(await r.json()).holder.name}`, () => 'refused')));
  } finally {
    await b.close();
    server.close();
  }
}

const commands = { legacy, events, load, browser, pair, hold, public: publicPage };
if (!commands[cmd]) {
  console.error('usage: client.mjs legacy|events|load|browser|public|pair|hold ...');
  process.exit(2);
}
await commands[cmd](args).catch((e) => fail(`${cmd}: ${e.message}`));
