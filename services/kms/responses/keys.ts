/** Key lifecycle: create, describe, list, enable/disable, deletion, description, last usage, multi-Region. */
import { clock } from '../../../src/core/clock';
import { kmsError, notFound, unsupported, validationException, invalidState } from '../exceptions';
import type { KmsBackend } from '../models/backend';
import { KEY_SPECS } from '../models/key-specs';
import { validateKeyPolicy } from '../models/policy';
import type * as T from '../types';
import { type Ctx, checkTags, lockoutCheck, page, tagList } from './common';

const DAY = 86_400_000;

/** Key specs whose material node:crypto cannot make (post-quantum, SM2): refused, never faked. */
function checkSpecSupported(keySpec: string): void {
  if (!KEY_SPECS[keySpec]) {
    throw unsupported(`mockaws does not implement KMS keys of spec ${keySpec}.`);
  }
}

export async function createKey(input: T.CreateKeyRequest, ctx: Ctx) {
  if (input.KeySpec && input.CustomerMasterKeySpec) {
    throw validationException('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec instead.');
  }
  const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  checkSpecSupported(keySpec);
  const spec = KEY_SPECS[keySpec];
  const keyUsage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (!spec.usages[keyUsage]) {
    throw validationException(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  }
  const origin = input.Origin ?? 'AWS_KMS';
  if (origin === 'EXTERNAL' && spec.kind !== 'symmetric' && spec.kind !== 'hmac' && spec.kind !== 'rsa' && spec.kind !== 'ec') {
    throw unsupported(`KeySpec ${keySpec} does not support importing key material.`);
  }
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE' || input.CustomKeyStoreId) {
    if (!input.CustomKeyStoreId) {
      throw validationException(`A CustomKeyStoreId is required for a KMS key with origin ${origin}.`);
    }
    const store = ctx.backend.customKeyStores.byId.get(input.CustomKeyStoreId);
    if (!store) throw kmsError('CustomKeyStoreNotFoundException', `Custom key store ${input.CustomKeyStoreId} does not exist.`);
    if (store.connectionState !== 'CONNECTED') {
      throw kmsError('CustomKeyStoreInvalidStateException', `Custom key store ${store.id} is not connected.`);
    }
  }
  if (input.MultiRegion && input.CustomKeyStoreId) {
    throw unsupported('Multi-Region keys are not supported in a custom key store.');
  }
  if (input.Policy !== undefined) validateKeyPolicy(input.Policy, lockoutCheck(ctx, input.BypassPolicyLockoutSafetyCheck));
  checkTags(input.Tags as { TagKey: string; TagValue: string }[] | undefined);
  const key = ctx.backend.createKey({
    keySpec,
    keyUsage,
    origin,
    description: input.Description,
    policy: input.Policy,
    tags: input.Tags as { TagKey: string; TagValue: string }[] | undefined,
    multiRegion: input.MultiRegion,
    customKeyStoreId: input.CustomKeyStoreId,
  });
  return { KeyMetadata: key.metadata() };
}

export async function describeKey(input: T.DescribeKeyRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { crossAccount: true });
  ctx.backend.refresh(key);
  return { KeyMetadata: key.metadata() };
}

export function listKeys(input: T.ListKeysRequest, ctx: Ctx) {
  ctx.backend.sweep();
  const { items, ...rest } = page([...ctx.backend.keys.values()], input.Limit, input.Marker, 100);
  return { Keys: items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...rest };
}

function checkCustomerManaged(key: { keyManager: string; arn: string }, operation: string): void {
  if (key.keyManager === 'AWS') {
    throw kmsError('NotAuthorizedException', `You cannot perform ${operation} on an AWS managed key: ${key.arn}`);
  }
}

export async function enableKey(input: T.EnableKeyRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkCustomerManaged(key, 'EnableKey');
  ctx.backend.checkNotPendingDeletion(key);
  if (key.state === 'PendingImport') throw invalidState(`${key.arn} is pending import.`);
  key.state = 'Enabled';
}

export async function disableKey(input: T.DisableKeyRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkCustomerManaged(key, 'DisableKey');
  ctx.backend.checkNotPendingDeletion(key);
  if (key.state === 'PendingImport') throw invalidState(`${key.arn} is pending import.`);
  key.state = 'Disabled';
}

