/**
 * The client side of SocketX v2 without I/O: it turns records received into events and application
 * messages into records. The WebSocket-like class drives it; tests drive it with the vectors.
 */
import { ascii, concat, equalBytes, readU16, u16, u8 } from './bytes.js';
import { ed25519Verify, hmacSha256, hmacSha256Verify, randomBytes, sha256, x25519Agree, x25519PublicKey } from './crypto.js';
import { PinMismatchError, protocolError, type ProtocolError } from './errors.js';
import { expandLabel, finishedKey, handshakeSecret, trafficKey } from './keyschedule.js';
import { fingerprint, type Pin } from './pins.js';
import { checkHeader, header, MessageType, RecordReceiver, RecordSender, RecordType, type KeyLimits, DEFAULT_KEY_LIMITS } from './record.js';
import type { Suite } from './suites.js';

/** Supplies random bytes by purpose (`v2.client.x25519`, `v2.client.mlkem-seed`); tests inject fixed ones. */
export type RandomSource = (purpose: string, length: number) => Uint8Array;

export interface ClientSessionOptions {
  readonly suite: Suite;
  /** Pinned fingerprints; empty means any identity is accepted (the caller allowed it). */
  readonly pins: readonly Pin[];
  readonly pathname: string;
  /** MTE_DECODER_WINDOW_SIZE (section 7), default 1000. */
  readonly window?: number;
  /** Sending key limits (section 8); lower only in tests. */
  readonly keyLimits?: KeyLimits;
  readonly random?: RandomSource;
}

/** What one received record meant to the application. */
export type SessionEvent =
  | { readonly kind: 'established'; readonly fingerprint: string; readonly send: Uint8Array[] }
  | { readonly kind: 'open' }
  | { readonly kind: 'message'; readonly binary: boolean; readonly data: Uint8Array }
  | { readonly kind: 'close'; readonly origin: 'socketx' | 'upstream'; readonly code: number; readonly reason: string };

export const EARLY_DATA_RECORDS = 256;
export const EARLY_DATA_BYTES = 65536;
const SEALED_LENGTH = 156;
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);
const SIGNATURE_CONTEXT = concat(new Uint8Array(64).fill(0x20), ascii('SocketX v2 proxy identity'), u8(0));
const MAX_REASON_BYTES = 123;

type State = 'start' | 'awaitServerHello' | 'established' | 'open' | 'closed';

const ALLOWED: Record<State, ReadonlySet<number>> = {
  start: new Set(),
  awaitServerHello: new Set([RecordType.SERVER_HELLO]),
  established: new Set([RecordType.UPSTREAM_CONNECTED, RecordType.KEY_UPDATE, RecordType.CLOSE]),
  open: new Set([RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE]),
  closed: new Set(),
};

/** One client session; single use. Records must be given to `receive` one at a time, in arrival order. */
export class ClientSession {
  private state: State = 'start';
  private clientHello: Uint8Array | undefined;
  private x25519Private: Uint8Array | undefined;
  private mlkemSecret: Uint8Array | undefined;
  private sender: RecordSender | undefined;
  private receiver: RecordReceiver | undefined;
  private earlyRecords = 0;
  private earlyBytes = 0;
  private failed = false;

  constructor(private readonly options: ClientSessionOptions) {}

  /** Whether keys exist, so an error can be reported with an authenticated CLOSE. */
  get hasKeys(): boolean {
    return this.sender !== undefined;
  }

  /** Whether application data may be sent now without waiting (early data within its limits, or open). */
  canSend(length: number): boolean {
    if (this.state === 'open') return true;
    return (
      this.state === 'established' &&
      this.earlyRecords + 1 <= EARLY_DATA_RECORDS &&
      this.earlyBytes + length <= EARLY_DATA_BYTES
    );
  }

