/** The protocol errors of docs/protocol.md section 10, by name, with their close codes. */
export const ERROR_CODES = {
  MALFORMED_RECORD: 4000,
  BAD_MAGIC: 4001,
  BAD_VERSION: 4002,
  UNKNOWN_ACTION: 4003,
  UNKNOWN_MESSAGE_TYPE: 4004,
  UNEXPECTED_ACTION: 4005,
  INVALID_KEY: 4008,
  SUITE_BELOW_MINIMUM: 4009,
  NO_COMMON_SUITE: 4010,
  AUTHENTICATION_FAILED: 4011,
  SEQUENCE_EXHAUSTED: 4014,
  INVALID_PATHNAME: 4015,
  TEXT_FRAME: 4016,
  HANDSHAKE_TIMEOUT: 4017,
  PIN_MISMATCH: 4018,
  BAD_SIGNATURE: 4019,
  BAD_FINISHED: 4020,
  UNSUPPORTED_IDENTITY_KEY: 4021,
  RECORD_REPLAYED: 4022,
  RECORD_REORDERED: 4023,
  RECORD_GAP: 4024,
  TRUNCATED: 4025,
  EARLY_DATA_LIMIT: 4026,
  KEY_LIMIT_EXCEEDED: 4027,
  MESSAGE_TOO_LARGE: 1009,
} as const;

/** The name of a protocol error, e.g. `PIN_MISMATCH`. */
export type ProtocolErrorName = keyof typeof ERROR_CODES;

const NAMES_BY_CODE = new Map<number, ProtocolErrorName>(
  Object.entries(ERROR_CODES).map(([name, code]) => [code, name as ProtocolErrorName]),
);

/** The protocol error name for a close code, or undefined when the code is not a protocol error. */
export function errorNameForCode(code: number): ProtocolErrorName | undefined {
  return NAMES_BY_CODE.get(code);
}

/** Base class of every error this package reports. */
export class SocketXError extends Error {
  constructor(message: string) {
    super(message);
  }

  // Literal names, not new.target.name: the minified browser build renames classes.
  override name: string = 'SocketXError';
}

/** A violation of the protocol, detected locally or reported by the proxy in an authenticated CLOSE. */
export class ProtocolError extends SocketXError {
  override name: string = 'ProtocolError';
  /** The spec's error name, e.g. `RECORD_GAP`. */
  readonly error: ProtocolErrorName;
  /** The close code of the error (section 10). */
  readonly code: number;

  constructor(error: ProtocolErrorName, detail?: string) {
    super(detail ? `${error} (${ERROR_CODES[error]}): ${detail}` : `${error} (${ERROR_CODES[error]})`);
    this.error = error;
    this.code = ERROR_CODES[error];
  }
}

/** The proxy's identity key is none of the pinned fingerprints. */
export class PinMismatchError extends ProtocolError {
  override name: string = 'PinMismatchError';
  readonly presented: string;
  readonly pinned: readonly string[];

  constructor(presented: string, pinned: readonly string[]) {
    super('PIN_MISMATCH', `the proxy presented ${presented}, pinned: ${pinned.join(', ')}`);
    this.presented = presented;
    this.pinned = pinned;
  }
}

/** The transport ended without an authenticated CLOSE: the data received may be incomplete. */
export class TruncatedError extends ProtocolError {
  override name: string = 'TruncatedError';
  constructor() {
    super('TRUNCATED', 'the connection ended without an authenticated CLOSE; data may be missing');
  }
}

/**
 * The proxy refused the WebSocket upgrade. `status` is the HTTP status (403 = origin rejected, 404 = no
 * route, 400 = bad Host) when the transport reveals it; browsers never do, so it is undefined there.
 */
export class UpgradeRejectedError extends SocketXError {
  override name: string = 'UpgradeRejectedError';
  readonly status: number | undefined;

  constructor(status: number | undefined) {
    super(
      status === undefined
        ? 'the WebSocket upgrade failed (the HTTP status is not visible to this transport; an Origin the route refuses gets 403)'
        : `the proxy refused the WebSocket upgrade with HTTP ${status}${status === 403 ? ' (origin rejected)' : status === 404 ? ' (no route)' : ''}`,
    );
    this.status = status;
  }

  /** True when the proxy refused the page's Origin (HTTP 403). */
  get originRejected(): boolean {
    return this.status === 403;
  }
}

/** The options given to the client are unusable (bad pin, unpinned ws://, bad URL...). */
export class ConfigurationError extends SocketXError {
  override name: string = 'ConfigurationError';
}

/** Creates the error for a protocol error name, with the specialised class for TRUNCATED. */
export function protocolError(error: ProtocolErrorName, detail?: string): ProtocolError {
  return error === 'TRUNCATED' && !detail ? new TruncatedError() : new ProtocolError(error, detail);
}
