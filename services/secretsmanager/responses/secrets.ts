/** Creating, reading and writing secret values, versions and staging labels. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import {
  invalidParameter,
  invalidRequest,
  smError,
  versionNotFound,
} from '../exceptions';
import { digestOf, type SecretValue } from '../models/backend';
import { checkFilters, matches, sortSecrets } from '../models/listing';
import { Secret, type SecretVersion } from '../models/secret';
import type * as T from '../types';
import {
  type Ctx,
  checkName,
  checkOneValue,
  checkWritable,
  toDate,
  readToken,
  replicationStatus,
  tagsOf,
  secretValueOf,
  writeToken,
} from './common';
import { replicateTo } from './replication';
import { rotateIfDue } from './rotation';

function sameValue(version: SecretVersion, value: SecretValue): boolean {
  const kind = value.binary !== undefined ? 'binary' : 'string';
  return version.digest === digestOf(kind, value.binary ?? Buffer.from(value.string ?? '', 'utf8'));
}

/**
 * Adds a version (or answers the idempotent retry of one). A token already
 * used with another value is ResourceExistsException; the AWSPENDING stub a
 * rotation created takes its value here.
 */
async function putVersion(ctx: Ctx, secret: Secret, token: string | undefined, value: SecretValue, stages: string[]) {
  const versionId = token ?? randomUUID();
  const existing = secret.versions.get(versionId);
  if (existing?.ciphertext) {
    if (!sameValue(existing, value)) {
      throw smError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
    }
    return existing;
  }
  const version = await ctx.backend.sealValue(secret, versionId, value);
  if (existing) version.createdAt = existing.createdAt;
  secret.addVersion(version, stages);
  return version;
}

export async function createSecret(input: T.CreateSecretRequest, ctx: Ctx) {
  checkName(input.Name);
  checkOneValue(input);
  const value = secretValueOf(input);
  const existing = ctx.backend.find(input.Name);
  if (existing) {
    if (existing.isDeleted) {
      throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
    }
    const retry = input.ClientRequestToken ? existing.versions.get(input.ClientRequestToken) : undefined;
    if (retry && value && sameValue(retry, value)) {
      return { ARN: existing.arn, Name: existing.name, VersionId: retry.id, ReplicationStatus: replicationStatus(existing) };
    }
    throw smError('ResourceExistsException', `The operation failed because the secret ${input.Name} already exists.`);
  }
  for (const t of input.Tags ?? []) {
    if (t.Key?.startsWith('aws:')) throw invalidParameter('Invalid tag key: keys prefixed with aws: are reserved.');
  }
  await ctx.backend.checkKmsKey(input.KmsKeyId);
  const regions = (input.AddReplicaRegions ?? []).map((r) => r.Region as string);
  if (regions.includes(ctx.region)) throw invalidParameter('Invalid replica region: a secret cannot be replicated to its own region.');
  const secret = new Secret(input.Name, ctx.backend.newArn(input.Name));
  secret.description = input.Description;
  secret.kmsKeyId = input.KmsKeyId;
  secret.type = input.Type;
  for (const t of input.Tags ?? []) secret.tags.set(t.Key as string, t.Value ?? '');
  let versionId: string | undefined;
  if (value) versionId = (await putVersion(ctx, secret, input.ClientRequestToken, value, ['AWSCURRENT'])).id;
  ctx.backend.secrets.set(secret.name, secret);
  if (input.AddReplicaRegions?.length) {
    await replicateTo(ctx, secret, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret ?? false);
  }
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId, ReplicationStatus: replicationStatus(secret) };
}

/** The request seen from the account and region owning the secret (cross-account reads by full ARN). */
async function ownerCtx(ctx: Ctx, secretId: string): Promise<Ctx> {
  const backend = await ctx.backend.owning(secretId);
  return backend === ctx.backend ? ctx : { ...ctx, backend, account: backend.account, region: backend.region };
}

export async function describeSecret(input: T.DescribeSecretRequest, caller: Ctx) {
  const ctx = await ownerCtx(caller, input.SecretId);
  const s = ctx.backend.get(input.SecretId);
  if (!s.isDeleted) await rotateIfDue(ctx, s);
  return { ...summaryOf(s, ctx.region), VersionIdsToStages: s.versionIdsToStages(), ReplicationStatus: replicationStatus(s) };
}

