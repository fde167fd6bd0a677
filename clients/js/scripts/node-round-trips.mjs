// Node load generator for the benchmarks: N SocketX connections (the `ws` package) through a proxy,
// each keeping one binary message outstanding (closed loop, like `socketx-bench load --in-flight 1`);
// counts echoes in the window after a warm-up. Prints one JSON line.
// Usage: node scripts/node-round-trips.mjs --url ws://127.0.0.1:8080/ --pin sha256:… [--connections 16]
//        [--size 1024] [--duration 10] [--warmup 3] [--suite x25519-mlkem768] [--origin URL]
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { SocketX } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    pin: { type: 'string' },
    connections: { type: 'string', default: '16' },
    size: { type: 'string', default: '1024' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    suite: { type: 'string', default: 'x25519-mlkem768' },
    origin: { type: 'string' },
  },
});
if (!values.url || !values.pin) throw new Error('--url and --pin are required');
const connections = Number(values.connections);
const payload = new Uint8Array(Number(values.size)).fill(0x5a);
let counting = false;
let echoes = 0;
let failures = 0;

const sockets = await Promise.all(
  Array.from({ length: connections }, () => new Promise((resolve, reject) => {
    const socket = new SocketX(values.url, {
      pins: [values.pin],
      suite: values.suite,
      WebSocket,
      binaryType: 'arraybuffer',
      transportOptions: values.origin ? { origin: values.origin } : undefined,
    });
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('error', (e) => {
      failures++;
      reject(e.error);
    });
    socket.addEventListener('message', () => {
      if (counting) echoes++;
      socket.send(payload);
    });
  })),
);
sockets.forEach((s) => s.send(payload));
await new Promise((resolve) => setTimeout(resolve, Number(values.warmup) * 1000));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
counting = true;
await new Promise((resolve) => setTimeout(resolve, Number(values.duration) * 1000));
counting = false;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const closed = sockets.map((s) => new Promise((resolve) => s.addEventListener('close', resolve, { once: true })));
sockets.forEach((s) => s.close());
await Promise.all(closed);
console.log(JSON.stringify({
  client: `node ${process.version}`,
  connections,
  size: payload.length,
  seconds: Number(seconds.toFixed(2)),
  roundTripsPerSecond: Math.round(echoes / seconds),
  clientCpuPerRoundTripMicros: Number((((cpu.user + cpu.system) / echoes) || 0).toFixed(1)),
  failures,
}));
