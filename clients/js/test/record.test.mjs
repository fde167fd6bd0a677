// The record layer: header checks in the spec's order, AES-GCM protection, strict order with the
// decoder window, key updates and per-key limits, sequence exhaustion; pins and pathnames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex } from '../dist/bytes.js';
import { ConfigurationError, ProtocolError } from '../dist/errors.js';
import { checkPathname } from '../dist/pathname.js';
import { parsePin } from '../dist/pins.js';
import { checkHeader, header, MessageType, openRecord, RecordReceiver, RecordSender, RecordType, sealRecord } from '../dist/record.js';
import { trafficKey } from '../dist/keyschedule.js';

const SECRET = fromHex('11'.repeat(32));
const ALL = new Set([1, 2, 3, 4, 5, 6, 7]);
const raises = (name) => (error) => error instanceof ProtocolError && error.error === name;

const headerCases = [
  ['shorter than the header', fromHex('53434b5802'), ALL, 'MALFORMED_RECORD'],
  ['bad magic', fromHex('53434b5902050000'), ALL, 'BAD_MAGIC'],
  ['a v1 record', fromHex('53434b5801050000'), ALL, 'BAD_VERSION'],
  ['type 0', fromHex('53434b580200fe'), ALL, 'UNKNOWN_ACTION'],
  ['type 8', fromHex('53434b580208fe'), ALL, 'UNKNOWN_ACTION'],
  ['message type 2', fromHex('53434b58020502'), ALL, 'UNKNOWN_MESSAGE_TYPE'],
  ['PROXY_DATA with message type 254', fromHex('53434b580205fe'), ALL, 'UNKNOWN_MESSAGE_TYPE'],
  ['KEY_UPDATE with message type 1', fromHex('53434b58020601'), ALL, 'UNKNOWN_MESSAGE_TYPE'],
  ['a type the state does not admit', fromHex('53434b580205 01'.replace(' ', '')), new Set([4, 6, 7]), 'UNEXPECTED_ACTION'],
  ['bad magic wins over a bad version', fromHex('00000000010000'), ALL, 'BAD_MAGIC'],
  ['bad version wins over an unknown type', fromHex('53434b58010900'), ALL, 'BAD_VERSION'],
];

for (const [name, record, allowed, error] of headerCases) {
  test(`header check: ${name} → ${error}`, () => {
    assert.throws(() => checkHeader(record, allowed), raises(error));
  });
}

test('header check accepts text and binary PROXY_DATA and control records', () => {
  assert.equal(checkHeader(header(5, 0), ALL), 5);
  assert.equal(checkHeader(header(5, 1), ALL), 5);
  assert.equal(checkHeader(header(7, 254), ALL), 7);
});

test('a sealed record opens under its written seq; any flipped bit is AUTHENTICATION_FAILED', async () => {
  const key = await trafficKey(SECRET);
  const record = await sealRecord(key, RecordType.PROXY_DATA, MessageType.TEXT, 42n, new TextEncoder().encode('hi'));
  assert.equal(record.length, 7 + 8 + 2 + 16);
  assert.equal(new TextDecoder().decode(await openRecord(key, record)), 'hi');
  for (const index of [3, 6, 10, 16, record.length - 1]) {
    const copy = record.slice();
    copy[index] ^= 0x01;
    await assert.rejects(openRecord(key, copy), raises('AUTHENTICATION_FAILED'), `byte ${index}`);
  }
  await assert.rejects(openRecord(key, record.subarray(0, 30)), raises('MALFORMED_RECORD'));
});

/** Seals data records with seq 1..n (any order chosen by the caller) under one key. */
async function records(count, { keyUpdateAt } = {}) {
  const key = await trafficKey(SECRET);
  const out = [];
  for (let seq = 1; seq <= count; seq++) {
    const type = seq === keyUpdateAt ? RecordType.KEY_UPDATE : RecordType.PROXY_DATA;
    out[seq] = await sealRecord(key, type, type === RecordType.KEY_UPDATE ? 254 : 0, BigInt(seq), Uint8Array.of(seq));
  }
  return out;
}