/** What DescribeSecret and ListSecrets both say of a secret. */
function summaryOf(s: Secret, region: string) {
  return {
    ARN: s.arn,
    Name: s.name,
    Type: s.type,
    Description: s.description,
    KmsKeyId: s.kmsKeyId,
    RotationEnabled: s.rotationEnabled,
    RotationLambdaARN: s.rotationLambdaArn,
    RotationRules: s.rotationRules,
    LastRotatedDate: toDate(s.lastRotatedAt),
    LastChangedDate: toDate(s.lastChangedAt),
    LastAccessedDate: toDate(s.lastAccessedAt),
    DeletedDate: toDate(s.deletedAt),
    NextRotationDate: s.rotationEnabled ? toDate(s.nextRotationAt) : undefined,
    Tags: tagsOf(s),
    CreatedDate: toDate(s.createdAt),
    PrimaryRegion: s.primaryRegion ?? region,
  };
}

/** The version GetSecretValue names: by id, by label (AWSCURRENT by default), or both when they agree. */
function selectVersion(secret: Secret, versionId: string | undefined, stage: string | undefined): SecretVersion {
  let version: SecretVersion | undefined;
  if (versionId !== undefined) {
    version = secret.versions.get(versionId);
    if (!version?.ciphertext) throw versionNotFound('VersionId', versionId);
    if (stage !== undefined && secret.labels.get(stage) !== versionId) {
      throw smError('ResourceNotFoundException', `You provided a VersionStage that is not associated to the provided VersionId.`);
    }
    return version;
  }
  const label = stage ?? 'AWSCURRENT';
  version = secret.versionByLabel(label);
  if (!version?.ciphertext) throw versionNotFound('staging label', label);
  return version;
}

export async function getSecretValue(input: T.GetSecretValueRequest, caller: Ctx) {
  const ctx = await ownerCtx(caller, input.SecretId);
  const secret = ctx.backend.live(input.SecretId);
  await rotateIfDue(ctx, secret);
  const version = selectVersion(secret, input.VersionId, input.VersionStage);
  const value = await ctx.backend.openValue(secret, version);
  ctx.backend.touch(secret, version);
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.id,
    SecretString: value.string,
    SecretBinary: value.binary,
    VersionStages: secret.labelsOf(version.id),
    CreatedDate: new Date(version.createdAt),
  };
}

export async function putSecretValue(input: T.PutSecretValueRequest, ctx: Ctx) {
  checkOneValue(input);
  const value = secretValueOf(input);
  if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const stages = input.VersionStages ?? ['AWSCURRENT'];
  if (stages.length === 0) throw invalidParameter('VersionStages must contain at least one staging label.');
  const version = await putVersion(ctx, secret, input.ClientRequestToken, value, stages);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: secret.labelsOf(version.id) };
}

export async function updateSecret(input: T.UpdateSecretRequest, ctx: Ctx) {
  checkOneValue(input);
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const value = secretValueOf(input);
  if (input.KmsKeyId !== undefined) await ctx.backend.checkKmsKey(input.KmsKeyId);
  const previousKey = secret.kmsKeyId;
  if (input.KmsKeyId !== undefined) secret.kmsKeyId = input.KmsKeyId;
  let versionId: string | undefined;
  try {
    if (value) versionId = (await putVersion(ctx, secret, input.ClientRequestToken, value, ['AWSCURRENT'])).id;
  } catch (err) {
    secret.kmsKeyId = previousKey;
    throw err;
  }
  if (input.Description !== undefined) secret.description = input.Description;
  if (input.Type !== undefined) secret.type = input.Type;
  secret.lastChangedAt = clock.now();
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
}

