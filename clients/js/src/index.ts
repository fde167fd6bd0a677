/** @socketx/client: a SocketX protocol v2 client with the surface of the browser WebSocket. */
export {
  SocketX,
  SocketXCloseEvent,
  SocketXErrorEvent,
  SocketXMessageEvent,
  SUBPROTOCOL,
  type BinaryType,
  type SocketXEventMap,
  type SocketXOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './socket.js';
export {
  ConfigurationError,
  ERROR_CODES,
  PinMismatchError,
  ProtocolError,
  SocketXError,
  TruncatedError,
  UpgradeRejectedError,
  type ProtocolErrorName,
} from './errors.js';
export { fingerprint, parsePin } from './pins.js';
export { hasWebCryptoCurves } from './crypto.js';
export { SUITES, type SuiteName } from './suites.js';
export { ClientSession, type ClientSessionOptions, type RandomSource, type SessionEvent } from './session.js';
