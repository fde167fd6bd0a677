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

test('error classes keep their names in the minified browser build (esbuild renames classes)', async () => {
  const bundled = await import('../dist/socketx.min.js');
  const cases = [
    [new bundled.UpgradeRejectedError(403), 'UpgradeRejectedError'],
    [new bundled.PinMismatchError('sha256:a', ['sha256:b']), 'PinMismatchError'],
    [new bundled.TruncatedError(), 'TruncatedError'],
    [new bundled.ProtocolError('RECORD_GAP'), 'ProtocolError'],
    [new bundled.ConfigurationError('bad pin'), 'ConfigurationError'],
  ];
  for (const [error, name] of cases) {
    assert.equal(error.name, name);
    assert.ok(error instanceof bundled.SocketXError);
    assert.match(String(error), new RegExp(`^${name}: `));
  }
});
