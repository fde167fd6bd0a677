import { ML_KEM, type MlKem } from './crypto.js';

/** A key-exchange suite of section 4. */
export interface Suite {
  readonly id: number;
  readonly name: SuiteName;
  readonly mlkem: MlKem | undefined;
  /** ML-KEM encapsulation key bytes (0 for x25519). */
  readonly ekLength: number;
  /** ML-KEM ciphertext bytes (0 for x25519). */
  readonly ctLength: number;
}

/** The suite names of section 4. */
export type SuiteName = 'x25519' | 'x25519-mlkem512' | 'x25519-mlkem768' | 'x25519-mlkem1024';

export const SUITES: readonly Suite[] = [
  { id: 0, name: 'x25519', mlkem: undefined, ekLength: 0, ctLength: 0 },
  { id: 1, name: 'x25519-mlkem512', mlkem: ML_KEM[512], ekLength: 800, ctLength: 768 },
  { id: 2, name: 'x25519-mlkem768', mlkem: ML_KEM[768], ekLength: 1184, ctLength: 1088 },
  { id: 3, name: 'x25519-mlkem1024', mlkem: ML_KEM[1024], ekLength: 1568, ctLength: 1568 },
];

export function suiteByName(name: string): Suite | undefined {
  return SUITES.find((s) => s.name === name);
}

export function suiteById(id: number): Suite | undefined {
  return SUITES[id];
}
