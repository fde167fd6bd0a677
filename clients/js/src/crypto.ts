/**
 * The primitives SocketX v2 needs, from WebCrypto where the platform has them and from the @noble
 * libraries otherwise (ML-KEM always, X25519/Ed25519 when WebCrypto lacks them). Nothing here
 * implements a primitive; HKDF is composed from WebCrypto HMAC as RFC 5869 defines it, because
 * WebCrypto's HKDF only offers Extract-and-Expand in one call and the key schedule needs them apart.
 */
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { concat, u8 } from './bytes.js';

const subtle = globalThis.crypto.subtle;
type Bytes = Uint8Array<ArrayBuffer>;

function buf(bytes: Uint8Array): Bytes {
  return (bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes)) as Bytes;
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', buf(data)));
}

function hmacKey(key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  return subtle.importKey('raw', buf(key), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.sign('HMAC', await hmacKey(key, 'sign'), buf(data)));
}

/** Checks an HMAC-SHA256 tag; WebCrypto's verify compares in constant time. */
export async function hmacSha256Verify(key: Uint8Array, data: Uint8Array, tag: Uint8Array): Promise<boolean> {
  return subtle.verify('HMAC', await hmacKey(key, 'verify'), buf(tag), buf(data));
}

/** RFC 5869 HKDF-Extract: HMAC-Hash(salt, IKM). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Promise<Uint8Array> {
  return hmacSha256(salt, ikm);
}

/** RFC 5869 HKDF-Expand: T(i) = HMAC-Hash(PRK, T(i-1) || info || i), output the first L bytes. */
export async function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const key = await hmacKey(prk, 'sign');
  let previous: Uint8Array = new Uint8Array(0);
  const blocks: Uint8Array[] = [];
  for (let i = 1; blocks.length * 32 < length; i++) {
    previous = new Uint8Array(await subtle.sign('HMAC', key, buf(concat(previous, info, u8(i)))));
    blocks.push(previous);
  }
  return concat(...blocks).slice(0, length);
}

/** An AES-256-GCM key with its 12-byte IV, as one traffic key of the record layer. */
export class AesGcmKey {
  private constructor(
    private readonly key: CryptoKey,
    readonly iv: Uint8Array,
  ) {}

  static async create(key: Uint8Array, iv: Uint8Array): Promise<AesGcmKey> {
    const cryptoKey = await subtle.importKey('raw', buf(key), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    return new AesGcmKey(cryptoKey, iv);
  }

  async seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    const params = { name: 'AES-GCM', iv: buf(nonce), additionalData: buf(aad), tagLength: 128 };
    return new Uint8Array(await subtle.encrypt(params, this.key, buf(plaintext)));
  }

  /** Returns the plaintext, or undefined when the tag does not verify. */
  async open(nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    const params = { name: 'AES-GCM', iv: buf(nonce), additionalData: buf(aad), tagLength: 128 };
    try {
      return new Uint8Array(await subtle.decrypt(params, this.key, buf(sealed)));
    } catch {
      return undefined;
    }
  }
}

const X25519_PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);
const X25519_BASE_POINT = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 9 : 0));

let webCryptoCurves: Promise<boolean> | undefined;

/** Whether this platform's WebCrypto does X25519 and Ed25519 (else the @noble/curves fallback is used). */
export function hasWebCryptoCurves(): Promise<boolean> {
  webCryptoCurves ??= (async () => {
    try {
      await subtle.importKey('raw', buf(X25519_BASE_POINT), { name: 'X25519' }, false, []);
      await subtle.importKey('raw', buf(ed25519.getPublicKey(new Uint8Array(32))), { name: 'Ed25519' }, false, ['verify']);
      return true;
    } catch {
      return false;
    }
  })();
  return webCryptoCurves;
}

/** Forces the @noble/curves fallback (tests use it to cover browsers without WebCrypto curves). */
export function useCurveFallback(fallback: boolean): void {
  webCryptoCurves = fallback ? Promise.resolve(false) : undefined;
}

/**
 * X25519(privateKey, publicKey) per RFC 7748, or undefined when the result is all zero (a low-order
 * point) or the platform rejects the point.
 */
export async function x25519Agree(privateKey: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array | undefined> {
  let shared: Uint8Array;
  try {
    if (await hasWebCryptoCurves()) {
      const priv = await subtle.importKey('pkcs8', buf(concat(X25519_PKCS8_PREFIX, privateKey)), { name: 'X25519' }, false, ['deriveBits']);
      const pub = await subtle.importKey('raw', buf(publicKey), { name: 'X25519' }, false, []);
      shared = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: pub } as EcdhKeyDeriveParams, priv, 256));
    } else {
      shared = x25519.getSharedSecret(privateKey, publicKey);
    }
  } catch {
    return undefined;
  }
  return shared.every((b) => b === 0) ? undefined : shared;
}

export async function x25519PublicKey(privateKey: Uint8Array): Promise<Uint8Array> {
  if (await hasWebCryptoCurves()) {
    const shared = await x25519Agree(privateKey, X25519_BASE_POINT);
    if (shared) return shared;
  }
  return x25519.getPublicKey(privateKey);
}

/** Ed25519 (RFC 8032, pure) signature check of a raw 32-byte public key. */
export async function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  try {
    if (await hasWebCryptoCurves()) {
      const key = await subtle.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify']);
      return await subtle.verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
    }
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The ML-KEM parameter set of a suite (FIPS 203). */
export type MlKem = typeof ml_kem768;

export const ML_KEM = { 512: ml_kem512, 768: ml_kem768, 1024: ml_kem1024 } as const;

/** Fresh random bytes from the platform's CSPRNG. */
export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