  /** Builds CLIENT_HELLO (section 6.1). */
  async hello(): Promise<Uint8Array> {
    if (this.state !== 'start') throw new Error('hello() was already called');
    const random = this.options.random ?? ((_purpose: string, length: number) => randomBytes(length));
    const { suite, pins } = this.options;
    this.x25519Private = random('v2.client.x25519', 32);
    const parts = [header(RecordType.CLIENT_HELLO, MessageType.CONTROL), u8(suite.id), u8(pins.length)];
    for (const pin of pins) parts.push(pin.digest.subarray(0, 8));
    parts.push(await x25519PublicKey(this.x25519Private));
    if (suite.mlkem) {
      const keys = suite.mlkem.keygen(random('v2.client.mlkem-seed', 64));
      this.mlkemSecret = keys.secretKey;
      parts.push(keys.publicKey);
    }
    this.clientHello = concat(...parts);
    this.state = 'awaitServerHello';
    return this.clientHello;
  }

  /** Processes one binary record from the proxy. Throws a ProtocolError; the session then accepts nothing. */
  async receive(record: Uint8Array): Promise<SessionEvent | undefined> {
    try {
      if (this.failed) throw protocolError('UNEXPECTED_ACTION', 'the session already ended');
      const type = checkHeader(record, ALLOWED[this.state]);
      if (type === RecordType.SERVER_HELLO) return await this.serverHello(record);
      const accepted = await this.receiver!.receive(record);
      if (!accepted) return undefined;
      switch (accepted.type) {
        case RecordType.UPSTREAM_CONNECTED:
          this.state = 'open';
          return { kind: 'open' };
        case RecordType.PROXY_DATA:
          return { kind: 'message', binary: accepted.messageType === MessageType.BINARY, data: accepted.plaintext };
        case RecordType.KEY_UPDATE:
          return undefined;
        default:
          return this.closeReceived(accepted.plaintext);
      }
    } catch (error) {
      this.failed = true;
      this.state = 'closed';
      throw error;
    }
  }

  /** A text WebSocket message arrived: always TEXT_FRAME. */
  textFrame(): ProtocolError {
    this.failed = true;
    this.state = 'closed';
    return protocolError('TEXT_FRAME', 'the proxy sent a text WebSocket message');
  }

  /** The transport ended: the error to report, or undefined when the session had ended properly. */
  transportEnded(): ProtocolError | undefined {
    if (this.state === 'closed' || this.state === 'start' || this.state === 'awaitServerHello') return undefined;
    this.state = 'closed';
    return this.receiver?.endedWithGap() ? protocolError('RECORD_GAP', 'the transport ended while a record was missing') : protocolError('TRUNCATED');
  }

  /** Seals one application message (PROXY_DATA), with a KEY_UPDATE before it when a key limit requires. */
  async send(binary: boolean, data: Uint8Array): Promise<Uint8Array[]> {
    if (this.state !== 'established' && this.state !== 'open') throw new Error(`cannot send in state ${this.state}`);
    if (this.state === 'established') {
      if (!this.canSend(data.length)) throw protocolError('EARLY_DATA_LIMIT', 'wait for UPSTREAM_CONNECTED');
      this.earlyRecords++;
      this.earlyBytes += data.length;
    }
    return this.sender!.seal(RecordType.PROXY_DATA, binary ? MessageType.BINARY : MessageType.TEXT, data);
  }

  /** Seals the authenticated CLOSE (origin SocketX); the session sends nothing after it. */
  async close(code: number, reason: string): Promise<Uint8Array[]> {
    if (!this.sender) return [];
    const sender = this.sender;
    this.sender = undefined;
    const reasonBytes = truncateUtf8(reason, MAX_REASON_BYTES);
    this.state = 'closed';
    return sender.seal(RecordType.CLOSE, MessageType.CONTROL, concat(u8(0), u16(code), reasonBytes));
  }

