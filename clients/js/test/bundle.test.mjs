// The browser build: bundles for platform browser with no Node built-in, within the size goal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserBundle } from '../scripts/bundle-size.mjs';

test('the browser bundle has no Node-only import and is at most 60 KiB minified + gzip', async () => {
  const { code, gzip, metafile } = await browserBundle();
  const text = new TextDecoder().decode(code);
  assert.doesNotMatch(text, /\bfrom\s*["']node:|require\(["']/);
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.every((path) => !path.startsWith('node:')), inputs.join(', '));
  assert.ok(gzip <= 60 * 1024, `gzip size ${gzip} bytes`);
});
