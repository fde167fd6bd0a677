// The WebSocket-like SocketX class against the in-process proxy peer: events, send/receive, close,
// pins, truncation and the typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocketX, ConfigurationError, PinMismatchError, ProtocolError, TruncatedError, UpgradeRejectedError } from '../dist/index.js';
import { useCurveFallback } from '../dist/crypto.js';
import { fakeProxy, next } from './support/fake-proxy.mjs';

const text = (bytes) => new TextDecoder().decode(bytes);

/** Collects every event of a SocketX until its close event. */
function record(socket) {
  const events = [];
  for (const type of ['open', 'message', 'error', 'close']) socket.addEventListener(type, (e) => events.push(e));
  return { events, closed: next(socket, 'close'), messages: () => events.filter((e) => e.type === 'message').map((e) => e.data) };
}

async function openSocket(proxy, options = {}, url = 'ws://127.0.0.1:8080/chat?room=1') {
  const socket = new SocketX(url, { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket, binaryType: 'arraybuffer', ...options });
  const log = record(socket);
  await next(socket, 'open');
  return { socket, log };
}

async function until(condition) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

for (const suite of ['x25519', 'x25519-mlkem512', 'x25519-mlkem768', 'x25519-mlkem1024']) {
  test(`${suite}: opens, echoes text and binary in order, and closes with an authenticated CLOSE`, async () => {
    const proxy = await fakeProxy();
    const { socket, log } = await openSocket(proxy, { suite });
    assert.equal(socket.readyState, SocketX.OPEN);
    assert.equal(socket.protocol, 'socketx.v2');
    assert.equal(socket.proxyFingerprint, proxy.fingerprint);
    socket.send('hello');
    socket.send(Uint8Array.of(0, 1, 2, 255));
    socket.send(Uint8Array.of(9, 8, 7).buffer);
    socket.send(new Uint8Array(0));
    await until(() => log.messages().length === 4);
    const [t, b1, b2, empty] = log.messages();
    assert.equal(t, 'hello');
    assert.deepEqual(new Uint8Array(b1), Uint8Array.of(0, 1, 2, 255));
    assert.deepEqual(new Uint8Array(b2), Uint8Array.of(9, 8, 7));
    assert.equal(empty.byteLength, 0);
    socket.close(4100, 'bye');
    assert.equal(socket.readyState, SocketX.CLOSING);
    const close = await log.closed;
    assert.deepEqual([close.code, close.reason, close.wasClean, close.origin], [4100, 'bye', true, 'socketx']);
    assert.equal(socket.readyState, SocketX.CLOSED);
    assert.deepEqual(proxy.clientClose, { origin: 0, code: 4100, reason: 'bye' });
    assert.equal(log.events.filter((e) => e.type === 'error').length, 0);
  });
}

test('the pathname travels encrypted; the upgrade URL carries neither path nor query', async () => {
  const proxy = await fakeProxy();
  const { socket } = await openSocket(proxy, {}, 'ws://127.0.0.1:8080/chat/room?token=SECRET');
  assert.equal(proxy.upgrades[0].url, 'ws://127.0.0.1:8080/');
  assert.deepEqual(proxy.upgrades[0].protocols, ['socketx.v2']);
  assert.equal(proxy.peer.pathname, '/chat/room?token=SECRET');
  socket.close();
  const normalised = await fakeProxy();
  const { socket: dots } = await openSocket(normalised, {}, 'ws://127.0.0.1:8080/a/%2E%2e/b');
  assert.equal(normalised.peer.pathname, '/b', 'the URL parser resolves dot segments, encoded ones included');
  dots.close();
});

test('1,000 messages arrive in order across key updates in both directions', async () => {
  const proxy = await fakeProxy();
  const { socket, log } = await openSocket(proxy, { keyLimits: { records: 5, bytes: 100 } });
  for (let i = 0; i < 1000; i++) socket.send(`message ${i}`);
  await until(() => log.messages().length === 1000);
  assert.deepEqual(log.messages(), Array.from({ length: 1000 }, (_, i) => `message ${i}`));
  assert.deepEqual(proxy.received.map((m) => text(m.data)), log.messages());
  socket.close();
  await log.closed;
});