export async function scheduleKeyDeletion(input: T.ScheduleKeyDeletionRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkCustomerManaged(key, 'ScheduleKeyDeletion');
  const days = input.PendingWindowInDays ?? 30;
  if (days < 7 || days > 30) {
    throw validationException(
      `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${days < 7 ? 'greater than or equal to 7' : 'less than or equal to 30'}`,
    );
  }
  ctx.backend.checkNotPendingDeletion(key);
  const group = key.multiRegion?.group;
  key.pendingWindowInDays = days;
  if (key.multiRegion?.type === 'PRIMARY' && group && group.replicas.length > 0) {
    // A primary with replicas waits for them to go before its own window starts.
    key.state = 'PendingReplicaDeletion';
    ctx.backend.watch(key);
    return { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: days };
  }
  key.state = 'PendingDeletion';
  key.deletionDate = clock.now() + days * DAY;
  ctx.backend.watch(key);
  return { KeyId: key.arn, DeletionDate: new Date(key.deletionDate), KeyState: key.state, PendingWindowInDays: days };
}

export async function cancelKeyDeletion(input: T.CancelKeyDeletionRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') {
    throw invalidState(`${key.arn} is not pending deletion.`);
  }
  // A cancelled key comes back disabled (KMS developer guide, "Scheduling and canceling key deletion").
  key.state = key.origin === 'EXTERNAL' && !key.current?.secret ? 'PendingImport' : 'Disabled';
  key.deletionDate = undefined;
  key.pendingWindowInDays = undefined;
  return { KeyId: key.arn };
}

export async function updateKeyDescription(input: T.UpdateKeyDescriptionRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkCustomerManaged(key, 'UpdateKeyDescription');
  ctx.backend.checkNotPendingDeletion(key);
  key.description = input.Description;
}

export async function getKeyLastUsage(input: T.GetKeyLastUsageRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { crossAccount: true });
  const used = key.lastUsage;
  return {
    KeyId: key.arn,
    KeyCreationDate: new Date(key.createdAt),
    TrackingStartDate: new Date(key.createdAt),
    KeyLastUsage: used
      ? { Operation: used.operation, Timestamp: new Date(used.timestamp), KmsRequestId: used.requestId }
      : undefined,
  };
}

export async function replicateKey(input: T.ReplicateKeyRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  if (!key.multiRegion) throw unsupported(`${key.arn} is not a multi-Region key.`);
  if (key.multiRegion.type !== 'PRIMARY') throw unsupported(`${key.arn} is not a multi-Region primary key.`);
  ctx.backend.checkNotPendingDeletion(key);
  const group = key.multiRegion.group;
  if (input.ReplicaRegion === ctx.region || group.replicas.some((r) => r.region === input.ReplicaRegion)) {
    throw kmsError('AlreadyExistsException', `Key '${key.arn.replace(ctx.region, input.ReplicaRegion)}' already exists`);
  }
  if (input.Policy !== undefined) validateKeyPolicy(input.Policy, lockoutCheck(ctx, input.BypassPolicyLockoutSafetyCheck));
  checkTags(input.Tags as { TagKey: string; TagValue: string }[] | undefined);
  const target = await ctx.backends.get<KmsBackend>('kms', ctx.account, input.ReplicaRegion);
  const replica = target.createKey({
    id: key.id,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    description: input.Description ?? key.description,
    policy: input.Policy,
    tags: input.Tags as { TagKey: string; TagValue: string }[] | undefined,
    // The same key material in every Region: ciphertext from one opens in the others.
    materials: key.materials,
  });
  replica.state = key.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled';
  replica.rotationEnabled = key.rotationEnabled;
  replica.rotationPeriodInDays = key.rotationPeriodInDays;
  replica.nextRotationDate = key.nextRotationDate;
  group.replicas.push({ arn: replica.arn, region: input.ReplicaRegion });
  replica.multiRegion = { type: 'REPLICA', group };
  return { ReplicaKeyMetadata: replica.metadata(), ReplicaPolicy: replica.policy, ReplicaTags: tagList(replica.tags) };
}

export async function updatePrimaryRegion(input: T.UpdatePrimaryRegionRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  if (!key.multiRegion) throw unsupported(`${key.arn} is not a multi-Region key.`);
  if (key.multiRegion.type !== 'PRIMARY') throw unsupported(`${key.arn} is not a multi-Region primary key.`);
  const group = key.multiRegion.group;
  const next = group.replicas.find((r) => r.region === input.PrimaryRegion);
  if (!next) throw notFound(`Key '${key.arn.replace(ctx.region, input.PrimaryRegion)}' does not exist`);
  const target = await ctx.backends.get<KmsBackend>('kms', ctx.account, input.PrimaryRegion);
  const newPrimary = target.keys.get(key.id);
  if (!newPrimary?.multiRegion) throw notFound(`Key '${next.arn}' does not exist`);
  group.replicas = [...group.replicas.filter((r) => r !== next), { ...group.primary }];
  group.primary = next;
  key.multiRegion.type = 'REPLICA';
  newPrimary.multiRegion.type = 'PRIMARY';
}
