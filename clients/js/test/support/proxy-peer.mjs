// The proxy side of SocketX v2, written from docs/protocol.md for the tests only: it answers the
// client's records, so vector cases delivered to the proxy and end-to-end tests of the
// WebSocket-like client run in-process. It reuses the package's record layer and key schedule.
import { ed25519 } from '@noble/curves/ed25519.js';
import { ascii, concat, equalBytes, fromHex, readU16, u16, u8 } from '../../dist/bytes.js';
import { hmacSha256, hmacSha256Verify, randomBytes, sha256, x25519Agree, x25519PublicKey } from '../../dist/crypto.js';
import { protocolError } from '../../dist/errors.js';
import { expandLabel, finishedKey, handshakeSecret, trafficKey } from '../../dist/keyschedule.js';
import { checkHeader, header, MessageType, openRecord, recordSeq, RecordReceiver, RecordSender, RecordType } from '../../dist/record.js';
import { checkPathname } from '../../dist/pathname.js';
import { suiteById } from '../../dist/suites.js';

const SPKI_PREFIX = fromHex('302a300506032b6570032100');
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');

/** An Ed25519 identity key from its PKCS#8 DER. */
export function identityFromPkcs8(pkcs8) {
  if (!equalBytes(pkcs8.subarray(0, 16), PKCS8_ED25519_PREFIX) || pkcs8.length !== 48) throw new Error('not an Ed25519 PKCS#8 key');
  const seed = pkcs8.slice(16);
  return { seed, spki: concat(SPKI_PREFIX, ed25519.getPublicKey(seed)) };
}

export function randomIdentity() {
  const seed = randomBytes(32);
  return { seed, spki: concat(SPKI_PREFIX, ed25519.getPublicKey(seed)) };
}

export class ProxyPeer {
  /**
   * @param {{identities: {seed: Uint8Array, spki: Uint8Array}[], random?: (purpose: string, length: number) => Uint8Array,
   *   minimumSuite?: number, corrupt?: (field: 'spki' | 'signature' | 'serverFinished', bytes: Uint8Array) => Uint8Array}} options
   */
  constructor(options) {
    this.options = options;
    this.state = 'awaitClientHello';
    this.early = { records: 0, bytes: 0, held: [] };
    this.derived = {};
    this.failed = false;
  }

  random(purpose, length) {
    return this.options.random ? this.options.random(purpose, length) : randomBytes(length);
  }

