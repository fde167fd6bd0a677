/** The record format of section 2 and the per-direction record protection of sections 7 and 8. */
import { concat, readU64, u64 } from './bytes.js';
import type { AesGcmKey } from './crypto.js';
import { protocolError } from './errors.js';
import { nextSecret, trafficKey } from './keyschedule.js';

export const MAGIC = Uint8Array.of(0x53, 0x43, 0x4b, 0x58);
export const VERSION = 2;
export const HEADER_LENGTH = 7;
export const MIN_ENCRYPTED_LENGTH = HEADER_LENGTH + 8 + 16;

export const RecordType = {
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  CLIENT_FINISHED: 3,
  UPSTREAM_CONNECTED: 4,
  PROXY_DATA: 5,
  KEY_UPDATE: 6,
  CLOSE: 7,
} as const;
export type RecordTypeValue = (typeof RecordType)[keyof typeof RecordType];

export const MessageType = { TEXT: 0, BINARY: 1, CONTROL: 254 } as const;

export function header(type: number, messageType: number): Uint8Array {
  return concat(MAGIC, Uint8Array.of(VERSION, type, messageType));
}

/**
 * Checks a record's header in the order of section 2 and returns its type; `allowed` is the set of
 * types the receiver's state admits.
 */
export function checkHeader(record: Uint8Array, allowed: ReadonlySet<number>): RecordTypeValue {
  if (record.length < HEADER_LENGTH) throw protocolError('MALFORMED_RECORD', 'record shorter than its header');
  for (let i = 0; i < 4; i++) if (record[i] !== MAGIC[i]) throw protocolError('BAD_MAGIC');
  if (record[4] !== VERSION) throw protocolError('BAD_VERSION', `version ${record[4]}`);
  const type = record[5];
  if (type < 1 || type > 7) throw protocolError('UNKNOWN_ACTION', `record type ${type}`);
  const messageType = record[6];
  const allowedMessage =
    type === RecordType.PROXY_DATA
      ? messageType === MessageType.TEXT || messageType === MessageType.BINARY
      : messageType === MessageType.CONTROL;
  if (!allowedMessage) throw protocolError('UNKNOWN_MESSAGE_TYPE', `message type ${messageType} for record type ${type}`);
  if (!allowed.has(type)) throw protocolError('UNEXPECTED_ACTION', `record type ${type} in this state`);
  return type as RecordTypeValue;
}

function nonce(iv: Uint8Array, seq: bigint): Uint8Array {
  const out = iv.slice();
  const s = u64(seq);
  for (let i = 0; i < 8; i++) out[4 + i] ^= s[i];
  return out;
}

export async function sealRecord(key: AesGcmKey, type: number, messageType: number, seq: bigint, plaintext: Uint8Array): Promise<Uint8Array> {
  const head = header(type, messageType);
  const seqBytes = u64(seq);
  const sealed = await key.seal(nonce(key.iv, seq), concat(head, seqBytes), plaintext);
  return concat(head, seqBytes, sealed);
}

/** The sequence number written in an encrypted record (its length was checked before). */
export function recordSeq(record: Uint8Array): bigint {
  return readU64(record, HEADER_LENGTH);
}

/** Opens an encrypted record under its written seq, or throws AUTHENTICATION_FAILED. */
export async function openRecord(key: AesGcmKey, record: Uint8Array): Promise<Uint8Array> {
  if (record.length < MIN_ENCRYPTED_LENGTH) throw protocolError('MALFORMED_RECORD', 'encrypted record under 31 bytes');
  const seq = recordSeq(record);
  const aad = record.subarray(0, HEADER_LENGTH + 8);
  const plaintext = await key.open(nonce(key.iv, seq), aad, record.subarray(HEADER_LENGTH + 8));
  if (!plaintext) throw protocolError('AUTHENTICATION_FAILED', 'a record tag did not verify');
  return plaintext;
}

/** Per-key usage limits of section 8. */
export interface KeyLimits {
  readonly records: number;
  readonly bytes: number;
}

export const DEFAULT_KEY_LIMITS: KeyLimits = { records: 2 ** 24, bytes: 2 ** 36 };

const MAX_SEQ = (1n << 64n) - 1n;

/** The sending half of a direction: sequence numbers, key usage and key updates. */
export class RecordSender {
  private records = 0;
  private bytes = 0;

  private constructor(
    private secret: Uint8Array,
    private key: AesGcmKey,
    private seq: bigint,
    private readonly limits: KeyLimits,
  ) {}

  static async create(secret: Uint8Array, firstSeq: bigint, limits: KeyLimits = DEFAULT_KEY_LIMITS): Promise<RecordSender> {
    return new RecordSender(secret, await trafficKey(secret), firstSeq, limits);
  }

