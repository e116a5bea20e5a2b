/** Cognito software tokens: RFC 6238 TOTP (src/core/totp.ts) with Cognito's secret size and drift window. */
import { randomBytes } from 'node:crypto';
import { base32Encode, totpForStep } from '../../../src/core/totp';

export { base32Encode } from '../../../src/core/totp';

/** A new secret: 32 bytes, which base32-encode to the 52-character SecretCode Cognito hands out. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(32));
}

export function totpAt(secret: string, epochMs: number, step = 30): string {
  return totpForStep(secret, Math.floor(epochMs / 1000 / step));
}

/** Accepts the code of the current step or the one either side (clock drift, as authenticators allow). */
export function totpMatches(secret: string, code: string, epochMs: number): boolean {
  return [-30_000, 0, 30_000].some((d) => totpAt(secret, epochMs + d) === code);
}
