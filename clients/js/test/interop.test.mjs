// Interoperation with the REAL proxy: proxy/target/socketx-proxy.jar as a child process on
// 127.0.0.1, relaying to a real echo upstream, driven through the `ws` package and Node's own
// WebSocket. Everything a browser page would do, plus what only Node can observe (HTTP status).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { WebSocket as WsWebSocket } from 'ws';
import { PinMismatchError, SocketX, SUITES, TruncatedError, UpgradeRejectedError } from '../dist/index.js';
import { collect, next } from './support/inbox.mjs';
import { proxyIdentity, startCuttableRelay, startEchoUpstream, startProxy } from './support/real-proxy.mjs';

const ORIGIN = 'http://localhost:3000';
const UNREACHABLE_HOST = 'unreachable.localhost';
const MiB = 1024 * 1024;
let identity;
let upstream;
let proxy;
let relay;

/** A loopback port that nothing listens on (bound, then released). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  [identity, upstream] = await Promise.all([proxyIdentity(), startEchoUpstream()]);
  proxy = await startProxy({
    IDENTITY_KEY_FILE: identity.file,
    MTE_KYBER_STRENGTH: '0', // every suite, x25519 alone included
    DOMAIN_MAP: JSON.stringify({
      '127.0.0.1': { upstream: upstream.url, allowedOrigins: [ORIGIN] },
      [UNREACHABLE_HOST]: { upstream: `ws://127.0.0.1:${await closedPort()}`, allowedOrigins: ['*'] },
    }),
  });
  relay = await startCuttableRelay(proxy.port);
});

after(async () => {
  await relay?.close();
  const exit = await proxy?.stop();
  await upstream?.close();
  assert.deepEqual(exit, { code: 0, signal: null }, 'the proxy shuts down cleanly on SIGTERM');
});

/** A client through the real proxy with the route's allowed Origin and the proxy's pin. */
function open(path, options = {}) {
  return new SocketX(`${options.via ?? proxy.url}${path}`, {
    pins: [identity.pin],
    WebSocket: WsWebSocket,
    transportOptions: { origin: ORIGIN },
    binaryType: 'arraybuffer',
    ...options,
  });
}

const pattern = (size) => new Uint8Array(size).map((_, i) => (i * 7 + 3) % 256);
const text = (size) => 'SocketX over the real proxy. '.repeat(Math.ceil(size / 29)).slice(0, size);
const SIZES = [0, 1, 1024, 65536, MiB]; // MAX_MESSAGE_SIZE's default is 1 MiB: the largest that passes

for (const { name: suite } of SUITES) {
  test(`${suite}: text and binary from 0 B to 1 MiB come back from the upstream byte for byte`, async () => {
    const socket = open(`/echo?suite=${suite}`, { suite });
    const inbox = collect(socket);
    const sent = SIZES.flatMap((size) => [text(size), pattern(size)]);
    sent.push('ünïcødé ✓ 🚀');
    sent.forEach((m) => socket.send(m));
    await inbox.count(sent.length);
    inbox.messages.forEach((got, i) => {
      if (typeof sent[i] === 'string') assert.equal(got, sent[i], `message ${i}`);
      else assert.deepEqual(new Uint8Array(got), sent[i], `message ${i} (${sent[i].length} bytes)`);
    });
    assert.ok(upstream.paths.includes(`/echo?suite=${suite}`), 'the encrypted pathname reached the upstream');
    const closed = next(socket, 'close');
    socket.close();
    assert.equal((await closed).wasClean, true);
  });
}

test('1,000 messages, text and binary interleaved, arrive in the order sent', async () => {
  const socket = open('/order');
  const inbox = collect(socket);
  const sent = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `m${i}` : new Uint32Array([i])));
  sent.forEach((m) => socket.send(m));
  await inbox.count(1000);
  const got = inbox.messages.map((m) => (typeof m === 'string' ? m : new Uint32Array(m)[0]));
  assert.deepEqual(got, sent.map((m, i) => (i % 2 ? m : i)));
  socket.close();
});

test("the client's close code and reason reach the upstream; the close is authenticated", async () => {
  const socket = open('/close-by-client');
  const inbox = collect(socket);
  socket.send('ready');
  await inbox.count(1);
  const before = upstream.closes.length;
  const closed = next(socket, 'close');
  socket.close(4321, 'done here');
  const event = await closed;
  assert.deepEqual([event.code, event.reason, event.wasClean, event.origin], [4321, 'done here', true, 'socketx']);
  while (upstream.closes.length === before) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(upstream.closes.at(-1), { code: 4321, reason: 'done here' });
});