  /** Processes one client record; returns { send: records, deliver: messages forwarded upstream, close }. */
  async receive(record) {
    try {
      if (this.failed) throw protocolError('UNEXPECTED_ACTION');
      const allowed = {
        awaitClientHello: [RecordType.CLIENT_HELLO],
        awaitClientFinished: [RecordType.CLIENT_FINISHED],
        connecting: [RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE],
        open: [RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE],
        closed: [],
      }[this.state];
      const type = checkHeader(record, new Set(allowed));
      if (type === RecordType.CLIENT_HELLO) return { send: [await this.clientHello(record)], deliver: [] };
      if (type === RecordType.CLIENT_FINISHED) return await this.clientFinished(record);
      const accepted = await this.receiver.receive(record);
      if (!accepted) return { send: [], deliver: [] };
      if (accepted.type === RecordType.CLOSE) {
        this.state = 'closed';
        const body = accepted.plaintext;
        if (body.length < 3 || body.length > 126) throw protocolError('MALFORMED_RECORD');
        return { send: [], deliver: [], close: { origin: body[0], code: readU16(body, 1), reason: new TextDecoder().decode(body.subarray(3)) } };
      }
      if (accepted.type !== RecordType.PROXY_DATA) return { send: [], deliver: [] };
      const message = { binary: accepted.messageType === MessageType.BINARY, data: accepted.plaintext };
      if (this.state === 'connecting') {
        this.early.records++;
        this.early.bytes += message.data.length;
        if (this.early.records > 256 || this.early.bytes > 65536) throw protocolError('EARLY_DATA_LIMIT');
        this.early.held.push(message);
        return { send: [], deliver: [] };
      }
      return { send: [], deliver: [message] };
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  /** The upstream connected: the held early data is forwarded, then UPSTREAM_CONNECTED is sent. */
  async upstreamConnected() {
    this.state = 'open';
    const deliver = this.early.held;
    this.early.held = [];
    return { send: await this.sender.seal(RecordType.UPSTREAM_CONNECTED, MessageType.CONTROL, new Uint8Array(0)), deliver };
  }

  async sendData(binary, data) {
    return this.sender.seal(RecordType.PROXY_DATA, binary ? MessageType.BINARY : MessageType.TEXT, data);
  }

  async sendClose(origin, code, reason) {
    this.state = 'closed';
    return this.sender.seal(RecordType.CLOSE, MessageType.CONTROL, concat(u8(origin), u16(code), ascii(reason)));
  }

  /** The transport ended: the error, if the session had not ended with CLOSE. */
  transportEnded() {
    if (this.state === 'closed' || this.state === 'awaitClientHello') return undefined;
    return this.receiver?.endedWithGap() ? protocolError('RECORD_GAP') : protocolError('TRUNCATED');
  }

  async clientHello(record) {
    const suite = suiteById(record[7]);
    if (!suite) throw protocolError('NO_COMMON_SUITE');
    if (suite.id < (this.options.minimumSuite ?? 0)) throw protocolError('SUITE_BELOW_MINIMUM');
    const n = record[8];
    if (n > 8) throw protocolError('MALFORMED_RECORD', 'more than 8 pin hints');
    if (record.length !== 41 + 8 * n + suite.ekLength) throw protocolError('MALFORMED_RECORD');
    const hints = Array.from({ length: n }, (_, i) => record.subarray(9 + 8 * i, 17 + 8 * i));
    const clientX = record.subarray(9 + 8 * n, 41 + 8 * n);
    const serverPrivate = this.random('v2.server.x25519', 32);
    const x25519Shared = await x25519Agree(serverPrivate, clientX);
    if (!x25519Shared) throw protocolError('INVALID_KEY');
    let ikm = x25519Shared;
    let ct = new Uint8Array(0);
    if (suite.mlkem) {
      let encapsulated;
      try {
        encapsulated = suite.mlkem.encapsulate(record.subarray(41 + 8 * n), this.random('v2.server.mlkem-m', 32));
      } catch {
        throw protocolError('INVALID_KEY');
      }
      ct = encapsulated.cipherText;
      ikm = concat(encapsulated.sharedSecret, x25519Shared);
    }
    const shShare = concat(header(RecordType.SERVER_HELLO, MessageType.CONTROL), u8(suite.id), this.random('v2.eeid', 16), await x25519PublicKey(serverPrivate), ct);
    const chosen = await this.chooseIdentity(hints);
    const corrupt = this.options.corrupt ?? ((_field, bytes) => bytes);
    const identity = { seed: chosen.seed, spki: corrupt('spki', chosen.spki) };
    const hsSecret = await handshakeSecret(ikm);
    const hShare = await sha256(concat(record, shShare));
    const cHs = await expandLabel(hsSecret, 'c hs', hShare, 32);
    const sHs = await expandLabel(hsSecret, 's hs', hShare, 32);
    const hIdentity = await sha256(concat(record, shShare, identity.spki));
    const signature = corrupt('signature', ed25519.sign(concat(new Uint8Array(64).fill(0x20), ascii('SocketX v2 proxy identity'), u8(0), hIdentity), identity.seed));
    const hSigned = await sha256(concat(record, shShare, identity.spki, signature));
    const serverFinished = corrupt('serverFinished', await hmacSha256(await finishedKey(sHs), hSigned));
    const hFinished = await sha256(concat(record, shShare, identity.spki, signature, serverFinished));
    const sHsKey = await trafficKey(sHs);
    const sealed = await sHsKey.seal(sHsKey.iv, shShare, concat(identity.spki, signature, serverFinished));
    this.cHs = cHs;
    this.hFinished = hFinished;
    this.cAp = await expandLabel(hsSecret, 'c ap', hFinished, 32);
    this.sAp = await expandLabel(hsSecret, 's ap', hFinished, 32);
    this.derived = { ikm, handshake_secret: hsSecret, H_share: hShare, c_hs: cHs, s_hs: sHs, H_finished: hFinished, c_ap: this.cAp, s_ap: this.sAp };
    this.sender = await RecordSender.create(this.sAp, 0n);
    this.state = 'awaitClientFinished';
    return concat(shShare, sealed);
  }

  async chooseIdentity(hints) {
    for (const identity of this.options.identities) {
      const hint = (await sha256(identity.spki)).subarray(0, 8);
      if (hints.some((h) => equalBytes(h, hint))) return identity;
    }
    return this.options.identities[0];
  }

  async clientFinished(record) {
    const plaintext = await openRecord(await trafficKey(this.cHs), record);
    if (recordSeq(record) !== 0n) throw protocolError('RECORD_REORDERED');
    if (plaintext.length < 33) throw protocolError('MALFORMED_RECORD');
    if (!(await hmacSha256Verify(await finishedKey(this.cHs), this.hFinished, plaintext.subarray(0, 32)))) throw protocolError('BAD_FINISHED');
    this.pathname = checkPathname(new TextDecoder().decode(plaintext.subarray(32)));
    this.receiver = await RecordReceiver.create(this.cAp, 1n);
    this.state = 'connecting';
    return { send: [], deliver: [] };
  }
}
