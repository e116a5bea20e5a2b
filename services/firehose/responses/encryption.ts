/** Server-side encryption of a DirectPut stream's data at rest: Start/StopDeliveryStreamEncryption. */
import { inUse, invalidArgument, invalidKmsResource } from '../exceptions';
import type { DeliveryStreamEncryptionConfigurationInput, StartDeliveryStreamEncryptionInput, StopDeliveryStreamEncryptionInput } from '../types';
import type { Ctx } from './common';

/** KeyType and KeyARN checked as AWS does: a customer managed key needs its ARN, an AWS owned one takes none. */
export function encryptionFromInput(input: DeliveryStreamEncryptionConfigurationInput): { KeyType: string; KeyARN?: string } {
  if (input.KeyType === 'CUSTOMER_MANAGED_CMK' && !input.KeyARN) throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
  if (input.KeyType === 'AWS_OWNED_CMK' && input.KeyARN) throw invalidArgument('KeyARN is not allowed when KeyType is AWS_OWNED_CMK.');
  return input.KeyARN ? { KeyType: input.KeyType, KeyARN: input.KeyARN } : { KeyType: input.KeyType };
}

/** The KMS backend's key check for other services, duck-typed. */
interface KmsKeys {
  describe(keyIdOrArnOrAlias: string): Promise<{ arn: string; enabled: boolean } | undefined>;
}

/** A customer managed key must exist in KMS and be enabled (InvalidKMSResourceException otherwise). */
export async function checkKey(key: { KeyType?: string; KeyARN?: string }, ctx: Ctx): Promise<void> {
  if (key.KeyType !== 'CUSTOMER_MANAGED_CMK' || !key.KeyARN) return;
  const kms = await ctx.backends.get<Partial<KmsKeys>>('kms', ctx.account, ctx.region);
  if (typeof kms.describe !== 'function') return;
  const found = await kms.describe(key.KeyARN);
  if (!found) throw invalidKmsResource('KMS.NotFoundException', `Key '${key.KeyARN}' does not exist.`);
  if (!found.enabled) throw invalidKmsResource('KMS.DisabledException', `${key.KeyARN} is disabled.`);
}

function encryptable(input: { DeliveryStreamName: string }, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  if (s.type !== 'DirectPut') throw invalidArgument(`Firehose ${s.name} has ${s.type} as its source; server-side encryption applies only to DirectPut streams.`);
  if (s.status !== 'ACTIVE') throw inUse(`Firehose ${s.name} under account ${ctx.backend.account} is not in ACTIVE state.`);
  return s;
}

export async function startDeliveryStreamEncryption(input: StartDeliveryStreamEncryptionInput, ctx: Ctx) {
  const s = encryptable(input, ctx);
  const key = encryptionFromInput(input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: 'AWS_OWNED_CMK' });
  await checkKey(key, ctx);
  s.encryption = { ...key, Status: 'ENABLING' };
  ctx.backend.transition(s, 'ACTIVE', () => {
    s.encryption = { ...s.encryption, Status: 'ENABLED' };
  });
  return {};
}

export function stopDeliveryStreamEncryption(input: StopDeliveryStreamEncryptionInput, ctx: Ctx) {
  const s = encryptable(input, ctx);
  if (s.encryption.Status === 'DISABLED') return {};
  s.encryption = { ...s.encryption, Status: 'DISABLING' };
  ctx.backend.transition(s, 'ACTIVE', () => {
    s.encryption = { Status: 'DISABLED' };
  });
  return {};
}
