/**
 * `SocketX`: a WebSocket-like client (EventTarget with open/message/close/error, send, close,
 * bufferedAmount) that speaks SocketX v2 over any WHATWG-style WebSocket: the browser's, Node 22's
 * global one, or the `ws` package's on Node 20.
 */
import {
  ConfigurationError,
  errorNameForCode,
  ProtocolError,
  protocolError,
  SocketXError,
  UpgradeRejectedError,
} from './errors.js';
import { checkPathname } from './pathname.js';
import { parsePin, type Pin } from './pins.js';
import type { KeyLimits } from './record.js';
import { ClientSession, type RandomSource } from './session.js';
import { suiteByName, type SuiteName } from './suites.js';

/** The subprotocol a SocketX v2 client offers (section 1). */
export const SUBPROTOCOL = 'socketx.v2';

/** The part of the WHATWG WebSocket that SocketX uses as its transport. */
export interface WebSocketLike {
  binaryType: string;
  readonly protocol: string;
  readonly bufferedAmount: number;
  send(data: ArrayBuffer | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: any) => void): void;
}

/** A WebSocket constructor; the third argument receives `transportOptions` (e.g. `{ origin }` for `ws`). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: any) => WebSocketLike;

export interface SocketXOptions {
  /** `sha256:` fingerprints of the proxy identity keys accepted (section 6.4). */
  pins?: readonly string[];
  /** Accept any proxy identity on `ws://` (insecure: anyone on the path can read everything). */
  allowUnpinnedProxy?: boolean;
  /** Key-exchange suite, default `x25519-mlkem768`. */
  suite?: SuiteName;
  /** Extra WebSocket subprotocols offered after `socketx.v2`. */
  protocols?: string | readonly string[];
  /** How binary messages are delivered, as on WebSocket; default `blob` where Blob exists. */
  binaryType?: BinaryType;
  /** The WebSocket implementation; default `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Passed as the third constructor argument of `WebSocket` (e.g. `{ origin: 'https://app.example' }` for `ws`). */
  transportOptions?: unknown;
  /** MTE_DECODER_WINDOW_SIZE (section 7), default 1000. */
  decoderWindow?: number;
  /** For tests: deterministic randomness by purpose and lowered key limits. */
  random?: RandomSource;
  keyLimits?: KeyLimits;
}

export type BinaryType = 'blob' | 'arraybuffer';

/** The `message` event: `data` is a string, an ArrayBuffer or a Blob (per `binaryType`). */
export class SocketXMessageEvent extends Event {
  constructor(readonly data: string | ArrayBuffer | Blob) {
    super('message');
  }
}

/** The `close` event, with the authenticated close code and who closed (`origin`). */
export class SocketXCloseEvent extends Event {
  constructor(
    readonly code: number,
    readonly reason: string,
    /** True only when the session ended with an authenticated CLOSE record. */
    readonly wasClean: boolean,
    /** `socketx` (this client or the proxy), `upstream` (the upstream server's own code), or `transport`. */
    readonly origin: 'socketx' | 'upstream' | 'transport',
  ) {
    super('close');
  }
}

/** The `error` event; `error` says what went wrong. */
export class SocketXErrorEvent extends Event {
  constructor(readonly error: SocketXError) {
    super('error');
  }
}

interface Pending {
  readonly binary: boolean;
  readonly data: Uint8Array;
}

type Handler<E> = ((event: E) => void) | null;

/** The events a SocketX dispatches, for typed listeners. */
export interface SocketXEventMap {
  open: Event;
  message: SocketXMessageEvent;
  close: SocketXCloseEvent;
  error: SocketXErrorEvent;
}

type Listener<K extends keyof SocketXEventMap> = (this: SocketX, event: SocketXEventMap[K]) => unknown;

