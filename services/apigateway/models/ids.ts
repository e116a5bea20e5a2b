/** API Gateway's ids (both versions): lower-case letters and digits, 10 for APIs and resources, 6–7 for the rest. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function gatewayId(length: number): string {
  let id = '';
  for (const b of randomBytes(length)) id += ALPHABET[b % ALPHABET.length];
  return id;
}
