/** The key schedule of section 5: ExpandLabel with the `sx2 ` prefix and the traffic secrets. */
import { ascii, concat, u16, u8 } from './bytes.js';
import { AesGcmKey, hkdfExpand, hkdfExtract } from './crypto.js';

const EMPTY = new Uint8Array(0);

export function expandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Promise<Uint8Array> {
  const fullLabel = ascii('sx2 ' + label);
  const info = concat(u16(length), u8(fullLabel.length), fullLabel, u8(context.length), context);
  return hkdfExpand(secret, info, length);
}

export function handshakeSecret(ikm: Uint8Array): Promise<Uint8Array> {
  return hkdfExtract(ascii('socketx v2'), ikm);
}

export async function trafficKey(secret: Uint8Array): Promise<AesGcmKey> {
  return AesGcmKey.create(await expandLabel(secret, 'key', EMPTY, 32), await expandLabel(secret, 'iv', EMPTY, 12));
}

export function finishedKey(secret: Uint8Array): Promise<Uint8Array> {
  return expandLabel(secret, 'finished', EMPTY, 32);
}

export function nextSecret(secret: Uint8Array): Promise<Uint8Array> {
  return expandLabel(secret, 'upd', EMPTY, 32);
}