// Typed addEventListener/removeEventListener, merged into the class below.
export interface SocketX {
  addEventListener<K extends keyof SocketXEventMap>(type: K, listener: Listener<K>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SocketXEventMap>(type: K, listener: Listener<K>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** A SocketX v2 connection with the surface of the browser WebSocket. */
export class SocketX extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readonly url: string;
  binaryType: BinaryType;
  onopen: Handler<Event> = null;
  onmessage: Handler<SocketXMessageEvent> = null;
  onclose: Handler<SocketXCloseEvent> = null;
  onerror: Handler<SocketXErrorEvent> = null;

  private state = 0;
  private verifiedFingerprint: string | undefined;
  private readonly session: ClientSession;
  private readonly transport: WebSocketLike;
  private readonly pending: Pending[] = [];
  private pendingBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private transportOpened = false;
  private transportError: unknown;
  private closeRequest: { code: number; reason: string } | undefined;
  private finalClose: SocketXCloseEvent | undefined;
  private ended = false;

  constructor(url: string | URL, options: SocketXOptions = {}) {
    super();
    const parsed = new URL(url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw new ConfigurationError(`the URL must start with ws:// or wss://, got ${parsed.protocol}//`);
    }
    if (parsed.hash) throw new ConfigurationError('the URL must not have a #fragment');
    const pins: Pin[] = (options.pins ?? []).map(parsePin);
    if (pins.length > 8) throw new ConfigurationError('at most 8 pins');
    if (pins.length === 0 && parsed.protocol === 'ws:' && !options.allowUnpinnedProxy) {
      throw new ConfigurationError(
        'ws:// without a pin would accept any proxy, including a man in the middle: pass pins: ["sha256:…"] (the proxy prints its fingerprint) or set allowUnpinnedProxy: true',
      );
    }
    const suite = suiteByName(options.suite ?? 'x25519-mlkem768');
    if (!suite) throw new ConfigurationError(`unknown suite ${options.suite}`);
    const pathname = checkPathname(parsed.pathname + parsed.search || '/');
    const Transport = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Transport) {
      throw new ConfigurationError('no WebSocket implementation: pass options.WebSocket (on Node 20, the ws package\'s WebSocket)');
    }
    this.url = parsed.href;
    this.binaryType = options.binaryType ?? (typeof Blob === 'function' ? 'blob' : 'arraybuffer');
    this.session = new ClientSession({ suite, pins, pathname, window: options.decoderWindow, keyLimits: options.keyLimits, random: options.random });
    const extra = typeof options.protocols === 'string' ? [options.protocols] : [...(options.protocols ?? [])];
    // The path and query travel encrypted inside CLIENT_FINISHED; the upgrade request carries neither.
    const upgradeUrl = `${parsed.protocol}//${parsed.host}/`;
    this.transport = new Transport(upgradeUrl, [SUBPROTOCOL, ...extra.filter((p) => p !== SUBPROTOCOL)], options.transportOptions);
    this.transport.binaryType = 'arraybuffer';
    const hello = this.session.hello();
    hello.catch(() => undefined);
    this.transport.addEventListener('open', () => {
      this.transportOpened = true;
      this.enqueue(async () => this.transport.send(await hello));
    });
    this.transport.addEventListener('message', (event: { data: unknown }) => this.enqueue(() => this.onRecord(event.data)));
    this.transport.addEventListener('error', (event: unknown) => {
      this.transportError = event;
      // A failed upgrade ends here: some WebSockets (Node 20's) never follow it with a close event.
      if (!this.transportOpened) this.enqueue(async () => this.onTransportClosed(1006, ''));
    });
    this.transport.addEventListener('close', (event: { code: number; reason: string }) =>
      this.enqueue(async () => this.onTransportClosed(event.code, event.reason)),
    );
  }

  get readyState(): number {
    return this.state;
  }

  /** Bytes of application data accepted by `send` and not yet handed to the network. */
  get bufferedAmount(): number {
    return this.pendingBytes + this.transport.bufferedAmount;
  }

  /** The fingerprint of the proxy identity key, once the handshake verified it (also without pins). */
  get proxyFingerprint(): string | undefined {
    return this.verifiedFingerprint;
  }

  /** The WebSocket subprotocol the proxy selected. */
  get protocol(): string {
    return this.transport.protocol;
  }

  /**
   * Sends one message: a string as text, bytes as binary. Before `open` the message is queued and sent
   * as early data (at most 256 messages / 64 KiB before the upstream connects) or after `open`.
   */
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
    if (this.state >= SocketX.CLOSING || this.closeRequest) return;
    if (typeof data === 'string') {
      this.queue({ binary: false, data: new TextEncoder().encode(data) });
    } else if (data instanceof ArrayBuffer) {
      this.queue({ binary: true, data: new Uint8Array(data.slice(0)) });
    } else if (ArrayBuffer.isView(data)) {
      this.queue({ binary: true, data: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) });
    } else if (typeof Blob === 'function' && data instanceof Blob) {
      const bytes = data.arrayBuffer();
      this.enqueue(async () => this.queue({ binary: true, data: new Uint8Array(await bytes) }));
    } else {
      throw new TypeError('send() takes a string, an ArrayBuffer, a typed array or a Blob');
    }
  }

  /** Ends the session with an authenticated CLOSE (after sending what `send` queued). */
  close(code = 1000, reason = ''): void {
    if (code !== 1000 && (code < 3000 || code > 4999)) throw new RangeError('the close code must be 1000 or 3000-4999');
    if (new TextEncoder().encode(reason).length > 123) throw new SyntaxError('the close reason is longer than 123 UTF-8 bytes');
    if (this.state >= SocketX.CLOSING) return;
    this.state = SocketX.CLOSING;
    this.closeRequest = { code, reason };
    this.enqueue(() => this.flush());
  }

  private enqueue(step: () => Promise<void> | void): void {
    this.chain = this.chain.then(step).catch((error) => this.fail(error));
  }

  private queue(message: Pending): void {
    this.pending.push(message);
    this.pendingBytes += message.data.length;
    this.enqueue(() => this.flush());
  }

  /** Sends every queued message the session admits now, then the CLOSE the application asked for. */
  private async flush(): Promise<void> {
    if (this.ended || !this.session.hasKeys) {
      if (this.closeRequest && !this.session.hasKeys && !this.ended) this.abortHandshake();
      return;
    }
    while (this.pending.length > 0 && this.session.canSend(this.pending[0].data.length)) {
      const message = this.pending.shift()!;
      for (const record of await this.session.send(message.binary, message.data)) this.transport.send(record);
      this.pendingBytes -= message.data.length;
    }
    if (this.closeRequest && this.pending.length === 0) {
      const { code, reason } = this.closeRequest;
      for (const record of await this.session.close(code, reason)) this.transport.send(record);
      this.ended = true;
      this.finalClose = new SocketXCloseEvent(code, reason, true, 'socketx');
      this.transport.close(code, reason);
    }
  }

  /** close() before the handshake finished: nothing secret was sent, so the transport just closes. */
  private abortHandshake(): void {
    this.ended = true;
    this.finalClose = new SocketXCloseEvent(1006, 'closed before the handshake finished', false, 'transport');
    this.transport.close(1000);
  }

  private async onRecord(data: unknown): Promise<void> {
    if (this.ended) return;
    if (typeof data === 'string') throw this.session.textFrame();
    const bytes =
      data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(await (data as Blob).arrayBuffer());
    const event = await this.session.receive(bytes);
    if (!event) return;
    switch (event.kind) {
      case 'established':
        this.verifiedFingerprint = event.fingerprint;
        for (const record of event.send) this.transport.send(record);
        await this.flush();
        return;
      case 'open':
        if (this.state === SocketX.CONNECTING) this.state = SocketX.OPEN;
        this.emit(new Event('open'));
        await this.flush();
        return;
      case 'message':
        this.emit(new SocketXMessageEvent(this.deliverable(event.binary, event.data)));
        return;
      case 'close': {
        this.ended = true;
        this.state = SocketX.CLOSING;
        const reported = event.origin === 'socketx' ? errorNameForCode(event.code) : undefined;
        if (reported) this.emit(new SocketXErrorEvent(protocolError(reported, `reported by the proxy: ${event.reason}`)));
        this.finalClose = new SocketXCloseEvent(event.code, event.reason, true, event.origin);
        this.transport.close(1000);
        return;
      }
    }
  }

  private deliverable(binary: boolean, data: Uint8Array): string | ArrayBuffer | Blob {
    if (!binary) return new TextDecoder().decode(data);
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    return this.binaryType === 'blob' ? new Blob([buffer]) : buffer;
  }

  private onTransportClosed(code: number, reason: string): void {
    if (this.state === SocketX.CLOSED) return;
    if (!this.finalClose) {
      const error = this.transportEndedError(code, reason);
      this.ended = true;
      this.emit(new SocketXErrorEvent(error));
      const closeCode = error instanceof ProtocolError ? error.code : 1006;
      this.finalClose = new SocketXCloseEvent(closeCode, error instanceof ProtocolError ? error.error : error.message, false, 'transport');
    }
    this.state = SocketX.CLOSED;
    this.emit(this.finalClose);
  }

  /** Why the transport ended when no CLOSE record ended the session. */
  private transportEndedError(code: number, reason: string): SocketXError {
    if (!this.transportOpened) return new UpgradeRejectedError(upgradeStatus(this.transportError));
    const afterKeys = this.session.transportEnded();
    if (afterKeys) return afterKeys;
    const reported = errorNameForCode(code);
    if (reported) {
      const hint = reported === 'SUITE_BELOW_MINIMUM' ? ': the proxy requires a stronger suite; configure a higher one' : '';
      return protocolError(reported, `reported by the proxy during the handshake (not authenticated)${hint}`);
    }
    return new SocketXError(`the connection closed during the handshake (WebSocket close ${code}${reason ? ` "${reason}"` : ''})`);
  }

  /** A local error: report it, send an authenticated CLOSE when keys exist, and close the transport. */
  private async fail(error: unknown): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const failure = error instanceof SocketXError ? error : new SocketXError(`internal error: ${String(error)}`);
    const code = failure instanceof ProtocolError ? failure.code : 1011;
    const reason = failure instanceof ProtocolError ? failure.error : 'internal error';
    this.state = SocketX.CLOSING;
    this.emit(new SocketXErrorEvent(failure));
    this.finalClose = new SocketXCloseEvent(code, reason, false, 'socketx');
    try {
      for (const record of await this.session.close(code, reason)) this.transport.send(record);
    } catch {
      // The session may be past sending (sequence exhausted): the WebSocket close still reports the code.
    }
    try {
      this.transport.close(code, reason);
    } catch {
      this.transport.close(1000, reason); // 1009 and other reserved codes cannot be sent by every WebSocket
    }
  }

  private emit(event: Event): void {
    const handler = (this as unknown as Record<string, unknown>)['on' + event.type];
    if (typeof handler === 'function') handler.call(this, event);
    this.dispatchEvent(event);
  }
}

/** The HTTP status of a refused upgrade, when the WebSocket implementation tells it (the `ws` package does). */
function upgradeStatus(event: unknown): number | undefined {
  const text = String((event as { message?: unknown; error?: { message?: unknown } })?.message ?? (event as { error?: { message?: unknown } })?.error?.message ?? '');
  const match = /Unexpected server response: (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}
