// SocketX over real WebSockets on 127.0.0.1: the `ws` package's client and Node's own global
// WebSocket (undici; Node 20 needs --experimental-websocket, which `npm test` passes) against a `ws`
// server that runs the in-process proxy peer with an echoing upstream and checks Origin like the proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket as WsWebSocket, WebSocketServer } from 'ws';
import { SocketX, UpgradeRejectedError } from '../dist/index.js';
import { fingerprint } from '../dist/pins.js';
import { ProxyPeer, randomIdentity } from './support/proxy-peer.mjs';
import { collect } from './support/inbox.mjs';

const ALLOWED_ORIGIN = 'http://localhost:3000';
const identity = randomIdentity();
let server;
let url;
let pin;
const clientCloses = [];

before(async () => {
  pin = await fingerprint(identity.spki);
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: 4 * 1024 * 1024,
    verifyClient: ({ origin }, done) => (origin === ALLOWED_ORIGIN ? done(true) : done(false, 403, 'origin_rejected')),
    handleProtocols: (offered) => (offered.has('socketx.v2') ? 'socketx.v2' : false),
  });
  await new Promise((resolve) => server.on('listening', resolve));
  url = `ws://127.0.0.1:${server.address().port}`;
  server.on('connection', (socket) => {
    const peer = new ProxyPeer({ identities: [identity] });
    let chain = Promise.resolve();
    const sendAll = (records) => records.forEach((r) => socket.send(r));
    socket.on('message', (data, isBinary) => {
      chain = chain.then(async () => {
        if (!isBinary) return socket.close(4016);
        try {
          const { send, deliver, close } = await peer.receive(new Uint8Array(data));
          sendAll(send);
          if (peer.state === 'connecting') {
            const connected = await peer.upstreamConnected();
            sendAll(connected.send);
            for (const m of connected.deliver) sendAll(await peer.sendData(m.binary, m.data));
          }
          for (const m of deliver) sendAll(await peer.sendData(m.binary, m.data));
          if (close) clientCloses.push(close);
        } catch (error) {
          socket.close(error.code ?? 1011);
        }
      });
    });
  });
});

after(() => new Promise((resolve) => server.close(resolve)));

/** Node's WebSocket (undici) takes headers in its non-standard WebSocketInit second argument. */
const NativeWithOrigin =
  globalThis.WebSocket &&
  class extends globalThis.WebSocket {
    constructor(address, protocols) {
      super(address, { protocols, headers: { origin: ALLOWED_ORIGIN } });
    }
  };

const transports = [
  ['the ws package', WsWebSocket, { origin: ALLOWED_ORIGIN }],
  ["Node's global WebSocket", NativeWithOrigin, undefined],
];

for (const [name, Transport, transportOptions] of transports) {
  test(`${name}: text and binary from 0 B to 1 MiB and 1,000 messages in order, then an authenticated close`, { skip: !Transport && 'this Node has no global WebSocket' }, async () => {
    const socket = new SocketX(`${url}/echo?x=1`, { pins: [pin], WebSocket: Transport, transportOptions, binaryType: 'arraybuffer' });
    const errors = [];
    socket.addEventListener('error', (e) => errors.push(e.error));
    const inbox = collect(socket);
    const sizes = [0, 1, 1024, 65536, 1024 * 1024];
    for (const size of sizes) socket.send(new Uint8Array(size).map((_, i) => i % 251));
    await inbox.count(sizes.length);
    assert.deepEqual(inbox.messages.map((m) => m.byteLength), sizes);
    assert.deepEqual(new Uint8Array(inbox.messages[4]).subarray(0, 300), new Uint8Array(300).map((_, i) => i % 251));
    for (let i = 0; i < 1000; i++) socket.send(`m${i}`);
    await inbox.count(sizes.length + 1000);
    assert.deepEqual(inbox.messages.slice(sizes.length), Array.from({ length: 1000 }, (_, i) => `m${i}`));
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
    const before = clientCloses.length;
    socket.close(4321, 'done');
    const close = await closed;
    assert.deepEqual([close.code, close.reason, close.wasClean], [4321, 'done', true]);
    assert.deepEqual(errors, []);
    while (clientCloses.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(clientCloses.at(-1), { origin: 0, code: 4321, reason: 'done' });
  });
}

test('the ws package: an Origin the route refuses is UpgradeRejectedError with HTTP 403', async () => {
  const socket = new SocketX(url, { pins: [pin], WebSocket: WsWebSocket, transportOptions: { origin: 'http://evil.localhost' } });
  const error = await new Promise((resolve) => socket.addEventListener('error', (e) => resolve(e.error)));
  assert.ok(error instanceof UpgradeRejectedError);
  assert.equal(error.status, 403);
  assert.equal(error.originRejected, true);
  assert.match(error.message, /403 \(origin rejected\)/);
});

test("Node's global WebSocket: a refused upgrade is UpgradeRejectedError without a status (like a browser)", { skip: !globalThis.WebSocket && 'this Node has no global WebSocket' }, async () => {
  const socket = new SocketX(url, { pins: [pin], WebSocket: globalThis.WebSocket });
  const failed = new Promise((resolve) => socket.addEventListener('error', (e) => resolve(e.error)));
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
  const error = await failed;
  assert.ok(error instanceof UpgradeRejectedError);
  assert.equal(error.status, undefined);
  assert.equal((await closed).code, 1006);
});

test('the one-file browser build (dist/socketx.min.js) completes a round trip too', async () => {
  const { SocketX: Bundled } = await import('../dist/socketx.min.js');
  const socket = new Bundled(`${url}/bundle`, { pins: [pin], WebSocket: WsWebSocket, transportOptions: { origin: ALLOWED_ORIGIN } });
  const inbox = collect(socket);
  socket.send('from the bundle');
  await inbox.count(1);
  assert.equal(inbox.messages[0], 'from the bundle');
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
  socket.close();
  assert.equal((await closed).wasClean, true);
});
