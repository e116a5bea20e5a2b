/**
 * Replication to other regions. A replica shares its primary's versions and
 * labels, so it reads what the primary holds; writes go to the primary only.
 */
import { invalidParameter, invalidRequest } from '../exceptions';
import { replicaArn, type SecretsManagerBackend } from '../models/backend';
import { Secret } from '../models/secret';
import type * as T from '../types';
import { type Ctx, checkWritable, replicationStatus } from './common';


export async function replicateTo(
  ctx: Ctx,
  secret: Secret,
  regions: { Region?: string; KmsKeyId?: string }[],
  force: boolean,
): Promise<void> {
  for (const r of regions) {
    const region = r.Region as string;
    if (!region || region === ctx.region) throw invalidParameter('Invalid replica region.');
  }
  for (const r of regions) {
    const region = r.Region as string;
    const target = await ctx.backends.get<SecretsManagerBackend>('secretsmanager', ctx.account, region);
    const clash = target.find(secret.name);
    if (clash && !force) {
      secret.replicas.set(region, {
        kmsKeyId: r.KmsKeyId,
        status: 'Failed',
        message: `Replication failed: Secret name ${secret.name} already exists in region ${region}.`,
      });
      continue;
    }
    try {
      await target.checkKmsKey(r.KmsKeyId);
    } catch {
      secret.replicas.set(region, { kmsKeyId: r.KmsKeyId, status: 'Failed', message: 'Replication failed: KMS key is not usable.' });
      continue;
    }
    // Every existing version is sealed again under the replica region's key.
    secret.replicas.set(region, { kmsKeyId: r.KmsKeyId, status: 'InSync', message: 'Replication succeeded' });
    let sealed = true;
    for (const version of secret.versions.values()) {
      if (!version.ciphertext) continue;
      const bytes = await ctx.backend.openBytes(secret, version);
      if (!(await ctx.backend.sealForReplica(secret, version, bytes, region))) sealed = false;
    }
    if (!sealed) continue;
    if (clash) target.secrets.delete(clash.name);
    const replica = new Secret(secret.name, replicaArn(secret.arn, region));
    replica.versions = secret.versions;
    replica.labels = secret.labels;
    replica.description = secret.description;
    replica.kmsKeyId = r.KmsKeyId;
    replica.primaryRegion = ctx.region;
    for (const [k, v] of secret.tags) replica.tags.set(k, v);
    target.secrets.set(replica.name, replica);
  }
}

export async function replicateSecretToRegions(input: T.ReplicateSecretToRegionsRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  await replicateTo(ctx, secret, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret ?? false);
  return { ARN: secret.arn, ReplicationStatus: replicationStatus(secret) };
}

export async function removeRegionsFromReplication(input: T.RemoveRegionsFromReplicationRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  for (const region of input.RemoveReplicaRegions) {
    if (!secret.replicas.has(region)) throw invalidParameter(`Region ${region} is not a replica region of this secret.`);
  }
  for (const region of input.RemoveReplicaRegions) {
    const target = await ctx.backends.get<SecretsManagerBackend>('secretsmanager', ctx.account, region);
    const replica = target.find(secret.name);
    // Deleting a replica is immediate (API reference, DeleteSecret).
    if (replica?.primaryRegion === ctx.region) target.secrets.delete(replica.name);
    secret.replicas.delete(region);
  }
  return { ARN: secret.arn, ReplicationStatus: replicationStatus(secret) ?? [] };
}

/** Promotes a replica to a standalone secret in its own region. */
export async function stopReplicationToReplica(input: T.StopReplicationToReplicaRequest, ctx: Ctx) {
  const replica = ctx.backend.live(input.SecretId);
  if (!replica.primaryRegion) throw invalidRequest('This secret is not a replica secret.');
  const primaryBackend = await ctx.backends.get<SecretsManagerBackend>('secretsmanager', ctx.account, replica.primaryRegion);
  primaryBackend.find(replica.name)?.replicas.delete(ctx.region);
  // The standalone secret keeps the copies sealed in its region, under its own key and ARN.
  replica.versions = new Map(
    [...replica.versions].map(([id, v]) => {
      const own = v.regional?.get(ctx.region);
      const copy = own ? { ...v, ciphertext: own.ciphertext, kmsKeyArn: own.kmsKeyArn, contextArn: replica.arn } : { ...v };
      copy.regional = undefined;
      return [id, copy];
    }),
  );
  replica.labels = new Map(replica.labels);
  replica.primaryRegion = undefined;
  return { ARN: replica.arn };
}