  private closeReceived(body: Uint8Array): SessionEvent {
    if (body.length < 3 || body.length > 3 + MAX_REASON_BYTES) throw protocolError('MALFORMED_RECORD', 'bad CLOSE body');
    if (body[0] > 1) throw protocolError('MALFORMED_RECORD', `CLOSE origin ${body[0]}`);
    let reason: string;
    try {
      reason = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(3));
    } catch {
      throw protocolError('MALFORMED_RECORD', 'CLOSE reason is not UTF-8');
    }
    this.state = 'closed';
    this.sender = undefined;
    return { kind: 'close', origin: body[0] === 0 ? 'socketx' : 'upstream', code: readU16(body, 1), reason };
  }

  private async serverHello(record: Uint8Array): Promise<SessionEvent> {
    const { suite, pins, pathname } = this.options;
    if (record.length !== 212 + suite.ctLength) throw protocolError('MALFORMED_RECORD', `SERVER_HELLO of ${record.length} bytes`);
    if (record[7] !== suite.id) throw protocolError('SUITE_BELOW_MINIMUM', `the proxy answered suite ${record[7]}, the client offered ${suite.id}`);
    const x25519Shared = await x25519Agree(this.x25519Private!, record.subarray(24, 56));
    if (!x25519Shared) throw protocolError('INVALID_KEY', 'the proxy X25519 share is a low-order point');
    let ikm = x25519Shared;
    if (suite.mlkem) ikm = concat(suite.mlkem.decapsulate(record.subarray(56, 56 + suite.ctLength), this.mlkemSecret!), x25519Shared);
    this.x25519Private = undefined;
    this.mlkemSecret = undefined;

    const shShare = record.subarray(0, record.length - SEALED_LENGTH);
    const ch = this.clientHello!;
    const hShare = await sha256(concat(ch, shShare));
    const hsSecret = await handshakeSecret(ikm);
    const cHs = await expandLabel(hsSecret, 'c hs', hShare, 32);
    const sHs = await expandLabel(hsSecret, 's hs', hShare, 32);
    const sHsKey = await trafficKey(sHs);
    const plain = await sHsKey.open(sHsKey.iv, shShare, record.subarray(record.length - SEALED_LENGTH));
    if (!plain) throw protocolError('AUTHENTICATION_FAILED', 'SERVER_HELLO did not authenticate');
    const spki = plain.subarray(0, 44);
    const signature = plain.subarray(44, 108);
    const serverFinished = plain.subarray(108, 140);
    if (!equalBytes(spki.subarray(0, 12), SPKI_PREFIX)) throw protocolError('UNSUPPORTED_IDENTITY_KEY', 'the identity key is not Ed25519');
    const presented = await fingerprint(spki);
    if (pins.length > 0 && !pins.some((pin) => pin.text === presented)) {
      throw new PinMismatchError(presented, pins.map((pin) => pin.text));
    }
    const hIdentity = await sha256(concat(ch, shShare, spki));
    if (!(await ed25519Verify(spki.subarray(12), concat(SIGNATURE_CONTEXT, hIdentity), signature))) {
      throw protocolError('BAD_SIGNATURE', 'the identity signature does not verify');
    }
    const hSigned = await sha256(concat(ch, shShare, spki, signature));
    if (!(await hmacSha256Verify(await finishedKey(sHs), hSigned, serverFinished))) {
      throw protocolError('BAD_FINISHED', 'the proxy Finished MAC does not match');
    }
    const hFinished = await sha256(concat(ch, shShare, spki, signature, serverFinished));
    const cAp = await expandLabel(hsSecret, 'c ap', hFinished, 32);
    const sAp = await expandLabel(hsSecret, 's ap', hFinished, 32);
    const clientFinished = await hmacSha256(await finishedKey(cHs), hFinished);
    const handshakeSender = await RecordSender.create(cHs, 0n);
    const [finishedRecord] = await handshakeSender.seal(RecordType.CLIENT_FINISHED, MessageType.CONTROL, concat(clientFinished, ascii(pathname)));
    this.sender = await RecordSender.create(cAp, 1n, this.options.keyLimits ?? DEFAULT_KEY_LIMITS);
    this.receiver = await RecordReceiver.create(sAp, 0n, this.options.window ?? 1000);
    this.state = 'established';
    return { kind: 'established', fingerprint: presented, send: [finishedRecord] };
  }
}


function truncateUtf8(text: string, maxBytes: number): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
