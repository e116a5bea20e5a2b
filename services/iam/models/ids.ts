/** IAM's unique ids: a four-letter prefix naming the kind, then 17 upper-case alphanumerics. */
import { randomUpperId } from '../../../src/core/ids';

export const PREFIX = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  policy: 'ANPA',
  instanceProfile: 'AIPA',
  accessKey: 'AKIA',
  serverCertificate: 'ASCA',
  sshKey: 'APKA',
  serviceCredential: 'ACCA',
} as const;

export function newId(kind: keyof typeof PREFIX): string {
  return PREFIX[kind] + randomUpperId(kind === 'accessKey' ? 16 : 17);
}
