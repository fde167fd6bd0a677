// Median client-side handshake CPU time in Node, in-process (CLIENT_HELLO built + SERVER_HELLO
// verified, CLIENT_FINISHED sealed), per suite. Usage: node test/support/handshake-time.mjs
import { ClientSession } from '../../dist/session.js';
import { fingerprint, parsePin } from '../../dist/pins.js';
import { SUITES } from '../../dist/suites.js';
import { ProxyPeer, randomIdentity } from './proxy-peer.mjs';

const identity = randomIdentity();
const pin = parsePin(await fingerprint(identity.spki));
for (const suite of SUITES) {
  const times = [];
  for (let i = 0; i < 60; i++) {
    const client = new ClientSession({ suite, pins: [pin], pathname: '/' });
    const peer = new ProxyPeer({ identities: [identity] });
    const t0 = performance.now();
    const hello = await client.hello();
    const t1 = performance.now();
    const { send } = await peer.receive(hello);
    const t2 = performance.now();
    await client.receive(send[0]);
    const t3 = performance.now();
    if (i >= 10) times.push(t1 - t0 + (t3 - t2));
  }
  times.sort((a, b) => a - b);
  console.log(`${suite.name}: client handshake CPU median ${times[times.length >> 1].toFixed(2)} ms`);
}
