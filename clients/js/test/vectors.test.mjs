// Every published v2 vector reproduced byte for byte by the client (and the in-process proxy peer),
// and every negative case rejected with the spec's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex } from '../dist/bytes.js';
import { useCurveFallback } from '../dist/crypto.js';
import { ProtocolError } from '../dist/errors.js';
import { expandLabel, nextSecret } from '../dist/keyschedule.js';
import { parsePin } from '../dist/pins.js';
import { ClientSession } from '../dist/session.js';
import { suiteByName } from '../dist/suites.js';
import { identityFromPkcs8, ProxyPeer } from './support/proxy-peer.mjs';
import { entropyOf, loadVectors } from './support/vectors.mjs';

const vectors = loadVectors();
const text = (s) => new TextEncoder().encode(s);

test('there is one vector per suite', () => {
  assert.deepEqual(vectors.map((v) => v.suite).sort(), ['x25519', 'x25519-mlkem1024', 'x25519-mlkem512', 'x25519-mlkem768']);
});

function clientFor(vector, pin = vector.identityFingerprint) {
  return new ClientSession({
    suite: suiteByName(vector.suite),
    pins: [parsePin(pin)],
    pathname: vector.pathname,
    keyLimits: { records: vector.clientKeyLimitRecords, bytes: 2 ** 36 },
    random: entropyOf(vector),
  });
}

function proxyFor(vector) {
  return new ProxyPeer({ identities: [identityFromPkcs8(fromHex(vector.identityKeyPkcs8))], random: entropyOf(vector) });
}

for (const vector of vectors) {
  const flow = vector.flow.map((r) => fromHex(r.hex));
  const hex = (bytes) => toHex(bytes);

  for (const curves of ['WebCrypto', '@noble/curves']) test(`${vector.suite}: the client reproduces every record of the flow byte for byte (X25519/Ed25519 from ${curves})`, async (t) => {
    useCurveFallback(curves !== 'WebCrypto');
    t.after(() => useCurveFallback(false));
    const client = clientFor(vector);
    assert.equal(hex(await client.hello()), vector.flow[0].hex, 'CLIENT_HELLO');
    const established = await client.receive(flow[1]);
    assert.equal(established.kind, 'established');
    assert.equal(established.fingerprint, vector.identityFingerprint);
    assert.deepEqual(established.send.map(hex), [vector.flow[2].hex], 'CLIENT_FINISHED');
    assert.deepEqual((await client.send(false, text('early hello'))).map(hex), [vector.flow[3].hex], 'early PROXY_DATA');
    assert.deepEqual(await client.receive(flow[4]), { kind: 'open' });
    const binary = await client.receive(flow[5]);
    assert.equal(binary.binary, true);
    assert.equal(hex(binary.data), '000102fdfeff');
    assert.deepEqual((await client.send(false, text('Hello, SocketX'))).map(hex), [vector.flow[6].hex]);
    assert.deepEqual((await client.send(false, text('after key update'))).map(hex), [vector.flow[7].hex, vector.flow[8].hex], 'KEY_UPDATE then data');
    assert.deepEqual(await client.receive(flow[9]), { kind: 'close', origin: 'upstream', code: 1000, reason: 'done' });
    assert.equal(client.transportEnded(), undefined, 'a session ended by CLOSE is not truncated');
  });

  test(`${vector.suite}: the proxy peer reproduces the proxy's records and the derived key schedule`, async () => {
    const proxy = proxyFor(vector);
    const answer = await proxy.receive(flow[0]);
    assert.deepEqual(answer.send.map(hex), [vector.flow[1].hex], 'SERVER_HELLO');
    for (const [name, value] of Object.entries(proxy.derived)) assert.equal(hex(value), vector.derived[name], name);
    const cAp = proxy.cAp;
    assert.equal(hex(await expandLabel(cAp, 'key', new Uint8Array(0), 32)), vector.derived['key(c_ap)']);
    assert.equal(hex(await expandLabel(cAp, 'iv', new Uint8Array(0), 12)), vector.derived['iv(c_ap)']);
    assert.equal(hex(await nextSecret(cAp)), vector.derived['next(c_ap)']);
    assert.equal(hex(await expandLabel(proxy.sAp, 'key', new Uint8Array(0), 32)), vector.derived['key(s_ap)']);
    assert.equal(hex(await expandLabel(proxy.sAp, 'iv', new Uint8Array(0), 12)), vector.derived['iv(s_ap)']);
    await proxy.receive(flow[2]);
    assert.equal(proxy.pathname, vector.pathname);
    await proxy.receive(flow[3]);
    const connected = await proxy.upstreamConnected();
    assert.deepEqual(connected.send.map(hex), [vector.flow[4].hex], 'UPSTREAM_CONNECTED');
    assert.deepEqual(connected.deliver.map((m) => new TextDecoder().decode(m.data)), ['early hello']);
    assert.deepEqual((await proxy.sendData(true, fromHex('000102fdfeff'))).map(hex), [vector.flow[5].hex]);
    for (const [i, expected] of [[6, 'Hello, SocketX'], [7, undefined], [8, 'after key update']]) {
      const { deliver } = await proxy.receive(flow[i]);
      assert.deepEqual(deliver.map((m) => new TextDecoder().decode(m.data)), expected === undefined ? [] : [expected]);
    }
    assert.deepEqual((await proxy.sendClose(1, 1000, 'done')).map(hex), [vector.flow[9].hex], 'CLOSE');
  });

  for (const negative of vector.negative) {
    test(`${vector.suite}: negative "${negative.name}" → ${negative.error}`, async () => {
      const records = negative.records;
      let error;
      if (negative.deliverTo === 'client') {
        const client = clientFor(vector, negative.clientPin);
        const hello = await client.hello();
        if (negative.clientHelloHex) assert.equal(toHex(hello), negative.clientHelloHex);
        else assert.equal(toHex(hello), vector.flow[0].hex);
        error = await deliverAll(records, (r) => client.receive(r), () => client.transportEnded());
      } else {
        const proxy = proxyFor(vector);
        error = await deliverAll(records, (r) => proxy.receive(r), () => proxy.transportEnded());
      }
      assert.ok(error instanceof ProtocolError, `expected ${negative.error}, got ${error}`);
      assert.equal(error.error, negative.error);
      if (negative.error === 'PIN_MISMATCH') {
        assert.equal(error.presented, vector.identityFingerprint);
        assert.deepEqual(error.pinned, [negative.clientPin]);
        assert.match(error.message, new RegExp(vector.identityFingerprint));
      }
    });
  }
}

/** Delivers the records in order; only the last one (or END) may raise, and it must. */
async function deliverAll(records, receive, ended) {
  for (let i = 0; i < records.length; i++) {
    const last = i === records.length - 1;
    if (records[i] === 'END') {
      assert.ok(last, 'END is the last entry');
      return ended();
    }
    try {
      await receive(fromHex(records[i]));
    } catch (error) {
      assert.ok(last, `record ${i} of ${records.length} raised early: ${error}`);
      return error;
    }
  }
  assert.fail('the last record raised nothing');
}
