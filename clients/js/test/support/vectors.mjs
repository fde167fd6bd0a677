// Loads the published v2 vectors (protocol/src/test/resources/vectors/v2) and turns their entropy
// into the RandomSource both sides take.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../dist/bytes.js';

export const VECTOR_DIR = fileURLToPath(new URL('../../../../protocol/src/test/resources/vectors/v2/', import.meta.url));

export function loadVectors() {
  return readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(VECTOR_DIR + f, 'utf8')));
}

/** A RandomSource that answers each purpose with the vector's bytes and fails on any other purpose. */
export function entropyOf(vector) {
  return (purpose, length) => {
    const hex = vector.entropy[purpose];
    if (hex === undefined) throw new Error(`the vector has no entropy for ${purpose}`);
    const bytes = fromHex(hex);
    if (bytes.length !== length) throw new Error(`${purpose}: vector has ${bytes.length} bytes, ${length} asked`);
    return bytes;
  };
}
