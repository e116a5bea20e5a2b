import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { useMockAws } from '../lifecycle';

describe('Secrets Manager values, versions and staging labels', () => {
  useMockAws();
  const sm = new SecretsManagerClient({ region: 'us-east-1' });

  it('creates a secret and reads it back by name, full ARN and partial ARN', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'prod/db', SecretString: '{"password":"p1"}' }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/db-[A-Za-z0-9]{6}$/);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    for (const SecretId of ['prod/db', created.ARN, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db']) {
      const got = await sm.send(new GetSecretValueCommand({ SecretId }));
      expect(got).toMatchObject({
        ARN: created.ARN,
        Name: 'prod/db',
        SecretString: '{"password":"p1"}',
        VersionId: created.VersionId,
        VersionStages: ['AWSCURRENT'],
      });
    }
  });

  it('stores binary secrets', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: Buffer.from([0, 1, 2, 255]) }));
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect(Buffer.from(got.SecretBinary as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(got.SecretString).toBeUndefined();
  });

  it('answers a missing secret and a clashing name as AWS does', async () => {
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
    await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'a' }));
    await expect(sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'b' }))).rejects.toMatchObject({
      name: 'ResourceExistsException',
      message: 'The operation failed because the secret dup already exists.',
    });
    await expect(
      sm.send(new CreateSecretCommand({ Name: 'both', SecretString: 'a', SecretBinary: Buffer.from('b') })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "You can't specify both a binary secret value and a string secret value in the same secret.",
    });
    await expect(sm.send(new CreateSecretCommand({ Name: 'bad name!#', SecretString: 'a' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('a secret created without a value has no current version', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'empty' }));
    expect(created.VersionId).toBeUndefined();
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'empty' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    });
  });

  it('PutSecretValue moves AWSCURRENT to the new version and AWSPREVIOUS to the old one', async () => {
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    const v2 = (await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two' }))).VersionId as string;
    const v3 = (await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'three' }))).VersionId as string;
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.VersionIdsToStages).toEqual({ [v3]: ['AWSCURRENT'], [v2]: ['AWSPREVIOUS'] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('two');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 's', VersionId: v1 }))).SecretString).toBe('one');
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 's' }));
    expect(listed.Versions?.map((v) => v.VersionId).sort()).toEqual([v2, v3].sort());
    const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 's', IncludeDeprecated: true }));
    expect(all.Versions).toHaveLength(3);
  });

  it('PutSecretValue with custom stages leaves AWSCURRENT where it is', async () => {
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'draft', VersionStages: ['DRAFT'] }));
    expect(put.VersionStages).toEqual(['DRAFT']);
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.VersionIdsToStages).toEqual({ [v1]: ['AWSCURRENT'], [put.VersionId as string]: ['DRAFT'] });
  });

  it('ClientRequestToken: same token and value is the same version; another value is ResourceExistsException', async () => {
    await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }));
    const token = '11111111-1111-1111-1111-111111111111';
    const a = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two', ClientRequestToken: token }));
    const b = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two', ClientRequestToken: token }));
    expect(a.VersionId).toBe(token);
    expect(b.VersionId).toBe(token);
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(Object.keys(d.VersionIdsToStages ?? {})).toHaveLength(2);
    await expect(
      sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'other', ClientRequestToken: token })),
    ).rejects.toMatchObject({ name: 'ResourceExistsException' });
  });

  it('UpdateSecret with a value makes a new current version; without one it changes only metadata', async () => {
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    const up = await sm.send(new UpdateSecretCommand({ SecretId: 's', Description: 'db creds' }));
    expect(up.VersionId).toBeUndefined();
    const up2 = await sm.send(new UpdateSecretCommand({ SecretId: 's', SecretString: 'two' }));
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.Description).toBe('db creds');
    expect(d.VersionIdsToStages).toEqual({ [up2.VersionId as string]: ['AWSCURRENT'], [v1]: ['AWSPREVIOUS'] });
  });

  it('UpdateSecretVersionStage moves labels as AWS does', async () => {
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    const v2 = (await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two', VersionStages: ['STAGED'] })))
      .VersionId as string;
    await expect(
      sm.send(new UpdateSecretVersionStageCommand({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v2 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `The staging label AWSCURRENT is currently attached to version ${v1}, so you must explicitly reference that version in RemoveFromVersionId.`,
    });
    await sm.send(
      new UpdateSecretVersionStageCommand({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 }),
    );
    let d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.VersionIdsToStages?.[v2]?.sort()).toEqual(['AWSCURRENT', 'STAGED']);
    expect(d.VersionIdsToStages?.[v1]).toEqual(['AWSPREVIOUS']);
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 's', VersionStage: 'STAGED', RemoveFromVersionId: v2 }));
    d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.VersionIdsToStages).toEqual({ [v2]: ['AWSCURRENT'], [v1]: ['AWSPREVIOUS'] });
    await expect(
      sm.send(new UpdateSecretVersionStageCommand({ SecretId: 's', VersionStage: 'X', MoveToVersionId: 'no-such-version-id-at-all-000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('GetSecretValue with a VersionId and a stage that do not match is ResourceNotFoundException', async () => {
    const v1 = (await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two' }));
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: 's', VersionId: v1, VersionStage: 'AWSCURRENT' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('records the last access date, rounded to the day', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-04T15:16:17Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }));
    await sm.send(new GetSecretValueCommand({ SecretId: 's' }));
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(d.LastAccessedDate?.toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });
});