test('messages sent before open go out as early data, are held by the proxy and arrive first, in order', async () => {
  const proxy = await fakeProxy({ holdUpstream: true });
  const socket = new SocketX('ws://127.0.0.1:8080/', { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket });
  const log = record(socket);
  socket.send('early 1');
  socket.send('early 2');
  assert.equal(socket.bufferedAmount, 14, 'queued bytes count until they are sent');
  await until(() => proxy.peer?.early.records === 2);
  assert.equal(socket.readyState, SocketX.CONNECTING);
  assert.equal(socket.bufferedAmount, 0);
  const opened = next(socket, 'open');
  await proxy.connectUpstream();
  await opened;
  socket.send('after open');
  await until(() => log.messages().length === 3);
  assert.deepEqual(proxy.received.map((m) => text(m.data)), ['early 1', 'early 2', 'after open']);
  socket.close();
});

test('early data beyond 64 KiB waits for UPSTREAM_CONNECTED instead of breaking the limit', async () => {
  const proxy = await fakeProxy({ holdUpstream: true, silentUpstream: true });
  const socket = new SocketX('ws://127.0.0.1:8080/', { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket });
  const chunk = new Uint8Array(40000);
  socket.send(chunk);
  socket.send(chunk);
  await until(() => proxy.peer?.early.records === 1);
  assert.equal(socket.bufferedAmount, 40000);
  await proxy.connectUpstream();
  await until(() => proxy.received.length === 2);
  assert.equal(socket.bufferedAmount, 0);
  assert.deepEqual(proxy.errors, []);
  socket.close();
});

test('binaryType blob delivers Blobs', async () => {
  const proxy = await fakeProxy();
  const { socket, log } = await openSocket(proxy, { binaryType: 'blob' });
  socket.send(Uint8Array.of(1, 2, 3));
  await until(() => log.messages().length === 1);
  const blob = log.messages()[0];
  assert.ok(blob instanceof Blob);
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), Uint8Array.of(1, 2, 3));
  socket.close();
});

test('a proxy with another identity key is refused with both fingerprints, and the pathname never leaves', async () => {
  const proxy = await fakeProxy();
  const otherPin = 'sha256:' + 'A'.repeat(43);
  const socket = new SocketX('ws://127.0.0.1:8080/secret?token=1', { pins: [otherPin], WebSocket: proxy.WebSocket });
  const log = record(socket);
  const close = await log.closed;
  const errors = log.events.filter((e) => e.type === 'error');
  assert.equal(errors.length, 1);
  const error = errors[0].error;
  assert.ok(error instanceof PinMismatchError);
  assert.equal(error.presented, proxy.fingerprint);
  assert.deepEqual(error.pinned, [otherPin]);
  assert.equal(close.code, 4018);
  assert.equal(close.wasClean, false);
  assert.equal(proxy.recordsFromClient, 1, 'only CLIENT_HELLO was sent');
  assert.equal(proxy.peer.pathname, undefined);
  assert.equal(log.events.filter((e) => e.type === 'open').length, 0);
});

test('pins are accepted in hex form too', async () => {
  const proxy = await fakeProxy();
  const { fromBase64Url, toHex } = await import('../dist/bytes.js');
  const hexPin = 'sha256:' + toHex(fromBase64Url(proxy.fingerprint.slice(7)));
  const { socket } = await openSocket(proxy, { pins: ['sha256:' + 'B'.repeat(43), hexPin] });
  assert.equal(socket.proxyFingerprint, proxy.fingerprint);
  socket.close();
});

test('ws:// without a pin is refused unless allowUnpinnedProxy is set; wss:// without a pin reports the fingerprint', async () => {
  const proxy = await fakeProxy();
  assert.throws(() => new SocketX('ws://127.0.0.1:8080/', { WebSocket: proxy.WebSocket }), ConfigurationError);
  const { socket } = await openSocket(proxy, { pins: [], allowUnpinnedProxy: true });
  assert.equal(socket.proxyFingerprint, proxy.fingerprint);
  socket.close();
  const secure = await fakeProxy();
  const { socket: overTls } = await openSocket(secure, { pins: [] }, 'wss://127.0.0.1:8443/');
  assert.equal(overTls.proxyFingerprint, secure.fingerprint);
  overTls.close();
});

