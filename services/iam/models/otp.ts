/** Virtual MFA: the seed IAM hands out and the TOTP codes (RFC 6238, 30 s, 6 digits) a device shows. */
import { randomBytes } from 'node:crypto';
import { base32Encode, totpForStep } from '../../../src/core/totp';

/** A new seed: 40 base32 characters, as IAM's virtual devices have. */
export const newSeed = () => base32Encode(randomBytes(25));

/** The code of a 30-second step. */
export const totp = totpForStep;

/** Two consecutive codes, the second the step after the first, within the last five minutes. */
export function consecutiveCodes(seed: string, now: number, code1: string, code2: string): boolean {
  const current = Math.floor(now / 30_000);
  for (let step = current - 10; step <= current; step++) {
    if (totp(seed, step) === code1 && totp(seed, step + 1) === code2) return true;
  }
  return false;
}