export function updateSecretVersionStage(input: T.UpdateSecretVersionStageRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const stage = input.VersionStage;
  const holder = secret.labels.get(stage);
  for (const id of [input.MoveToVersionId, input.RemoveFromVersionId]) {
    if (id !== undefined && !secret.versions.has(id)) throw versionNotFound('VersionId', id);
  }
  if (input.RemoveFromVersionId !== undefined && holder !== input.RemoveFromVersionId) {
    throw invalidParameter(
      `The staging label ${stage} is currently not attached to version ${input.RemoveFromVersionId}, so you can't remove it.`,
    );
  }
  if (input.MoveToVersionId !== undefined) {
    if (holder !== undefined && holder !== input.MoveToVersionId && input.RemoveFromVersionId !== holder) {
      throw invalidParameter(
        `The staging label ${stage} is currently attached to version ${holder}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    secret.moveLabel(stage, input.MoveToVersionId);
  } else if (input.RemoveFromVersionId !== undefined) {
    if (stage === 'AWSCURRENT') {
      throw invalidParameter("You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
    }
    secret.removeLabel(stage);
  }
  secret.lastChangedAt = clock.now();
  return { ARN: secret.arn, Name: secret.name };
}

export function listSecretVersionIds(input: T.ListSecretVersionIdsRequest, ctx: Ctx) {
  const secret = ctx.backend.get(input.SecretId);
  const all = [...secret.versions.values()].filter(
    (v) => v.ciphertext && (input.IncludeDeprecated || secret.labelsOf(v.id).length > 0),
  );
  const start = readToken(input.NextToken);
  const end = start + (input.MaxResults ?? 100);
  return {
    ARN: secret.arn,
    Name: secret.name,
    Versions: all.slice(start, end).map((v) => ({
      VersionId: v.id,
      VersionStages: secret.labelsOf(v.id),
      CreatedDate: new Date(v.createdAt),
      LastAccessedDate: toDate(v.lastAccessedAt),
      KmsKeyIds: v.kmsKeyArn ? [secret.kmsKeyId ?? 'DefaultEncryptionKey'] : undefined,
    })),
    NextToken: end < all.length ? writeToken(end) : undefined,
  };
}

export function listSecrets(input: T.ListSecretsRequest, ctx: Ctx) {
  checkFilters(input.Filters);
  ctx.backend.sweep();
  const selected = [...ctx.backend.secrets.values()].filter(
    (s) => (input.IncludePlannedDeletion || !s.isDeleted) && matches(s, input.Filters, ctx.region),
  );
  const sorted = sortSecrets(selected, input.SortBy, input.SortOrder);
  const start = readToken(input.NextToken);
  const end = start + (input.MaxResults ?? 100);
  return {
    SecretList: sorted.slice(start, end).map((s) => ({ ...summaryOf(s, ctx.region), SecretVersionsToStages: s.versionIdsToStages() })),
    NextToken: end < sorted.length ? writeToken(end) : undefined,
  };
}

export async function batchGetSecretValue(input: T.BatchGetSecretValueRequest, ctx: Ctx) {
  if ((input.SecretIdList === undefined) === (input.Filters === undefined)) {
    throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }
  if (input.SecretIdList && input.MaxResults !== undefined) {
    throw invalidParameter("'MaxResults' is only valid together with 'Filters'.");
  }
  checkFilters(input.Filters);
  const SecretValues: Record<string, unknown>[] = [];
  const Errors: { SecretId: string; ErrorCode: string; Message: string }[] = [];
  let NextToken: string | undefined;
  let targets: { id: string; secret?: Secret }[];
  if (input.SecretIdList) {
    if (input.SecretIdList.length > 20) throw invalidParameter('SecretIdList can contain at most 20 secrets.');
    targets = input.SecretIdList.map((id) => ({ id, secret: ctx.backend.find(id) }));
  } else {
    ctx.backend.sweep();
    const all = sortSecrets(
      [...ctx.backend.secrets.values()].filter((s) => !s.isDeleted && matches(s, input.Filters, ctx.region)),
      'created-date',
      'asc',
    );
    const start = readToken(input.NextToken);
    const end = start + (input.MaxResults ?? 20);
    NextToken = end < all.length ? writeToken(end) : undefined;
    targets = all.slice(start, end).map((s) => ({ id: s.name, secret: s }));
  }
  for (const { id, secret } of targets) {
    try {
      const out = await getSecretValue({ SecretId: secret?.arn ?? id }, ctx);
      SecretValues.push(out);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (!e.code) throw err;
      Errors.push({ SecretId: id, ErrorCode: e.code, Message: e.message ?? '' });
    }
  }
  return { SecretValues, Errors: Errors.length ? Errors : undefined, NextToken };
}