test('bad options fail at construction with a clear error', async () => {
  const proxy = await fakeProxy();
  const make = (url, options) => () => new SocketX(url, { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket, ...options });
  assert.throws(make('http://127.0.0.1/'), /ws:\/\/ or wss:\/\//);
  assert.throws(make('ws://127.0.0.1/', { pins: ['sha1:abc'] }), ConfigurationError);
  assert.throws(make('ws://127.0.0.1/', { suite: 'x448' }), /unknown suite/);
  assert.throws(make('ws://127.0.0.1/#frag'), /fragment/);
  const global = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
  delete globalThis.WebSocket;
  try {
    assert.throws(() => new SocketX('ws://127.0.0.1/', { pins: [proxy.fingerprint] }), /no WebSocket implementation/);
  } finally {
    if (global) Object.defineProperty(globalThis, 'WebSocket', global);
  }
});

test('close() checks its code and reason like WebSocket', async () => {
  const proxy = await fakeProxy();
  const { socket, log } = await openSocket(proxy);
  assert.throws(() => socket.close(1001), RangeError);
  assert.throws(() => socket.close(1000, 'x'.repeat(124)), SyntaxError);
  socket.close();
  assert.equal((await log.closed).code, 1000);
});

test('the transport ending without CLOSE is TRUNCATED, never a normal end', async () => {
  const proxy = await fakeProxy();
  const { log } = await openSocket(proxy);
  proxy.endAbruptly(1000);
  const close = await log.closed;
  const error = log.events.find((e) => e.type === 'error').error;
  assert.ok(error instanceof TruncatedError);
  assert.equal(error.error, 'TRUNCATED');
  assert.deepEqual([close.code, close.wasClean], [4025, false]);
});

test('a record dropped by the network, then the end of the transport, is RECORD_GAP', async () => {
  const proxy = await fakeProxy({ tamper: (record, index) => (index === 2 ? null : record) });
  const { socket, log } = await openSocket(proxy);
  socket.send('one');
  socket.send('two');
  await until(() => proxy.sentIndex === 4); // SERVER_HELLO, UPSTREAM_CONNECTED, both echoes (the first dropped)
  proxy.endAbruptly();
  const close = await log.closed;
  assert.equal(log.messages().length, 0, 'nothing after the missing record is delivered');
  assert.equal(log.events.find((e) => e.type === 'error').error.error, 'RECORD_GAP');
  assert.equal(close.code, 4024);
});

test('a tampered record fails with AUTHENTICATION_FAILED and the client sends an authenticated CLOSE with that code', async () => {
  const proxy = await fakeProxy({
    tamper: (record, index) => {
      if (index !== 2) return record;
      const copy = record.slice();
      copy[copy.length - 1] ^= 1;
      return copy;
    },
  });
  const { socket, log } = await openSocket(proxy);
  socket.send('x');
  const close = await log.closed;
  assert.equal(log.events.find((e) => e.type === 'error').error.error, 'AUTHENTICATION_FAILED');
  assert.equal(close.code, 4011);
  await proxy.socket.chain;
  assert.deepEqual(proxy.clientClose, { origin: 0, code: 4011, reason: 'AUTHENTICATION_FAILED' });
});

test('a text WebSocket message from the proxy is TEXT_FRAME', async () => {
  const proxy = await fakeProxy();
  const { log } = await openSocket(proxy);
  proxy.socket.deliver('not a record');
  const close = await log.closed;
  assert.equal(log.events.find((e) => e.type === 'error').error.error, 'TEXT_FRAME');
  assert.equal(close.code, 4016);
});

test("the upstream's close code arrives unchanged with origin upstream", async () => {
  const proxy = await fakeProxy();
  const { log } = await openSocket(proxy);
  await proxy.closeWith(1, 4011, 'upstream says no');
  const close = await log.closed;
  assert.deepEqual([close.code, close.reason, close.wasClean, close.origin], [4011, 'upstream says no', true, 'upstream']);
  assert.equal(log.events.filter((e) => e.type === 'error').length, 0, 'an upstream 4011 is not SocketX AUTHENTICATION_FAILED');
});

test('a SocketX error reported by the proxy in CLOSE surfaces as that ProtocolError', async () => {
  const proxy = await fakeProxy();
  const { log } = await openSocket(proxy);
  await proxy.closeWith(0, 4024, 'RECORD_GAP');
  const close = await log.closed;
  const error = log.events.find((e) => e.type === 'error').error;
  assert.equal(error.error, 'RECORD_GAP');
  assert.match(error.message, /reported by the proxy/);
  assert.deepEqual([close.code, close.origin], [4024, 'socketx']);
});

test('an upgrade the proxy refuses reports the HTTP status when the transport reveals it (403 = origin rejected)', async () => {
  const proxy = await fakeProxy({ rejectStatus: 403 });
  const socket = new SocketX('ws://127.0.0.1:8080/', { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket });
  const log = record(socket);
  const close = await log.closed;
  const error = log.events.find((e) => e.type === 'error').error;
  assert.ok(error instanceof UpgradeRejectedError);
  assert.equal(error.status, 403);
  assert.equal(error.originRejected, true);
  assert.equal(close.code, 1006);
});

test('onopen/onmessage/onclose handler properties are called like WebSocket', async () => {
  const proxy = await fakeProxy();
  const socket = new SocketX('ws://127.0.0.1:8080/', { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket });
  const seen = [];
  socket.onopen = () => {
    seen.push('open');
    socket.send('ping');
  };
  socket.onmessage = (e) => {
    seen.push(e.data);
    socket.close();
  };
  const closed = new Promise((resolve) => (socket.onclose = resolve));
  await closed;
  assert.deepEqual(seen, ['open', 'ping']);
});

test('without WebSocket X25519/Ed25519 the @noble/curves fallback completes the same handshake', async () => {
  useCurveFallback(true);
  try {
    const proxy = await fakeProxy();
    const { socket, log } = await openSocket(proxy);
    socket.send('via noble');
    await until(() => log.messages().length === 1);
    assert.equal(log.messages()[0], 'via noble');
    socket.close();
  } finally {
    useCurveFallback(false);
  }
});

const malformedCloses = [
  ['shorter than 3 bytes', Uint8Array.of(0, 3)],
  ['origin 2', Uint8Array.of(2, 3, 232)],
  ['a reason over 123 bytes', Uint8Array.of(0, 3, 232, ...new Uint8Array(124).fill(0x61))],
  ['a reason that is not UTF-8', Uint8Array.of(0, 3, 232, 0xff)],
];

for (const [name, body] of malformedCloses) {
  test(`a CLOSE with ${name} is MALFORMED_RECORD`, async () => {
    const proxy = await fakeProxy();
    const { log } = await openSocket(proxy);
    await proxy.sendRecord(7, body);
    const close = await log.closed;
    assert.equal(log.events.find((e) => e.type === 'error').error.error, 'MALFORMED_RECORD');
    assert.deepEqual([close.code, close.wasClean], [4000, false]);
  });
}

test('a suite below the proxy minimum surfaces as SUITE_BELOW_MINIMUM from the close code, marked unauthenticated', async () => {
  const proxy = await fakeProxy({ minimumSuite: 3 });
  const socket = new SocketX('ws://127.0.0.1:8080/', { pins: [proxy.fingerprint], WebSocket: proxy.WebSocket, suite: 'x25519-mlkem768' });
  const log = record(socket);
  const close = await log.closed;
  const error = log.events.find((e) => e.type === 'error').error;
  assert.equal(error.error, 'SUITE_BELOW_MINIMUM');
  assert.match(error.message, /not authenticated.*stronger suite/);
  assert.equal(close.code, 4009);
});
