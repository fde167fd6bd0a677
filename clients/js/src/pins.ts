/** Fingerprints and pins of section 6.4. */
import { fromBase64Url, fromHex, toBase64Url } from './bytes.js';
import { sha256 } from './crypto.js';
import { ConfigurationError } from './errors.js';

/** A parsed `sha256:` fingerprint. */
export interface Pin {
  /** The canonical form, `sha256:` + base64url without padding. */
  readonly text: string;
  readonly digest: Uint8Array;
}

/** Parses `sha256:` + 43 base64url characters or + 64 hexadecimal digits. */
export function parsePin(text: string): Pin {
  const match = /^sha256:(?:([A-Za-z0-9_-]{43})|([0-9a-fA-F]{64}))$/.exec(text.trim());
  if (!match) {
    throw new ConfigurationError(
      `not a fingerprint: expected "sha256:" followed by 43 base64url characters or 64 hex digits (got ${text.length} characters)`,
    );
  }
  const digest = match[1] ? fromBase64Url(match[1]) : fromHex(match[2]);
  return { text: 'sha256:' + toBase64Url(digest), digest };
}

/** The fingerprint of a DER SubjectPublicKeyInfo. */
export async function fingerprint(spki: Uint8Array): Promise<string> {
  return 'sha256:' + toBase64Url(await sha256(spki));
}