test("the upstream's own close code arrives unchanged, marked as the upstream's (4011 is not AUTHENTICATION_FAILED)", async () => {
  for (const [code, reason] of [
    [4433, 'upstream says bye'],
    [4011, 'app-level 4011'],
    [1000, ''],
  ]) {
    const socket = open('/close-by-upstream');
    const errors = [];
    socket.addEventListener('error', (e) => errors.push(e.error));
    const closed = next(socket, 'close');
    socket.send(`close:${code}:${reason}`);
    const event = await closed;
    assert.deepEqual([event.code, event.reason, event.wasClean, event.origin], [code, reason, true, 'upstream']);
    assert.deepEqual(errors, [], `no error event for the upstream's ${code}`);
  }
});

test('an unreachable upstream closes the session with 1014 from the proxy, authenticated', async () => {
  const socket = open('/', { transportOptions: { origin: ORIGIN, headers: { host: UNREACHABLE_HOST } } });
  socket.send('held as early data, then discarded');
  const event = await next(socket, 'close');
  assert.deepEqual([event.code, event.wasClean, event.origin], [1014, true, 'socketx']);
});

test('a pin that is not the proxy key is PinMismatchError naming both fingerprints, before any data leaves', async () => {
  const wrong = 'sha256:' + 'A'.repeat(43);
  const before = upstream.paths.length;
  const socket = open('/secret-path', { pins: [wrong] });
  socket.send('must never reach the upstream');
  const error = await next(socket, 'error');
  assert.ok(error instanceof PinMismatchError, error.stack);
  assert.equal(error.presented, identity.pin);
  assert.deepEqual(error.pinned, [wrong]);
  assert.ok(error.message.includes(identity.pin) && error.message.includes(wrong), error.message);
  assert.equal((await next(socket, 'close')).code, 4018);
  assert.equal(upstream.paths.length, before, 'no upstream connection was made');
});

test('an Origin the route refuses is UpgradeRejectedError carrying HTTP 403', async () => {
  const socket = open('/', { transportOptions: { origin: 'http://evil.localhost:3000' } });
  const error = await next(socket, 'error');
  assert.ok(error instanceof UpgradeRejectedError, error.stack);
  assert.equal(error.status, 403);
  assert.equal(error.originRejected, true);
  assert.match(error.message, /403/);
});

test('a Host no route serves is UpgradeRejectedError carrying HTTP 404', async () => {
  const socket = open('/', { transportOptions: { origin: ORIGIN, headers: { host: 'nobody.localhost' } } });
  const error = await next(socket, 'error');
  assert.ok(error instanceof UpgradeRejectedError, error.stack);
  assert.deepEqual([error.status, error.originRejected], [404, false]);
});

test('a transport cut mid-stream is TruncatedError, never a clean close', async () => {
  const socket = open('/truncated', { via: relay.url });
  const inbox = collect(socket);
  socket.send('before the cut');
  await inbox.count(1);
  const failed = next(socket, 'error');
  const closed = next(socket, 'close');
  relay.cut();
  const error = await failed;
  assert.ok(error instanceof TruncatedError, error.stack);
  assert.equal(error.code, 4025);
  const event = await closed;
  assert.deepEqual([event.wasClean, event.origin], [false, 'transport']);
});

test("Node's global WebSocket completes a round trip through the proxy", { skip: !globalThis.WebSocket && 'this Node has no global WebSocket' }, async () => {
  class WithOrigin extends globalThis.WebSocket {
    constructor(address, protocols) {
      super(address, { protocols, headers: { origin: ORIGIN } });
    }
  }
  const socket = open('/native', { WebSocket: WithOrigin, transportOptions: undefined });
  const inbox = collect(socket);
  socket.send('native');
  socket.send(pattern(3000));
  await inbox.count(2);
  assert.equal(inbox.messages[0], 'native');
  assert.deepEqual(new Uint8Array(inbox.messages[1]), pattern(3000));
  const closed = next(socket, 'close');
  socket.close(1000);
  assert.equal((await closed).wasClean, true);
});
