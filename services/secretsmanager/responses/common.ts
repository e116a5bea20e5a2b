/** Helpers the Secrets Manager handlers share. */
import type { RequestContext } from '../../../src/core/service';
import { invalidParameter, replicaReadOnly, smError } from '../exceptions';
import type { SecretsManagerBackend } from '../models/backend';
import type { Secret } from '../models/secret';

export type Ctx = RequestContext<SecretsManagerBackend>;

const NAME = /^[A-Za-z0-9/_+=.@!-]+$/;

export function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
}

export function checkOneValue(input: { SecretString?: string; SecretBinary?: Uint8Array }): void {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
}

export function secretValueOf(input: { SecretString?: string; SecretBinary?: Uint8Array }) {
  if (input.SecretBinary !== undefined) return { binary: Buffer.from(input.SecretBinary) };
  if (input.SecretString !== undefined) return { string: input.SecretString };
  return undefined;
}

/** Writes go to the primary: a replica answers them with InvalidRequestException. */
export function checkWritable(secret: Secret): void {
  if (secret.primaryRegion) throw replicaReadOnly();
}

/** Offset tokens, opaque to the caller. */
export function readToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw smError('InvalidNextTokenException', 'The NextToken value is invalid.');
  return Number(m[1]);
}

export function writeToken(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

export function tagsOf(secret: Secret) {
  return secret.tags.size ? [...secret.tags].map(([Key, Value]) => ({ Key, Value })) : undefined;
}

export function replicationStatus(secret: Secret) {
  if (secret.replicas.size === 0) return undefined;
  return [...secret.replicas].map(([Region, r]) => ({
    Region,
    KmsKeyId: r.kmsKeyId ?? 'alias/aws/secretsmanager',
    Status: r.status,
    StatusMessage: r.message,
  }));
}

export function toDate(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}
