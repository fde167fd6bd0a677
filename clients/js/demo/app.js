// The demo page: an echo chat through the SocketX proxy with the package's browser build, plus
// round-trip checks and handshake timings that people can run from the page and tests call through
// window.socketxDemo.
import { SocketX, UpgradeRejectedError } from './socketx.min.js';

const config = await (await fetch('config.json')).json(); // { url, pin, allowedOrigin }
const status = document.getElementById('status');
const log = document.getElementById('log');
const demo = { config, lastError: undefined }; // window.socketxDemo, for tests and the curious
window.socketxDemo = demo;

function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function append(kind, text) {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = text;
  log.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

/** A SocketX to the demo proxy; `opened` resolves with the milliseconds from construction to `open`. */
function connect(options = {}) {
  const started = performance.now();
  const socket = new SocketX(config.url, { pins: [config.pin], binaryType: 'arraybuffer', ...options });
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(performance.now() - started), { once: true });
    socket.addEventListener('error', (e) => reject(e.error), { once: true });
  });
  opened.catch(() => undefined);
  return { socket, opened };
}

function explain(error) {
  if (error instanceof UpgradeRejectedError && location.origin !== config.allowedOrigin) {
    return `${error.name}: the route admits the origin ${config.allowedOrigin} only, and this page is ${location.origin}. ` +
      '(A browser never shows the HTTP status of a refused upgrade; the proxy refuses an Origin with 403.)';
  }
  return `${error.name}: ${error.message}`;
}

const chat = connect();
chat.socket.addEventListener('message', (e) => append('echo', typeof e.data === 'string' ? e.data : `${e.data.byteLength} bytes (binary)`));
chat.socket.addEventListener('error', (e) => {
  show('error', explain(e.error));
  demo.lastError = { name: e.error.name, message: e.error.message };
});
chat.socket.addEventListener('close', (e) => {
  if (status.dataset.state !== 'error') show('closed', `Closed: ${e.code} ${e.reason} (${e.wasClean ? 'authenticated' : 'not authenticated'})`);
});
chat.opened.then((ms) => show('open', `Connected in ${ms.toFixed(1)} ms to ${config.url} — proxy key ${chat.socket.proxyFingerprint} (pinned)`), () => undefined);

document.getElementById('send').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('message');
  if (!input.value) return;
  chat.socket.send(input.value);
  append('me', input.value);
  input.value = '';
});

/** Messages as they arrive on `socket`; `count(n)` waits for n of them, failing on an error. */
function inbox(socket) {
  const messages = [];
  let wake = () => undefined;
  let failure;
  socket.addEventListener('message', (e) => {
    messages.push(e.data);
    wake();
  });
  socket.addEventListener('error', (e) => {
    failure = e.error;
    wake();
  });
  const count = async (n) => {
    while (messages.length < n) {
      if (failure) throw failure;
      await new Promise((resolve) => (wake = resolve));
    }
  };
  return { messages, count };
}

const pattern = (size) => new Uint8Array(size).map((_, i) => (i * 7 + 3) % 256);
const text = (size) => 'SocketX in the browser. '.repeat(Math.ceil(size / 24)).slice(0, size);
const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Text and binary from 0 B to 1 MiB, then 1,000 messages in order, on a new connection of `suite`;
 * returns one line per check (`ok`, `what`) and the handshake time.
 */
async function roundTrips(suite = 'x25519-mlkem768') {
  const { socket, opened } = connect({ suite });
  const received = inbox(socket);
  const checks = [];
  const sizes = [0, 1, 1024, 65536, 1024 * 1024];
  const sent = sizes.flatMap((size) => [text(size), pattern(size)]);
  sent.forEach((m) => socket.send(m));
  const handshakeMs = await opened;
  await received.count(sent.length);
  sent.forEach((m, i) => {
    const got = received.messages[i];
    const ok = typeof m === 'string' ? got === m : got instanceof ArrayBuffer && sameBytes(new Uint8Array(got), m);
    checks.push({ ok, what: `${typeof m === 'string' ? 'text' : 'binary'} ${m.length} B` });
  });
  const ordered = Array.from({ length: 1000 }, (_, i) => `#${i}`);
  ordered.forEach((m) => socket.send(m));
  await received.count(sent.length + ordered.length);
  const order = received.messages.slice(sent.length);
  checks.push({ ok: order.every((m, i) => m === ordered[i]), what: '1,000 messages in order' });
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
  socket.close(1000, 'checks done');
  const close = await closed;
  checks.push({ ok: close.wasClean && close.code === 1000, what: `authenticated close ${close.code}` });
  return { suite, handshakeMs, checks };
}

/** `n` connections one after another: the milliseconds from `new SocketX` to `open` of each. */
async function handshakes(n, suite = 'x25519-mlkem768') {
  const times = [];
  for (let i = 0; i < n; i++) {
    const { socket, opened } = connect({ suite });
    times.push(await opened);
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
    socket.close();
    await closed;
  }
  return times;
}

document.getElementById('checks').addEventListener('click', async () => {
  append('note', 'Running round-trip checks (ML-KEM-768)…');
  try {
    const result = await roundTrips();
    for (const c of result.checks) append('note', `${c.ok ? '✓' : '✗'} ${c.what}`);
    append('note', `handshake ${result.handshakeMs.toFixed(1)} ms`);
  } catch (error) {
    append('note', `✗ ${explain(error)}`);
  }
});

Object.assign(demo, { chat: chat.socket, roundTrips, handshakes });
