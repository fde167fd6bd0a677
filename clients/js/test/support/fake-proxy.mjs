// An in-process WebSocket transport whose far end is the ProxyPeer with an echoing upstream: the
// SocketX class runs against it exactly as against a browser WebSocket, event by event.
import { ProxyPeer, randomIdentity } from './proxy-peer.mjs';
import { fingerprint } from '../../dist/pins.js';

class TransportEvent extends Event {
  constructor(type, fields) {
    super(type);
    Object.assign(this, fields);
  }
}

/**
 * Creates a fake proxy. `options.rejectStatus` refuses the upgrade with that HTTP status;
 * `options.tamper(record, index)` may rewrite or drop (return null) the proxy's outgoing records.
 */
export async function fakeProxy(options = {}) {
  const identity = options.identity ?? randomIdentity();
  const proxy = {
    identity,
    fingerprint: await fingerprint(identity.spki),
    peer: undefined,
    socket: undefined,
    upgrades: [],
    received: [], // application messages the upstream got, in order
    clientClose: undefined,
    errors: [],
    recordsFromClient: 0,
    sentIndex: 0,
    toClient(record) {
      const tampered = options.tamper ? options.tamper(record, proxy.sentIndex++) : record;
      if (tampered) proxy.socket.deliver(tampered);
    },
    /** Ends the transport without a CLOSE record. */
    endAbruptly(code = 1006) {
      proxy.socket.remoteClose(code, '');
    },
    /** With holdUpstream: the upstream connects now (held early data is forwarded first). */
    async connectUpstream() {
      await proxy.socket.chain;
      const connected = await proxy.peer.upstreamConnected();
      // UPSTREAM_CONNECTED goes out before any upstream reply to the early data can be relayed.
      for (const r of connected.send) proxy.toClient(r);
      await proxy.socket.upstream(connected.deliver);
    },
    /** Sends one encrypted record of any type with any plaintext (to test malformed bodies). */
    async sendRecord(type, plaintext) {
      for (const r of await proxy.peer.sender.seal(type, 254, plaintext)) proxy.toClient(r);
    },
    async closeWith(origin, code, reason) {
      for (const r of await proxy.peer.sendClose(origin, code, reason)) proxy.toClient(r);
      proxy.socket.remoteClose(origin === 0 ? code : 1000, '');
    },
  };

  class FakeWebSocket extends EventTarget {
    constructor(url, protocols, transportOptions) {
      super();
      this.url = url;
      this.protocol = '';
      this.binaryType = 'blob';
      this.bufferedAmount = 0;
      this.closed = false;
      this.chain = Promise.resolve();
      proxy.upgrades.push({ url, protocols, transportOptions });
      proxy.socket = this;
      proxy.peer = new ProxyPeer({ identities: [identity], minimumSuite: options.minimumSuite });
      setTimeout(() => {
        if (options.rejectStatus) {
          this.dispatchEvent(new TransportEvent('error', { message: `Unexpected server response: ${options.rejectStatus}` }));
          this.remoteClose(1006, '');
          return;
        }
        this.protocol = protocols.includes('socketx.v2') ? 'socketx.v2' : '';
        this.dispatchEvent(new TransportEvent('open', {}));
      });
    }

    /** Client → proxy. */
    send(data) {
      if (this.closed) return;
      const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      this.chain = this.chain.then(() => this.proxyReceives(bytes));
    }

    async proxyReceives(bytes) {
      if (this.closed) return;
      proxy.recordsFromClient++;
      try {
        const { send, deliver, close } = await proxy.peer.receive(bytes);
        for (const r of send) proxy.toClient(r);
        if (proxy.peer.state === 'connecting' && !options.holdUpstream) {
          const connected = await proxy.peer.upstreamConnected();
          for (const r of connected.send) proxy.toClient(r);
          await this.upstream(connected.deliver);
        }
        await this.upstream(deliver);
        if (close) proxy.clientClose = close;
      } catch (error) {
        proxy.errors.push(error);
        this.remoteClose(error.code ?? 1011, '');
      }
    }

    /** The upstream echoes every message. */
    async upstream(messages) {
      for (const m of messages) {
        proxy.received.push(m);
        if (!options.silentUpstream) for (const r of await proxy.peer.sendData(m.binary, m.data)) proxy.toClient(r);
      }
    }

    /** Proxy → client. */
    deliver(record) {
      if (this.closed) return;
      const data = typeof record === 'string' ? record : record.buffer.slice(record.byteOffset, record.byteOffset + record.byteLength);
      setTimeout(() => !this.closed && this.dispatchEvent(new TransportEvent('message', { data })));
    }

    close(code = 1000, reason = '') {
      this.chain = this.chain.then(() => this.remoteClose(code, reason));
    }

    remoteClose(code, reason) {
      if (this.closed) return;
      setTimeout(() => {
        if (this.closed) return;
        this.closed = true;
        this.dispatchEvent(new TransportEvent('close', { code, reason }));
        proxy.resolveClosed({ code, reason });
      });
    }
  }

  proxy.closed = new Promise((resolve) => (proxy.resolveClosed = resolve));
  proxy.WebSocket = FakeWebSocket;
  return proxy;
}

/** Resolves with the next event of that type. */
export function next(target, type) {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}
