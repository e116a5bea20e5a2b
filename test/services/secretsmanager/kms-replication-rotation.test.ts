import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { useMockAws } from '../lifecycle';

describe('Secrets Manager with KMS, replication and rotation', () => {
  const m = useMockAws();
  const sm = new SecretsManagerClient({ region: 'us-east-1' });
  const west = new SecretsManagerClient({ region: 'us-west-2' });
  const kms = new KMSClient({ region: 'us-east-1' });

  it('encrypts values with the AWS managed key alias/aws/secretsmanager by default', async () => {
    await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'x' }));
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }));
    expect(KeyMetadata).toMatchObject({ KeyManager: 'AWS', Description: 'Default key that protects my Secrets Manager data when no other key is defined' });
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 's' }))).KmsKeyId).toBeUndefined();
  });

  it('a customer key must exist and be enabled; disabling it makes GetSecretValue fail with DecryptionFailure', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const keyId = KeyMetadata?.KeyId as string;
    await expect(
      sm.send(new CreateSecretCommand({ Name: 'x', SecretString: 'v', KmsKeyId: '99999999-9999-9999-9999-999999999999' })),
    ).rejects.toMatchObject({ name: 'EncryptionFailure' });
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'x' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'guarded', KmsKeyId: keyId }));
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 's' }))).KmsKeyId).toBe(keyId);
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 's' }))).rejects.toMatchObject({
      name: 'DecryptionFailure',
      message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
    });
    await expect(sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'n' }))).rejects.toMatchObject({
      name: 'EncryptionFailure',
    });
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('guarded');
  });

  it('the stored value really is KMS ciphertext bound to the secret ARN and version', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'plain' }));
    const backend = await m.backends.secretsmanager();
    const blob = backend.secrets.get('s')?.versions.get(created.VersionId as string)?.ciphertext as Buffer;
    expect(blob.includes(Buffer.from('plain'))).toBe(false);
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { SecretARN: created.ARN as string, SecretVersionId: created.VersionId as string } }),
    );
    expect(Buffer.from(opened.Plaintext as Uint8Array).toString()).toBe('plain');
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('replicates to another region where the replica is readable and read-only', async () => {
    const created = await sm.send(
      new CreateSecretCommand({ Name: 'shared', SecretString: 'v1', AddReplicaRegions: [{ Region: 'us-west-2' }] }),
    );
    expect(created.ReplicationStatus).toEqual([
      { Region: 'us-west-2', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync', StatusMessage: 'Replication succeeded' },
    ]);
    const replica = await west.send(new GetSecretValueCommand({ SecretId: 'shared' }));
    expect(replica.SecretString).toBe('v1');
    expect(replica.ARN).toBe((created.ARN as string).replace('us-east-1', 'us-west-2'));
    await sm.send(new PutSecretValueCommand({ SecretId: 'shared', SecretString: 'v2' }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: 'shared' }))).SecretString).toBe('v2');
    expect((await west.send(new DescribeSecretCommand({ SecretId: 'shared' }))).PrimaryRegion).toBe('us-east-1');
    await expect(west.send(new PutSecretValueCommand({ SecretId: 'shared', SecretString: 'no' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "Operation not permitted on a replica secret. Call must be made in primary secret's region.",
    });
    await sm.send(new RemoveRegionsFromReplicationCommand({ SecretId: 'shared', RemoveReplicaRegions: ['us-west-2'] }));
    await expect(west.send(new GetSecretValueCommand({ SecretId: 'shared' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('a replica can be promoted to a standalone secret', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'p', SecretString: 'v1' }));
    const rep = await sm.send(new ReplicateSecretToRegionsCommand({ SecretId: 'p', AddReplicaRegions: [{ Region: 'us-west-2' }] }));
    expect(rep.ReplicationStatus?.[0].Status).toBe('InSync');
    await west.send(new StopReplicationToReplicaCommand({ SecretId: 'p' }));
    await west.send(new PutSecretValueCommand({ SecretId: 'p', SecretString: 'west' }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: 'p' }))).SecretString).toBe('west');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'p' }))).SecretString).toBe('v1');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'p' }))).ReplicationStatus).toBeUndefined();
  });

  it('RotateSecret without a rotation function is InvalidRequestException', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'r', SecretString: 'x' }));
    await expect(sm.send(new RotateSecretCommand({ SecretId: 'r' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'No Lambda rotation function ARN is associated with this secret.',
    });
  });

  it('RotateSecret with a function Lambda cannot invoke fails as AWS does and changes nothing', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'r', SecretString: 'x' }));
    await expect(
      sm.send(
        new RotateSecretCommand({
          SecretId: 'r',
          RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:missing',
          RotationRules: { AutomaticallyAfterDays: 30 },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
    });
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'r' }));
    expect(d.RotationEnabled).toBe(false);
    expect(Object.values(d.VersionIdsToStages ?? {})).toEqual([['AWSCURRENT']]);
  });

  /** A rotation function behind the Lambda backend's invoke: writes `rotated-<n>` and promotes it. */
  async function installRotator(steps: string[]) {
    const lambda = (await m.backends.get('lambda')) as Record<string, unknown>;
    let n = 0;
    lambda.invoke = async (_fn: string, payload: Buffer) => {
      const event = JSON.parse(payload.toString()) as { Step: string; SecretId: string; ClientRequestToken: string };
      steps.push(event.Step);
      if (event.Step === 'createSecret') {
        n += 1;
        await sm.send(
          new PutSecretValueCommand({ SecretId: event.SecretId, ClientRequestToken: event.ClientRequestToken, SecretString: `rotated-${n}`, VersionStages: ['AWSPENDING'] }),
        );
      }
      if (event.Step === 'finishSecret') {
        const d = await sm.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
        const current = Object.entries(d.VersionIdsToStages ?? {}).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
        await sm.send(
          new UpdateSecretVersionStageCommand({ SecretId: event.SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: event.ClientRequestToken, RemoveFromVersionId: current }),
        );
      }
      return { StatusCode: 200 };
    };
  }

  it('RotateSecret runs the four steps through the Lambda backend, which the rotation function drives', async () => {
    const steps: string[] = [];
    await installRotator(steps);
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 'r', SecretString: 'old' }))).VersionId as string;
    const out = await sm.send(
      new RotateSecretCommand({
        SecretId: 'r',
        RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotator',
        RotationRules: { AutomaticallyAfterDays: 30 },
      }),
    );
    expect(steps).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'r' }))).SecretString).toBe('rotated-1');
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'r' }));
    expect(d).toMatchObject({
      RotationEnabled: true,
      RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotator',
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    expect(d.VersionIdsToStages).toEqual({ [out.VersionId as string]: ['AWSCURRENT'], [v1]: ['AWSPREVIOUS'] });
    expect(d.LastRotatedDate).toBeInstanceOf(Date);
    expect(d.NextRotationDate?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: 'r' }));
    expect(cancelled.ARN).toBe(d.ARN);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'r' }))).RotationEnabled).toBe(false);
    await expect(
      sm.send(new RotateSecretCommand({ SecretId: 'r', RotationRules: { AutomaticallyAfterDays: 1, ScheduleExpression: 'rate(1 day)' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await sm.send(new UpdateSecretCommand({ SecretId: 'r', Description: 'still writable' }));
  });

  it('a scheduled rotation runs once its date has passed on the clock', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const steps: string[] = [];
    await installRotator(steps);
    await sm.send(new CreateSecretCommand({ Name: 'sched', SecretString: 'v0' }));
    await sm.send(
      new RotateSecretCommand({
        SecretId: 'sched',
        RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotator',
        RotationRules: { AutomaticallyAfterDays: 7 },
        RotateImmediately: false,
      }),
    );
    expect(steps).toEqual(['testSecret']);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'sched' }))).SecretString).toBe('v0');
    jest.setSystemTime(new Date('2026-01-08T00:00:01Z'));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'sched' }))).SecretString).toBe('rotated-1');
    expect(steps).toEqual(['testSecret', 'createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'sched' }));
    expect(d.NextRotationDate?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(d.LastRotatedDate?.toISOString()).toBe('2026-01-08T00:00:01.000Z');
  });
});
