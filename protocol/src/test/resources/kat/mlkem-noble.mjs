// Writes mlkem-noble.json: ML-KEM answers computed by @noble/post-quantum, an implementation
// independent of BouncyCastle, from inputs derived from SHA-256 of fixed labels.
// Reproduce: npm install @noble/post-quantum@0.7.1 && node mlkem-noble.mjs > mlkem-noble.json
import { createHash } from 'node:crypto';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';

const hex = (b) => Buffer.from(b).toString('hex');
const bytes = (label, n) => {
  const out = Buffer.alloc(n);
  for (let i = 0, f = 0; f < n; i++) {
    const h = createHash('sha256').update(`${label}/${i}`).digest();
    f += h.copy(out, f);
  }
  return new Uint8Array(out);
};
const sets = { 'ML-KEM-512': ml_kem512, 'ML-KEM-768': ml_kem768, 'ML-KEM-1024': ml_kem1024 };
const cases = [];
for (const [name, kem] of Object.entries(sets)) {
  for (let i = 0; i < 4; i++) {
    const seed = bytes(`socketx kat ${name} seed ${i}`, 64);
    const m = bytes(`socketx kat ${name} m ${i}`, 32);
    const { publicKey, secretKey } = kem.keygen(seed);
    const { cipherText, sharedSecret } = kem.encapsulate(publicKey, m);
    const forged = bytes(`socketx kat ${name} forged ${i}`, cipherText.length);
    cases.push({
      parameterSet: name,
      seed: hex(seed),
      m: hex(m),
      ek: hex(publicKey),
      ct: hex(cipherText),
      ss: hex(sharedSecret),
      forgedCt: hex(forged),
      forgedSs: hex(kem.decapsulate(forged, secretKey)),
    });
  }
}
console.log(JSON.stringify({
  source: '@noble/post-quantum 0.7.1 (npm), FIPS 203 ML-KEM; inputs from SHA-256 of fixed labels',
  cases,
}, null, 1));
