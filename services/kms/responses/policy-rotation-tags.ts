/** Key policies, rotation (automatic and on demand) and tags. */
import { clock } from '../../../src/core/clock';
import { kmsError, limitExceeded, notFound, unsupported } from '../exceptions';
import type { KmsKey } from '../models/key';
import { generateMaterial } from '../models/material';
import { validateKeyPolicy } from '../models/policy';
import type * as T from '../types';
import { type Ctx, checkTags, lockoutCheck, page, tagList } from './common';

const DAY = 86_400_000;
/** On-demand rotations allowed per key (KMS quotas). */
const ON_DEMAND_LIMIT = 10;

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw notFound('No such policy exists');
}

export async function getKeyPolicy(input: T.GetKeyPolicyRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkPolicyName(input.PolicyName);
  return { Policy: key.policy, PolicyName: 'default' };
}

export async function putKeyPolicy(input: T.PutKeyPolicyRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkPolicyName(input.PolicyName);
  if (key.keyManager === 'AWS') throw kmsError('NotAuthorizedException', '');
  ctx.backend.checkNotPendingDeletion(key);
  validateKeyPolicy(input.Policy, lockoutCheck(ctx, input.BypassPolicyLockoutSafetyCheck));
  key.policy = input.Policy;
}

export async function listKeyPolicies(input: T.ListKeyPoliciesRequest, ctx: Ctx) {
  await ctx.backend.ownKey(input.KeyId);
  return { PolicyNames: ['default'], Truncated: false };
}

/** Rotation applies to symmetric encryption keys whose material KMS generated. */
function checkRotatable(key: KmsKey, operation: string): void {
  if (!key.isSymmetric || key.origin !== 'AWS_KMS') {
    throw unsupported(`${key.arn} origin is ${key.origin} and key spec is ${key.keySpec}, which is not supported for ${operation}.`);
  }
}

export async function enableKeyRotation(input: T.EnableKeyRotationRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  if (key.keyManager === 'AWS') throw kmsError('NotAuthorizedException', '');
  checkRotatable(key, 'EnableKeyRotation');
  ctx.backend.checkUsable(key, 'encrypt', 'EnableKeyRotation');
  if (key.multiRegion?.type === 'REPLICA') throw unsupported(`${key.arn} is a multi-Region replica key.`);
  const period = input.RotationPeriodInDays ?? 365;
  key.rotationEnabled = true;
  key.rotationPeriodInDays = period;
  key.nextRotationDate = clock.now() + period * DAY;
}

export async function disableKeyRotation(input: T.DisableKeyRotationRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  if (key.keyManager === 'AWS') throw kmsError('NotAuthorizedException', '');
  checkRotatable(key, 'DisableKeyRotation');
  ctx.backend.checkUsable(key, 'encrypt', 'DisableKeyRotation');
  key.rotationEnabled = false;
  key.nextRotationDate = undefined;
}

export async function getKeyRotationStatus(input: T.GetKeyRotationStatusRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { aliases: false, crossAccount: true });
  ctx.backend.refresh(key);
  return {
    KeyRotationEnabled: key.rotationEnabled,
    KeyId: key.arn,
    RotationPeriodInDays: key.rotationEnabled ? key.rotationPeriodInDays : undefined,
    NextRotationDate: key.rotationEnabled && key.nextRotationDate ? new Date(key.nextRotationDate) : undefined,
    OnDemandRotationStartDate: key.onDemandRotationStartDate ? new Date(key.onDemandRotationStartDate) : undefined,
  };
}

export async function rotateKeyOnDemand(input: T.RotateKeyOnDemandRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkRotatable(key, 'RotateKeyOnDemand');
  ctx.backend.checkUsable(key, 'encrypt', 'RotateKeyOnDemand');
  if (key.multiRegion?.type === 'REPLICA') throw unsupported(`${key.arn} is a multi-Region replica key.`);
  if (key.materials.filter((m) => m.rotationType === 'ON_DEMAND').length >= ON_DEMAND_LIMIT) {
    throw limitExceeded(`The on-demand rotations limit has been reached for ${key.arn}.`);
  }
  const material = generateMaterial(key.keySpec);
  material.rotationType = 'ON_DEMAND';
  key.materials.push(material);
  key.onDemandRotationStartDate = material.createdAt;
  return { KeyId: key.arn };
}

export async function listKeyRotations(input: T.ListKeyRotationsRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkRotatable(key, 'ListKeyRotations');
  ctx.backend.refresh(key);
  const current = key.current;
  const materials =
    input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL' ? key.materials : key.materials.filter((m) => m.rotationType);
  const { items, ...rest } = page(materials, input.Limit, input.Marker, 100);
  return {
    Rotations: items.map((m) => ({
      KeyId: key.arn,
      KeyMaterialId: m.id,
      KeyMaterialState: m === current ? 'CURRENT' : 'NON_CURRENT',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      RotationDate: m.rotationType ? new Date(m.createdAt) : undefined,
      RotationType: m.rotationType,
    })),
    ...rest,
  };
}

export async function tagResource(input: T.TagResourceRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  ctx.backend.checkNotPendingDeletion(key);
  checkTags(input.Tags as { TagKey: string; TagValue: string }[], key.tags);
  for (const t of input.Tags) key.tags.set(t.TagKey, t.TagValue);
}

export async function untagResource(input: T.UntagResourceRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  ctx.backend.checkNotPendingDeletion(key);
  for (const k of input.TagKeys) key.tags.delete(k);
}

export async function listResourceTags(input: T.ListResourceTagsRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  const { items, ...rest } = page(tagList(key.tags), input.Limit, input.Marker, 50);
  return { Tags: items, ...rest };
}
