// The browser tier: Debian's Chromium (headless, playwright-core) opens the echo chat page that
// ./demo.sh serves from a localhost origin and talks to the demo proxy through the package's
// browser build — the chat UI, every size and 1,000 ordered messages, then the same page from an
// origin the route refuses. Screenshots go to target/browser/ and are checked to exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, startDemo } from './support.mjs';

const SHOTS = fileURLToPath(new URL('../../target/browser/', import.meta.url));
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
let demo;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  const exit = await demo?.stop();
  assert.ok(exit === undefined || exit.code === 0 || exit.signal === 'SIGTERM' || exit.code === 143, `demo exit ${JSON.stringify(exit)}`);
});

/** Opens `url` in a new tab; page errors and console errors fail the test that reads them. */
async function open(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  await page.waitForFunction(() => window.socketxDemo?.config !== undefined, null, { timeout: 120_000 });
  return { page, problems };
}

async function screenshot(page, name) {
  const file = `${SHOTS}${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(statSync(file).size > 1000, `${file} is a real picture`);
  assert.deepEqual([...readFileSync(file).subarray(0, 8)], PNG_MAGIC, `${file} is a PNG`);
  return file;
}

test('the page from its localhost origin chats through the proxy with a pinned ML-KEM-768 handshake', async () => {
  const { page, problems } = await open(demo.pageUrl);
  assert.equal(new URL(page.url()).hostname, 'localhost');
  await page.waitForSelector('#status[data-state="open"]', { timeout: 120_000 });
  const status = await page.textContent('#status');
  const { pin } = await page.evaluate(() => window.socketxDemo.config);
  assert.ok(status.includes(pin), `the status names the pinned proxy key: ${status}`);

  for (const line of ['hello from Chromium', 'ünïcødé ✓ 🚀']) {
    await page.fill('#message', line);
    await page.press('#message', 'Enter');
  }
  await page.waitForFunction(() => document.querySelectorAll('#log li.echo').length === 2, null, { timeout: 60_000 });
  assert.deepEqual(await page.$$eval('#log li.echo', (items) => items.map((i) => i.textContent)), ['hello from Chromium', 'ünïcødé ✓ 🚀']);
  await screenshot(page, 'demo-page');
  assert.deepEqual(problems, []);
});

for (const suite of ['x25519-mlkem768', 'x25519-mlkem1024']) {
  test(`${suite} in Chromium: text and binary 0 B to 1 MiB, 1,000 messages in order, authenticated close`, async () => {
    const { page, problems } = await open(demo.pageUrl);
    const result = await page.evaluate((s) => window.socketxDemo.roundTrips(s), suite);
    assert.equal(result.checks.length, 12);
    assert.deepEqual(result.checks.filter((c) => !c.ok), [], JSON.stringify(result.checks));
    assert.ok(result.handshakeMs > 0);
    assert.deepEqual(problems, []);
  });
}

test("the page's own check button runs the same checks and lists them", async () => {
  const { page } = await open(demo.pageUrl);
  await page.click('#checks');
  await page.waitForFunction(() => [...document.querySelectorAll('#log li.note')].some((li) => li.textContent.startsWith('handshake ')), null, { timeout: 120_000 });
  const notes = await page.$$eval('#log li.note', (items) => items.map((i) => i.textContent));
  assert.ok(notes.includes('✓ 1,000 messages in order'), notes.join('\n'));
  assert.deepEqual(notes.filter((n) => n.startsWith('✗')), []);
  await screenshot(page, 'demo-page-checks');
});

test('the same page from http://127.0.0.1 is an origin the route refuses: UpgradeRejectedError, shown on the page', async () => {
  const refused = demo.pageUrl.replace('//localhost:', '//127.0.0.1:');
  const { page } = await open(refused);
  await page.waitForSelector('#status[data-state="error"]', { timeout: 120_000 });
  const error = await page.evaluate(() => window.socketxDemo.lastError);
  assert.equal(error.name, 'UpgradeRejectedError');
  const status = await page.textContent('#status');
  assert.match(status, /UpgradeRejectedError: the route admits the origin http:\/\/localhost:\d+ only/);
  await screenshot(page, 'demo-page-origin-refused');
});
