// The browser tier's two real processes: `./demo.sh` (the whole local system plus the echo chat
// page, from the jars the build made) and Debian's Chromium driven by playwright-core (never a
// downloaded browser), each started fresh and stopped by the process id it was given.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPOSITORY } from '../support/real-proxy.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const DEMO_CEILING_MS = 300_000; // embedded API, operator and proxy JVM on a busy two-core machine

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `./demo.sh --port P` (SKIP_BUILD=1: the build already made the jars and the bundle) and
 * resolves once it printed its instructions, with the page URL it printed.
 */
export async function startDemo() {
  const port = await freePort();
  const child = spawn('./demo.sh', ['--port', String(port)], {
    cwd: REPOSITORY,
    env: { ...process.env, SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`./demo.sh did not finish starting within ${DEMO_CEILING_MS} ms:\n${output}`)), DEMO_CEILING_MS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Ctrl-C stops everything.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`./demo.sh exited with ${code}:\n${output}`));
    });
  });
  const page = /Echo chat page[^\n]*?(http:\/\/localhost:\d+\/)/.exec(output);
  if (!page) throw new Error(`./demo.sh printed no page URL:\n${output}`);
  return {
    port,
    pageUrl: page[1],
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); // demo.sh execs java: its shutdown hook stops the rest
      return exited;
    },
  };
}

/** Headless Debian Chromium with a fresh profile; `close()` ends it. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'socketx-chromium-'));
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}
