// The client's SERVER_HELLO checks in the order of section 6.2, for the cases the vectors do not
// cover, against the proxy peer told to corrupt one field (re-sealed, so only that check can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError } from '../dist/errors.js';
import { fingerprint, parsePin } from '../dist/pins.js';
import { ClientSession } from '../dist/session.js';
import { suiteByName } from '../dist/suites.js';
import { ProxyPeer, randomIdentity } from './support/proxy-peer.mjs';

const flip = (bytes, index) => {
  const copy = bytes.slice();
  copy[index] ^= 0x01;
  return copy;
};

const cases = [
  { name: 'a SERVER_HELLO one byte short', answer: (sh) => sh.subarray(0, sh.length - 1), error: 'MALFORMED_RECORD' },
  { name: 'a SERVER_HELLO naming another suite', answer: (sh) => flip(sh, 7), suite: 'x25519', error: 'SUITE_BELOW_MINIMUM' },
  { name: 'an all-zero (low-order) X25519 share', answer: (sh) => Uint8Array.from(sh, (b, i) => (i >= 24 && i < 56 ? 0 : b)), error: 'INVALID_KEY' },
  { name: 'a tampered ML-KEM ciphertext', answer: (sh) => flip(sh, 60), error: 'AUTHENTICATION_FAILED' },
  { name: 'an identity key that is not Ed25519', corrupt: { spki: (b) => flip(b, 9) }, error: 'UNSUPPORTED_IDENTITY_KEY' },
  { name: 'a signature that does not verify', corrupt: { signature: (b) => flip(b, 5) }, error: 'BAD_SIGNATURE' },
  { name: 'a wrong server Finished MAC', corrupt: { serverFinished: (b) => flip(b, 0) }, error: 'BAD_FINISHED' },
];

for (const c of cases) {
  test(`SERVER_HELLO check: ${c.name} → ${c.error}, and no CLIENT_FINISHED`, async () => {
    const identity = randomIdentity();
    const pin = parsePin(await fingerprint(identity.spki));
    const corrupt = (field, bytes) => (c.corrupt?.[field] ? c.corrupt[field](bytes) : bytes);
    const peer = new ProxyPeer({ identities: [identity], corrupt });
    const client = new ClientSession({ suite: suiteByName(c.suite ?? 'x25519-mlkem768'), pins: [pin], pathname: '/secret' });
    const { send } = await peer.receive(await client.hello());
    const answer = c.answer ? c.answer(send[0]) : send[0];
    await assert.rejects(client.receive(answer), (e) => e instanceof ProtocolError && e.error === c.error);
    assert.equal(client.hasKeys, false, 'the client never derived keys to send CLIENT_FINISHED with');
  });
}

test('a proxy whose minimum is above the client suite refuses it: SUITE_BELOW_MINIMUM', async () => {
  const identity = randomIdentity();
  const peer = new ProxyPeer({ identities: [identity], minimumSuite: 3 });
  const client = new ClientSession({ suite: suiteByName('x25519-mlkem768'), pins: [parsePin(await fingerprint(identity.spki))], pathname: '/' });
  await assert.rejects(peer.receive(await client.hello()), (e) => e.error === 'SUITE_BELOW_MINIMUM');
});

test('the proxy signs with the identity key whose hint the client sent (rotation)', async () => {
  const [oldKey, newKey] = [randomIdentity(), randomIdentity()];
  const peer = new ProxyPeer({ identities: [oldKey, newKey] });
  const newPin = parsePin(await fingerprint(newKey.spki));
  const client = new ClientSession({ suite: suiteByName('x25519'), pins: [parsePin('sha256:' + 'C'.repeat(43)), newPin], pathname: '/' });
  const { send } = await peer.receive(await client.hello());
  const established = await client.receive(send[0]);
  assert.equal(established.fingerprint, newPin.text);
});