const orderCases = [
  { name: 'in order', order: [1, 2, 3], delivered: [1, 2, 3] },
  { name: 'replay of a delivered record', order: [1, 2, 1], delivered: [1, 2], error: 'RECORD_REPLAYED' },
  { name: 'reorder', order: [2, 1], delivered: [], error: 'RECORD_REORDERED' },
  { name: 'reorder after delivered records', order: [1, 3, 4, 2], delivered: [1], error: 'RECORD_REORDERED' },
  { name: 'replay while a record is missing', order: [1, 3, 3], delivered: [1], error: 'RECORD_REPLAYED' },
  { name: 'W records go by without the missing one', order: [2, 3, 4], window: 3, delivered: [], error: 'RECORD_GAP' },
  { name: 'window 1: the first record past a gap ends it', order: [2], window: 1, delivered: [], error: 'RECORD_GAP' },
  { name: 'a KEY_UPDATE past a gap', order: [2, 4], keyUpdateAt: 4, delivered: [], error: 'RECORD_GAP' },
  { name: 'the transport ends while a record is missing', order: [1, 3], delivered: [1], endError: 'RECORD_GAP' },
];

for (const c of orderCases) {
  test(`strict order: ${c.name}`, async () => {
    const all = await records(5, { keyUpdateAt: c.keyUpdateAt });
    const receiver = await RecordReceiver.create(SECRET, 1n, c.window ?? 1000);
    const delivered = [];
    let error;
    for (const seq of c.order) {
      try {
        const accepted = await receiver.receive(all[seq]);
        if (accepted) delivered.push(accepted.plaintext[0]);
      } catch (e) {
        error = e;
        break;
      }
    }
    assert.deepEqual(delivered, c.delivered);
    if (c.error) assert.ok(raises(c.error)(error), `expected ${c.error}, got ${error}`);
    else assert.equal(error, undefined);
    if (c.endError) assert.equal(receiver.endedWithGap(), true);
  });
}

test('key update: the sender updates before the record limit; the receiver follows; old-key replays fail authentication', async () => {
  const sender = await RecordSender.create(SECRET, 1n, { records: 3, bytes: 1000 });
  const sent = [];
  for (let i = 0; i < 5; i++) sent.push(...(await sender.seal(RecordType.PROXY_DATA, 0, Uint8Array.of(i))));
  assert.deepEqual(sent.map((r) => r[5]), [5, 5, 6, 5, 5, 6, 5], 'KEY_UPDATE every third record');
  const receiver = await RecordReceiver.create(SECRET, 1n);
  const delivered = [];
  for (const record of sent) {
    const accepted = await receiver.receive(record);
    if (accepted.type === RecordType.PROXY_DATA) delivered.push(accepted.plaintext[0]);
  }
  assert.deepEqual(delivered, [0, 1, 2, 3, 4]);
  // Authentication comes before the order check, so an old-key replay is AUTHENTICATION_FAILED.
  await assert.rejects(receiver.receive(sent[0]), raises('AUTHENTICATION_FAILED'));
});

test('key update: the sender updates before the byte limit', async () => {
  const sender = await RecordSender.create(SECRET, 1n, { records: 1000, bytes: 10 });
  const first = await sender.seal(RecordType.PROXY_DATA, 1, new Uint8Array(6));
  const second = await sender.seal(RecordType.PROXY_DATA, 1, new Uint8Array(6));
  assert.deepEqual([first.length, second.length, second[0][5]], [1, 2, RecordType.KEY_UPDATE]);
});

