// The real SocketX proxy (proxy/target/socketx-proxy.jar, built by Maven before this module) as a
// child process on 127.0.0.1 with a random port, a real echo upstream (`ws`) for it to relay to,
// and a TCP relay that can cut every connection mid-stream (a truncated transport).
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WebSocketServer } from 'ws';

export const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
export const PROXY_JAR = join(REPOSITORY, 'proxy/target/socketx-proxy.jar');
const STARTUP_CEILING_MS = 120_000; // a JVM on a busy two-core machine; we wait on the log line, not a clock

/** Fails with the command that builds the jar, so a missing build is never mistaken for a client bug. */
export function requireProxyJar() {
  if (!existsSync(PROXY_JAR)) {
    throw new Error(
      `${PROXY_JAR} is missing: build it first (from the repository root: mvn -B -q -pl proxy -am package -DskipTests), ` +
        'or run the whole build with mvn -B verify, which builds the proxy before this module',
    );
  }
  return PROXY_JAR;
}

/**
 * A new proxy identity key made by the proxy's own `keygen` command; returns the key file and the
 * `sha256:` fingerprint the proxy prints for it.
 */
export async function proxyIdentity() {
  const dir = mkdtempSync(join(tmpdir(), 'socketx-identity-'));
  const file = join(dir, 'identity.pem');
  const { stdout } = await promisify(execFile)('java', ['-jar', requireProxyJar(), 'keygen', '--out', file]);
  const pin = /sha256:[A-Za-z0-9_-]{43}/.exec(stdout)?.[0];
  if (!pin) throw new Error(`socketx-proxy keygen printed no sha256: fingerprint: ${stdout}`);
  return { file, pin, pem: readFileSync(file, 'utf8') };
}

/**
 * A real WebSocket echo server on 127.0.0.1: each message comes back with its type; the text
 * `close:CODE:REASON` makes it close with that code instead. It records the close frames it gets.
 */
export async function startEchoUpstream() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 4 * 1024 * 1024 });
  await new Promise((resolve) => server.on('listening', resolve));
  const closes = [];
  const paths = [];
  server.on('connection', (socket, request) => {
    paths.push(request.url);
    socket.on('message', (data, isBinary) => {
      const command = !isBinary && /^close:(\d+):(.*)$/s.exec(data.toString());
      if (command) socket.close(Number(command[1]), command[2]);
      else socket.send(data, { binary: isBinary });
    });
    socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
  });
  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    closes,
    paths,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts `java -jar socketx-proxy.jar` with `env` on 127.0.0.1 and port 0; resolves once it logged
 * the port it listens on. `stop()` sends SIGTERM and waits for the exit.
 */
export async function startProxy(env) {
  const child = spawn('java', ['-jar', requireProxyJar()], {
    env: { ...process.env, LISTEN_HOST: '127.0.0.1', LISTEN_PORT: '0', USE_CONSOLE_LOGS: 'true', HANDSHAKE_WARMUP: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the proxy did not log "Listening on" within ${STARTUP_CEILING_MS} ms:\n${log}`)), STARTUP_CEILING_MS);
    const onData = (chunk) => {
      log += chunk;
      const listening = /Listening on \/?127\.0\.0\.1:(\d+)/.exec(log);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the proxy exited with ${code} before listening:\n${log}`));
    });
  });
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A TCP relay on 127.0.0.1 in front of `port`; `cut()` drops every connection through it at once. */
export async function startCuttableRelay(port) {
  const sockets = new Set();
  const server = createServer((inbound) => {
    const outbound = connect(port, '127.0.0.1');
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ]) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
