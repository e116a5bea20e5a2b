/**
 * Replica secrets are encrypted with their own region's KMS key (Secrets Manager user guide, "Replicate
 * secrets across Regions": each replica is encrypted with the KMS key given for its Region, or the
 * Region's aws/secretsmanager key). So a replica whose key is disabled cannot be read there
 * (DecryptionFailure) while the primary still reads, and new values reach the replica sealed under its key.
 */
import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
} from '@aws-sdk/client-secrets-manager';
import { useMockAws } from '../lifecycle';

describe('Secrets Manager replicas under their region\'s KMS key', () => {
  const m = useMockAws();
  const east = new SecretsManagerClient({ region: 'us-east-1' });
  const west = new SecretsManagerClient({ region: 'us-west-2' });
  const westKms = new KMSClient({ region: 'us-west-2' });

  it('seals each version again under the replica key, so that key governs reads in the replica region', async () => {
    const key = (await westKms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const created = await east.send(
      new CreateSecretCommand({ Name: 'db', SecretString: 'v1', AddReplicaRegions: [{ Region: 'us-west-2', KmsKeyId: key.Arn }] }),
    );
    expect(created.ReplicationStatus?.[0]).toMatchObject({ Region: 'us-west-2', Status: 'InSync' });
    const replicaArn = created.ARN!.replace('us-east-1', 'us-west-2');
    // The replica's copy is a KMS ciphertext of the west key, bound to the replica's ARN and the version.
    const replica = (await m.backends.secretsmanager(undefined, 'us-west-2')).find('db')!;
    const version = [...replica.versions.values()][0];
    const copy = version.regional?.get('us-west-2');
    const opened = await westKms.send(
      new DecryptCommand({ CiphertextBlob: copy!.ciphertext, EncryptionContext: { SecretARN: replicaArn, SecretVersionId: version.id } }),
    );
    expect(opened.KeyId).toBe(key.Arn);
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('v1');

    await westKms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await expect(west.send(new GetSecretValueCommand({ SecretId: 'db' }))).rejects.toMatchObject({ name: 'DecryptionFailure' });
    expect((await east.send(new GetSecretValueCommand({ SecretId: 'db' }))).SecretString).toBe('v1');
    await westKms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await east.send(new PutSecretValueCommand({ SecretId: 'db', SecretString: 'v2' }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: 'db' }))).SecretString).toBe('v2');
  });

  it('marks the replica Failed when its key cannot encrypt a new value, and keeps the primary writable', async () => {
    const key = (await westKms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await east.send(new CreateSecretCommand({ Name: 'api', SecretString: 'a', AddReplicaRegions: [{ Region: 'us-west-2', KmsKeyId: key.KeyId }] }));
    await westKms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await east.send(new PutSecretValueCommand({ SecretId: 'api', SecretString: 'b' }));
    expect((await east.send(new GetSecretValueCommand({ SecretId: 'api' }))).SecretString).toBe('b');
    const described = await east.send(new DescribeSecretCommand({ SecretId: 'api' }));
    expect(described.ReplicationStatus?.[0]).toMatchObject({ Region: 'us-west-2', Status: 'Failed' });
  });

  it('a promoted replica keeps reading its values under its own key', async () => {
    await east.send(new CreateSecretCommand({ Name: 'solo', SecretString: 's1', AddReplicaRegions: [{ Region: 'us-west-2' }] }));
    await east.send(new PutSecretValueCommand({ SecretId: 'solo', SecretString: 's2' }));
    await west.send(new StopReplicationToReplicaCommand({ SecretId: 'solo' }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: 'solo' }))).SecretString).toBe('s2');
    expect((await west.send(new GetSecretValueCommand({ SecretId: 'solo', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('s1');
    // The west copy is under the west region's AWS managed key.
    const promoted = (await m.backends.secretsmanager(undefined, 'us-west-2')).find('solo')!;
    const current = promoted.versions.get(promoted.labels.get('AWSCURRENT')!)!;
    expect(current.kmsKeyArn).toMatch(/^arn:aws:kms:us-west-2:123456789012:key\//);
  });
});