for (const [name, type] of [['KEY_UPDATE', RecordType.KEY_UPDATE], ['UPSTREAM_CONNECTED', RecordType.UPSTREAM_CONNECTED]]) {
  test(`a ${name} that carries plaintext is MALFORMED_RECORD`, async () => {
    const record = await sealRecord(await trafficKey(SECRET), type, MessageType.CONTROL, 1n, Uint8Array.of(0));
    const receiver = await RecordReceiver.create(SECRET, 1n);
    await assert.rejects(receiver.receive(record), raises('MALFORMED_RECORD'));
  });
}

test('a receiver fails with KEY_LIMIT_EXCEEDED when the peer exceeds a per-key limit without KEY_UPDATE', async () => {
  const lax = await RecordSender.create(SECRET, 1n, { records: 1000, bytes: 2 ** 36 });
  const strict = await RecordReceiver.create(SECRET, 1n, 1000, { records: 2, bytes: 2 ** 36 });
  await strict.receive((await lax.seal(5, 0, Uint8Array.of(1)))[0]);
  await strict.receive((await lax.seal(5, 0, Uint8Array.of(2)))[0]);
  await assert.rejects(strict.receive((await lax.seal(5, 0, Uint8Array.of(3)))[0]), raises('KEY_LIMIT_EXCEEDED'));
});

test('a sender never uses sequence number 2^64 − 1: SEQUENCE_EXHAUSTED', async () => {
  const sender = await RecordSender.create(SECRET, (1n << 64n) - 2n);
  const [last] = await sender.seal(5, 0, Uint8Array.of(1));
  assert.equal(Buffer.from(last.subarray(7, 15)).toString('hex'), 'fffffffffffffffe');
  await assert.rejects(sender.seal(5, 0, Uint8Array.of(2)), raises('SEQUENCE_EXHAUSTED'));
});

test('sequence numbers of 2^63 and above are ordinary unsigned numbers', async () => {
  const start = 1n << 63n;
  const sender = await RecordSender.create(SECRET, start);
  const receiver = await RecordReceiver.create(SECRET, start);
  for (let i = 0; i < 3; i++) assert.equal((await receiver.receive((await sender.seal(5, 0, Uint8Array.of(i)))[0])).plaintext[0], i);
});

test('pins: base64url and hex name the same key; anything else is a ConfigurationError', () => {
  const b64 = parsePin('sha256:-5brqRVUG4Y2A-lgqe6SVRJInlSqPWQKNQhq67aS6EA');
  const hex = parsePin('sha256:FB96EBA915541B863603E960A9EE925512489E54AA3D640A35086AEBB692E840');
  assert.equal(hex.text, b64.text);
  for (const bad of ['', 'sha256:', 'sha1:-5brqRVUG4Y2A-lgqe6SVRJInlSqPWQKNQhq67aS6EA', 'sha256:-5brqRVUG4Y2A-lgqe6SVRJInlSqPWQKNQhq67aS6EA=', 'sha256:' + 'z'.repeat(64)]) {
    assert.throws(() => parsePin(bad), ConfigurationError, bad);
  }
});

const pathnames = [
  ['/', true],
  ['/chat?room=1', true],
  ['/a/b.c/..d?x=../y', true],
  ['/' + 'a'.repeat(8191), true],
  ['/' + 'a'.repeat(8192), false],
  ['', false],
  ['chat', false],
  ['//evil.example/x', false],
  ['/a b', false],
  ['/a#b', false],
  ['/a/../b', false],
  ['/a/./b', false],
  ['/a/%2e%2E/b', false],
  ['/a/%2E', false],
  ['/..', false],
  ['/caf\u00e9', false],
  ['/a\tb', false],
];

for (const [pathname, ok] of pathnames) {
  test(`pathname ${JSON.stringify(pathname.length > 40 ? pathname.slice(0, 20) + '…' : pathname)} is ${ok ? 'valid' : 'INVALID_PATHNAME'}`, () => {
    if (ok) assert.equal(checkPathname(pathname), pathname);
    else assert.throws(() => checkPathname(pathname), raises('INVALID_PATHNAME'));
  });
}
