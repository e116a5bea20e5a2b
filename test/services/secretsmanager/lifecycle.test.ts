import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { useMockAws } from '../lifecycle';

const DAY = 86_400_000;
const T0 = new Date('2026-01-01T00:00:00Z');

describe('Secrets Manager deletion, listing, passwords, tags and policies', () => {
  useMockAws();
  const sm = new SecretsManagerClient({ region: 'us-east-1' });

  it('deletes with a recovery window on the clock; the secret is unusable until restored, gone after', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await sm.send(new CreateSecretCommand({ Name: 'db', SecretString: 'pw' }));
    const del = await sm.send(new DeleteSecretCommand({ SecretId: 'db', RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate?.getTime()).toBe(T0.getTime() + 7 * DAY);
    const marked = {
      name: 'InvalidRequestException',
      message: "You can't perform this operation on the secret because it was marked for deletion.",
    };
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'db' }))).rejects.toMatchObject(marked);
    await expect(sm.send(new PutSecretValueCommand({ SecretId: 'db', SecretString: 'x' }))).rejects.toMatchObject(marked);
    await expect(sm.send(new CreateSecretCommand({ Name: 'db', SecretString: 'x' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'db' }));
    expect(d.DeletedDate?.getTime()).toBe(T0.getTime());
    expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect((await sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList).toHaveLength(1);
    await sm.send(new RestoreSecretCommand({ SecretId: 'db' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'db' }))).SecretString).toBe('pw');
    await sm.send(new DeleteSecretCommand({ SecretId: 'db', RecoveryWindowInDays: 7 }));
    jest.setSystemTime(T0.getTime() + 8 * DAY);
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'db' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await sm.send(new CreateSecretCommand({ Name: 'db', SecretString: 'new' }));
  });

  it('ForceDeleteWithoutRecovery removes at once; the options exclude each other; the window is 7-30 days', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'tmp', SecretString: 'x' }));
    await expect(
      sm.send(new DeleteSecretCommand({ SecretId: 'tmp', ForceDeleteWithoutRecovery: true, RecoveryWindowInDays: 7 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    });
    await expect(sm.send(new DeleteSecretCommand({ SecretId: 'tmp', RecoveryWindowInDays: 3 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    });
    await sm.send(new DeleteSecretCommand({ SecretId: 'tmp', ForceDeleteWithoutRecovery: true }));
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'tmp' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('ListSecrets filters (prefix, negation, tags, all), sorts and paginates', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    for (const [i, name] of ['app/a', 'app/b', 'other/c', 'app/d'].entries()) {
      jest.setSystemTime(T0.getTime() + i * 1000);
      await sm.send(
        new CreateSecretCommand({ Name: name, SecretString: 'x', Description: `secret ${name}`, Tags: [{ Key: 'team', Value: i % 2 ? 'red' : 'blue' }] }),
      );
    }
    const names = async (input: import('@aws-sdk/client-secrets-manager').ListSecretsCommandInput) =>
      (await sm.send(new ListSecretsCommand(input))).SecretList?.map((s) => s.Name);
    expect(await names({ Filters: [{ Key: 'name', Values: ['app/'] }], SortOrder: 'asc' })).toEqual(['app/a', 'app/b', 'app/d']);
    expect(await names({ Filters: [{ Key: 'name', Values: ['!app/'] }] })).toEqual(['other/c']);
    expect(await names({ Filters: [{ Key: 'tag-value', Values: ['red'] }], SortBy: 'name', SortOrder: 'asc' })).toEqual(['app/b', 'app/d']);
    expect(await names({ Filters: [{ Key: 'all', Values: ['secret other'] }] })).toEqual(['other/c']);
    expect(await names({ SortBy: 'name', SortOrder: 'desc' })).toEqual(['other/c', 'app/d', 'app/b', 'app/a']);
    expect(await names({})).toEqual(['app/d', 'other/c', 'app/b', 'app/a']);
    const first = await sm.send(new ListSecretsCommand({ MaxResults: 3, SortBy: 'name', SortOrder: 'asc' }));
    expect(first.SecretList?.map((s) => s.Name)).toEqual(['app/a', 'app/b', 'app/d']);
    const second = await sm.send(new ListSecretsCommand({ MaxResults: 3, SortBy: 'name', SortOrder: 'asc', NextToken: first.NextToken }));
    expect(second.SecretList?.map((s) => s.Name)).toEqual(['other/c']);
    expect(second.NextToken).toBeUndefined();
    await expect(sm.send(new ListSecretsCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('BatchGetSecretValue by ids (with errors) and by filters', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'a', SecretString: '1' }));
    await sm.send(new CreateSecretCommand({ Name: 'b', SecretString: '2' }));
    const byId = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['a', 'b', 'missing'] }));
    expect(byId.SecretValues?.map((v) => [v.Name, v.SecretString])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(byId.Errors).toEqual([
      { SecretId: 'missing', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
    ]);
    const byFilter = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['b'] }] }));
    expect(byFilter.SecretValues?.map((v) => v.SecretString)).toEqual(['2']);
    await expect(
      sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['a'], Filters: [{ Key: 'name', Values: ['a'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('GetRandomPassword honours every option', async () => {
    const pw = async (input: import('@aws-sdk/client-secrets-manager').GetRandomPasswordCommandInput) =>
      (await sm.send(new GetRandomPasswordCommand(input))).RandomPassword as string;
    const standard = await pw({});
    expect(standard).toHaveLength(32);
    expect(standard).toMatch(/[a-z]/);
    expect(standard).toMatch(/[A-Z]/);
    expect(standard).toMatch(/[0-9]/);
    expect(standard).toMatch(/[^A-Za-z0-9]/);
    expect(await pw({ PasswordLength: 12, ExcludePunctuation: true, ExcludeNumbers: true, ExcludeUppercase: true })).toMatch(/^[a-z]{12}$/);
    expect(await pw({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true })).toMatch(/^[0-9]{32}$/);
    expect(await pw({ ExcludeCharacters: 'abcdefghijklmnopqrstuvwxyz0123456789', ExcludePunctuation: true })).toMatch(/^[A-Z]{32}$/);
    const spaced = await pw({ IncludeSpace: true, PasswordLength: 200, ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true });
    expect(spaced).toBe(' '.repeat(200));
    const many = await pw({ PasswordLength: 4, RequireEachIncludedType: true });
    expect(many).toMatch(/[a-z]/);
    expect(many).toMatch(/[A-Z]/);
    expect(many).toMatch(/[0-9]/);
    await expect(
      sm.send(new GetRandomPasswordCommand({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('tags', async () => {
    await sm.send(new CreateSecretCommand({ Name: 't', SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }));
    await sm.send(new TagResourceCommand({ SecretId: 't', Tags: [{ Key: 'b', Value: '2' }] }));
    await sm.send(new UntagResourceCommand({ SecretId: 't', TagKeys: ['a'] }));
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 't' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('resource policies are validated; public ones are blocked on request', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'p', SecretString: 'x' }));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
    });
    await sm.send(new PutResourcePolicyCommand({ SecretId: 'p', ResourcePolicy: policy }));
    expect((await sm.send(new GetResourcePolicyCommand({ SecretId: 'p' }))).ResourcePolicy).toBe(policy);
    await expect(sm.send(new PutResourcePolicyCommand({ SecretId: 'p', ResourcePolicy: '{nope' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    const open = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }] });
    await expect(
      sm.send(new PutResourcePolicyCommand({ SecretId: 'p', ResourcePolicy: open, BlockPublicPolicy: true })),
    ).rejects.toMatchObject({ name: 'PublicPolicyException' });
    const check = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: open }));
    expect(check.PolicyValidationPassed).toBe(false);
    expect(check.ValidationErrors?.[0].CheckName).toBe('PUBLIC_ACCESS_CHECK');
    expect((await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: policy }))).PolicyValidationPassed).toBe(true);
    await sm.send(new DeleteResourcePolicyCommand({ SecretId: 'p' }));
    expect((await sm.send(new GetResourcePolicyCommand({ SecretId: 'p' }))).ResourcePolicy).toBeUndefined();
  });
});
