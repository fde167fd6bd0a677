// Handshake time in headless Chromium: the demo page (./demo.sh, from the built jars) opens
// connections one after another, each timed from `new SocketX` (the WebSocket upgrade starts) to
// `open` (handshake verified and upstream connected). Usage: node scripts/browser-handshakes.mjs [N] [SUITE]
import { launchChromium, startDemo } from '../test/browser/support.mjs';

const count = Number(process.argv[2] ?? 200);
const suite = process.argv[3] ?? 'x25519-mlkem768';
const WARMUP = 20; // the first connections include JIT warm-up in the browser and the proxy
const demo = await startDemo();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(demo.pageUrl);
  await page.waitForSelector('#status[data-state="open"]', { timeout: 120_000 });
  const times = await page.evaluate(([n, s]) => window.socketxDemo.handshakes(n, s), [count + WARMUP, suite]);
  const measured = times.slice(WARMUP).sort((a, b) => a - b);
  const at = (q) => measured[Math.min(measured.length - 1, Math.floor(q * measured.length))].toFixed(1);
  const version = browser.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  console.log(`${suite} in Chromium ${version}: ${measured.length} handshakes (after ${WARMUP} warm-up), upgrade to open: median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${measured[0].toFixed(1)} ms, max ${measured.at(-1).toFixed(1)} ms (goal: median <= 50 ms)`);
} finally {
  await browser.close();
  await demo.stop();
}