  /**
   * Seals one record, preceded by a KEY_UPDATE when this record would otherwise leave no room under
   * the current key for the KEY_UPDATE itself (records) or exceed the byte limit. Returns the records
   * to send, in order.
   */
  async seal(type: number, messageType: number, plaintext: Uint8Array): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    if (this.records + 1 >= this.limits.records || this.bytes + plaintext.length > this.limits.bytes) {
      out.push(await this.sealUnderCurrentKey(RecordType.KEY_UPDATE, MessageType.CONTROL, new Uint8Array(0)));
      this.secret = await nextSecret(this.secret);
      this.key = await trafficKey(this.secret);
      this.records = 0;
      this.bytes = 0;
    }
    out.push(await this.sealUnderCurrentKey(type, messageType, plaintext));
    return out;
  }

  private async sealUnderCurrentKey(type: number, messageType: number, plaintext: Uint8Array): Promise<Uint8Array> {
    if (this.seq >= MAX_SEQ) throw protocolError('SEQUENCE_EXHAUSTED');
    const record = await sealRecord(this.key, type, messageType, this.seq, plaintext);
    this.seq++;
    this.records++;
    this.bytes += plaintext.length;
    return record;
  }
}

/** What the receiver does with one authenticated record. */
export interface Accepted {
  readonly type: RecordTypeValue;
  readonly messageType: number;
  readonly plaintext: Uint8Array;
}

/**
 * The receiving half of a direction: authenticates each record under its written seq, enforces strict
 * order (section 7) and the per-key limits (section 8), and follows the peer's key updates.
 */
export class RecordReceiver {
  private expected: bigint;
  private records = 0;
  private bytes = 0;
  /** Set once a record beyond `expected` arrived: nothing is delivered any more. */
  private missing: { readonly seen: Set<bigint>; count: number } | undefined;

  private constructor(
    private secret: Uint8Array,
    private key: AesGcmKey,
    firstSeq: bigint,
    private readonly window: number,
    private readonly limits: KeyLimits,
  ) {
    this.expected = firstSeq;
  }

  static async create(secret: Uint8Array, firstSeq: bigint, window = 1000, limits: KeyLimits = DEFAULT_KEY_LIMITS): Promise<RecordReceiver> {
    if (!Number.isInteger(window) || window < 1) throw new RangeError('the decoder window must be an integer >= 1');
    return new RecordReceiver(secret, await trafficKey(secret), firstSeq, window, limits);
  }

  /** Authenticates and orders one encrypted record whose header was already checked. */
  async receive(record: Uint8Array): Promise<Accepted | undefined> {
    const plaintext = await openRecord(this.key, record);
    const seq = recordSeq(record);
    const type = record[5] as RecordTypeValue;
    if (this.missing) return this.whileMissing(seq, type);
    if (seq < this.expected) throw protocolError('RECORD_REPLAYED', `sequence ${seq} was already delivered`);
    if (seq > this.expected) {
      this.missing = { seen: new Set([seq]), count: 1 };
      if (type === RecordType.KEY_UPDATE || type === RecordType.CLOSE || this.window <= 1) {
        throw protocolError('RECORD_GAP', `record ${this.expected} is missing`);
      }
      return undefined;
    }
    this.records++;
    this.bytes += plaintext.length;
    if (this.records > this.limits.records || this.bytes > this.limits.bytes) throw protocolError('KEY_LIMIT_EXCEEDED');
    if ((type === RecordType.KEY_UPDATE || type === RecordType.UPSTREAM_CONNECTED) && plaintext.length > 0) {
      throw protocolError('MALFORMED_RECORD', `record type ${type} carries ${plaintext.length} plaintext bytes`);
    }
    this.expected++;
    if (type === RecordType.KEY_UPDATE) {
      this.secret = await nextSecret(this.secret);
      this.key = await trafficKey(this.secret);
      this.records = 0;
      this.bytes = 0;
    }
    return { type, messageType: record[6], plaintext };
  }

  /** Whether a record is missing (the transport's end is then RECORD_GAP rather than TRUNCATED). */
  endedWithGap(): boolean {
    return this.missing !== undefined;
  }

  private whileMissing(seq: bigint, type: RecordTypeValue): undefined {
    const missing = this.missing!;
    if (seq === this.expected) throw protocolError('RECORD_REORDERED', `record ${seq} arrived after a later one`);
    if (seq < this.expected || missing.seen.has(seq)) throw protocolError('RECORD_REPLAYED', `sequence ${seq} was already seen`);
    missing.seen.add(seq);
    missing.count++;
    if (missing.count >= this.window || type === RecordType.KEY_UPDATE || type === RecordType.CLOSE) {
      throw protocolError('RECORD_GAP', `record ${this.expected} is missing`);
    }
    return undefined;
  }
}
