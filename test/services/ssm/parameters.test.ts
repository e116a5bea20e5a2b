import { CreateKeyCommand, DisableKeyCommand, KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { useMockAws } from '../lifecycle';

const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

describe('SSM Parameter Store', () => {
  useMockAws();
  const ssm = new SSMClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });

  it('puts and gets String and StringList parameters with versions and ARNs', async () => {
    const put = await ssm.send(new PutParameterCommand({ Name: '/app/db/host', Value: 'db.local', Type: 'String' }));
    expect(put).toMatchObject({ Version: 1, Tier: 'Standard' });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/db/host' }));
    expect(Parameter).toMatchObject({
      Name: '/app/db/host',
      Type: 'String',
      Value: 'db.local',
      Version: 1,
      DataType: 'text',
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db/host',
    });
    await ssm.send(new PutParameterCommand({ Name: 'flat', Value: 'a,b,c', Type: 'StringList' }));
    expect((await ssm.send(new GetParameterCommand({ Name: 'flat' }))).Parameter).toMatchObject({
      Type: 'StringList',
      Value: 'a,b,c',
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/flat',
    });
  });

  it('refuses to overwrite without Overwrite, then keeps versions', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'p', Value: '1', Type: 'String' }));
    await expect(ssm.send(new PutParameterCommand({ Name: 'p', Value: '2', Type: 'String' }))).rejects.toMatchObject({
      name: 'ParameterAlreadyExists',
      message: 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    });
    const v2 = await ssm.send(new PutParameterCommand({ Name: 'p', Value: '2', Overwrite: true }));
    expect(v2.Version).toBe(2);
    expect((await ssm.send(new GetParameterCommand({ Name: 'p:1' }))).Parameter).toMatchObject({ Value: '1', Version: 1, Selector: ':1' });
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: 'p' }));
    expect(history.Parameters?.map((h) => [h.Version, h.Value])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
    await expect(ssm.send(new GetParameterCommand({ Name: 'p:9' }))).rejects.toMatchObject({
      name: 'ParameterVersionNotFound',
      message: 'Systems Manager could not find version 9 of p. Verify the version and try again.',
    });
  });

  it('reads a parameter by its ARN, with a selector too', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/app/x', Value: '1', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/x', Value: '2', Type: 'String', Overwrite: true }));
    await ssm.send(new PutParameterCommand({ Name: 'flat', Value: 'f', Type: 'String' }));
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter';
    expect((await ssm.send(new GetParameterCommand({ Name: `${arn}/app/x` }))).Parameter?.Value).toBe('2');
    expect((await ssm.send(new GetParameterCommand({ Name: `${arn}/app/x:1` }))).Parameter?.Value).toBe('1');
    expect((await ssm.send(new GetParameterCommand({ Name: `${arn}/flat` }))).Parameter?.Name).toBe('flat');
  });

  it('answers a missing parameter with ParameterNotFound', async () => {
    await expect(ssm.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(ssm.send(new DeleteParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('checks names: reserved prefixes, characters, hierarchy depth', async () => {
    for (const Name of ['aws-thing', '/ssm/x', 'AWS', 'bad name', 'a/b', '/a//b']) {
      await expect(ssm.send(new PutParameterCommand({ Name, Value: 'x', Type: 'String' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: NAME_RULES,
      });
    }
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    await expect(ssm.send(new PutParameterCommand({ Name: deep, Value: 'x', Type: 'String' }))).rejects.toMatchObject({
      name: 'HierarchyLevelLimitExceededException',
    });
    await expect(ssm.send(new PutParameterCommand({ Name: 'untyped', Value: 'x' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'A parameter type is required when you create a parameter.',
    });
  });

  it('SecureString is KMS-encrypted with alias/aws/ssm; WithDecryption decrypts', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/app/secret', Value: 's3cr3t', Type: 'SecureString' }));
    const raw = await ssm.send(new GetParameterCommand({ Name: '/app/secret' }));
    expect(raw.Parameter?.Value).not.toBe('s3cr3t');
    expect(Buffer.from(raw.Parameter?.Value as string, 'base64').includes(Buffer.from('s3cr3t'))).toBe(false);
    const dec = await ssm.send(new GetParameterCommand({ Name: '/app/secret', WithDecryption: true }));
    expect(dec.Parameter?.Value).toBe('s3cr3t');
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
    expect(KeyMetadata?.KeyManager).toBe('AWS');
    const described = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/app/secret'] }] }));
    expect(described.Parameters?.[0]).toMatchObject({ Type: 'SecureString', KeyId: 'alias/aws/ssm' });
  });

  it('SecureString under a customer key; a disabled key fails decryption', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await ssm.send(new PutParameterCommand({ Name: 's', Value: 'v', Type: 'SecureString', KeyId: KeyMetadata?.KeyId }));
    expect((await ssm.send(new GetParameterCommand({ Name: 's', WithDecryption: true }))).Parameter?.Value).toBe('v');
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata?.KeyId }));
    await expect(ssm.send(new GetParameterCommand({ Name: 's', WithDecryption: true }))).rejects.toMatchObject({ name: 'InvalidKeyId' });
    await expect(
      ssm.send(new PutParameterCommand({ Name: 't', Value: 'v', Type: 'SecureString', KeyId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'InvalidKeyId' });
  });

  it('tiers: Standard is limited to 4096 characters, Advanced holds more and cannot go back', async () => {
    await expect(ssm.send(new PutParameterCommand({ Name: 'big', Value: 'x'.repeat(4097), Type: 'String' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Standard tier parameters support a maximum parameter value of 4096 characters.'),
    });
    const adv = await ssm.send(new PutParameterCommand({ Name: 'big', Value: 'x'.repeat(5000), Type: 'String', Tier: 'Advanced' }));
    expect(adv.Tier).toBe('Advanced');
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'big', Value: 'y', Overwrite: true, Tier: 'Standard' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("You can't downgrade") });
    const it = await ssm.send(new PutParameterCommand({ Name: 'smart', Value: 'x'.repeat(5000), Type: 'String', Tier: 'Intelligent-Tiering' }));
    expect(it.Tier).toBe('Advanced');
    const small = await ssm.send(new PutParameterCommand({ Name: 'smart2', Value: 'x', Type: 'String', Tier: 'Intelligent-Tiering' }));
    expect(small.Tier).toBe('Standard');
  });

  it('GetParametersByPath: one level or recursive, filters, pagination', async () => {
    for (const name of ['/svc/a', '/svc/b', '/svc/sub/c', '/svc/sub/deep/d', '/other/x']) {
      await ssm.send(new PutParameterCommand({ Name: name, Value: name, Type: name.endsWith('b') ? 'StringList' : 'String' }));
    }
    const names = (r: { Parameters?: { Name?: string }[] }) => r.Parameters?.map((p) => p.Name);
    expect(names(await ssm.send(new GetParametersByPathCommand({ Path: '/svc' })))).toEqual(['/svc/a', '/svc/b']);
    expect(names(await ssm.send(new GetParametersByPathCommand({ Path: '/svc/', Recursive: true })))).toEqual([
      '/svc/a',
      '/svc/b',
      '/svc/sub/c',
      '/svc/sub/deep/d',
    ]);
    expect(
      names(await ssm.send(new GetParametersByPathCommand({ Path: '/svc', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['StringList'] }] }))),
    ).toEqual(['/svc/b']);
    const first = await ssm.send(new GetParametersByPathCommand({ Path: '/svc', Recursive: true, MaxResults: 3 }));
    expect(names(first)).toEqual(['/svc/a', '/svc/b', '/svc/sub/c']);
    const second = await ssm.send(new GetParametersByPathCommand({ Path: '/svc', Recursive: true, MaxResults: 3, NextToken: first.NextToken }));
    expect(names(second)).toEqual(['/svc/sub/deep/d']);
    expect(second.NextToken).toBeUndefined();
    await expect(
      ssm.send(new GetParametersByPathCommand({ Path: '/svc', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(ssm.send(new GetParametersByPathCommand({ Path: 'svc' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('GetParameters reports unknown names; DeleteParameters reports invalid ones', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'a', Value: '1', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: 'b', Value: '2', Type: 'String' }));
    const got = await ssm.send(new GetParametersCommand({ Names: ['a', 'b:1', 'zz', 'a:7'] }));
    expect(got.Parameters?.map((p) => p.Name)).toEqual(['a', 'b']);
    expect(got.InvalidParameters).toEqual(['zz', 'a:7']);
    const del = await ssm.send(new DeleteParametersCommand({ Names: ['a', 'zz'] }));
    expect(del).toMatchObject({ DeletedParameters: ['a'], InvalidParameters: ['zz'] });
  });

  it('labels: name:label selectors, moving labels, invalid labels, the 10-label limit', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'cfg', Value: 'v1', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: 'cfg', Value: 'v2', Type: 'String', Overwrite: true }));
    const labelled = await ssm.send(new LabelParameterVersionCommand({ Name: 'cfg', ParameterVersion: 1, Labels: ['prod', '1bad', 'awsx'] }));
    expect(labelled).toMatchObject({ ParameterVersion: 1, InvalidLabels: ['1bad', 'awsx'] });
    expect((await ssm.send(new GetParameterCommand({ Name: 'cfg:prod' }))).Parameter).toMatchObject({ Value: 'v1', Selector: ':prod' });
    await ssm.send(new LabelParameterVersionCommand({ Name: 'cfg', Labels: ['prod'] }));
    expect((await ssm.send(new GetParameterCommand({ Name: 'cfg:prod' }))).Parameter?.Value).toBe('v2');
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: 'cfg' }));
    expect(history.Parameters?.map((h) => h.Labels)).toEqual([[], ['prod']]);
    const un = await ssm.send(new UnlabelParameterVersionCommand({ Name: 'cfg', ParameterVersion: 2, Labels: ['prod', 'none'] }));
    expect(un).toMatchObject({ RemovedLabels: ['prod'], InvalidLabels: ['none'] });
    // More than ten labels in one request breaks the model's list limit; more than
    // ten on one version across requests is SSM's own limit.
    await expect(
      ssm.send(new LabelParameterVersionCommand({ Name: 'cfg', Labels: Array.from({ length: 11 }, (_, i) => `l${i}`) })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await ssm.send(new LabelParameterVersionCommand({ Name: 'cfg', Labels: Array.from({ length: 6 }, (_, i) => `a${i}`) }));
    await expect(
      ssm.send(new LabelParameterVersionCommand({ Name: 'cfg', Labels: Array.from({ length: 5 }, (_, i) => `b${i}`) })),
    ).rejects.toMatchObject({ name: 'ParameterVersionLabelLimitExceeded' });
  });

  it('keeps at most 100 versions; a labelled oldest version blocks the 101st', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'v', Value: '1', Type: 'String' }));
    await ssm.send(new LabelParameterVersionCommand({ Name: 'v', ParameterVersion: 1, Labels: ['keep'] }));
    for (let i = 2; i <= 100; i++) await ssm.send(new PutParameterCommand({ Name: 'v', Value: String(i), Overwrite: true }));
    await expect(ssm.send(new PutParameterCommand({ Name: 'v', Value: '101', Overwrite: true }))).rejects.toMatchObject({
      name: 'ParameterMaxVersionLimitExceeded',
    });
    await ssm.send(new UnlabelParameterVersionCommand({ Name: 'v', ParameterVersion: 1, Labels: ['keep'] }));
    expect((await ssm.send(new PutParameterCommand({ Name: 'v', Value: '101', Overwrite: true }))).Version).toBe(101);
    await expect(ssm.send(new GetParameterCommand({ Name: 'v:1' }))).rejects.toMatchObject({ name: 'ParameterVersionNotFound' });
  });

  it('AllowedPattern and the aws:ec2:image data type', async () => {
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'port', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })),
    ).rejects.toMatchObject({ name: 'ParameterPatternMismatchException', message: 'Parameter value, cannot be validated against allowedPattern: ^\\d+$' });
    await ssm.send(new PutParameterCommand({ Name: 'port', Value: '8080', Type: 'String', AllowedPattern: '^\\d+$' }));
    await ssm.send(new PutParameterCommand({ Name: 'ami', Value: 'ami-0123456789abcdef0', Type: 'String', DataType: 'aws:ec2:image' }));
    expect((await ssm.send(new GetParameterCommand({ Name: 'ami' }))).Parameter?.DataType).toBe('aws:ec2:image');
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'ami2', Value: 'not-an-ami', Type: 'String', DataType: 'aws:ec2:image' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'x', Value: 'v', Type: 'String', DataType: 'Text' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'The following data type is not supported: Text (Data type names are all lowercase.)' });
  });

  it('parameter policies are validated, need the Advanced tier, and Expiration deletes on the clock', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const Policies = JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2026-01-02T00:00:00.000Z' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '30', Unit: 'Days' } },
    ]);
    await expect(ssm.send(new PutParameterCommand({ Name: 'temp', Value: 'v', Type: 'String', Policies }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await ssm.send(new PutParameterCommand({ Name: 'temp', Value: 'v', Type: 'String', Policies, Tier: 'Advanced' }));
    const meta = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['temp'] }] }));
    expect(meta.Parameters?.[0].Policies?.map((p) => [p.PolicyType, p.PolicyStatus])).toEqual([
      ['Expiration', 'Pending'],
      ['NoChangeNotification', 'Pending'],
    ]);
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'bad', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify([{ Type: 'Nope', Version: '1.0' }]) })),
    ).rejects.toMatchObject({ name: 'InvalidPolicyTypeException' });
    await expect(
      ssm.send(
        new PutParameterCommand({ Name: 'bad', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify([{ Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: 'x', Unit: 'Days' } }]) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPolicyAttributeException' });
    jest.setSystemTime(new Date('2026-01-02T00:00:01Z'));
    await expect(ssm.send(new GetParameterCommand({ Name: 'temp' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('DescribeParameters filters and pages; Filters and ParameterFilters exclude each other', async () => {
    for (const n of ['/a/one', '/a/two', '/b/three', 'four']) await ssm.send(new PutParameterCommand({ Name: n, Value: 'v', Type: 'String' }));
    const names = async (input: import('@aws-sdk/client-ssm').DescribeParametersCommandInput) =>
      (await ssm.send(new DescribeParametersCommand(input))).Parameters?.map((p) => p.Name);
    expect(await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/a/'] }] })).toEqual(['/a/one', '/a/two']);
    expect(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/'] }], MaxResults: 50 })).toEqual([
      '/a/one',
      '/a/two',
      '/b/three',
      'four',
    ]);
    expect(await names({ ParameterFilters: [{ Key: 'Path', Values: ['/b'] }] })).toEqual(['/b/three']);
    expect(await names({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['o'] }] })).toEqual(['/a/one', '/a/two', 'four']);
    expect(await names({ Filters: [{ Key: 'Name', Values: ['fo'] }] })).toEqual(['four']);
    const page1 = await ssm.send(new DescribeParametersCommand({ MaxResults: 2 }));
    const page2 = await ssm.send(new DescribeParametersCommand({ MaxResults: 2, NextToken: page1.NextToken }));
    expect([...(page1.Parameters ?? []), ...(page2.Parameters ?? [])].map((p) => p.Name)).toEqual(['/a/one', '/a/two', '/b/three', 'four']);
    await expect(
      ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: ['x'] }], ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'You can use either Filters or ParameterFilters in a single request.' });
    await expect(
      ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Recursive', Values: ['x'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidFilterOption' });
  });

  it('tags on parameters; tags and Overwrite cannot go together', async () => {
    await ssm.send(new PutParameterCommand({ Name: 't', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'a' }] }));
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: 't', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: 't', TagKeys: ['team'] }));
    expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: 't' }))).TagList).toEqual([
      { Key: 'env', Value: 'prod' },
    ]);
    const tagged = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'tag:env', Values: ['prod'] }] }));
    expect(tagged.Parameters?.map((p) => p.Name)).toEqual(['t']);
    await expect(
      ssm.send(new PutParameterCommand({ Name: 't', Value: 'w', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: 'missing' })),
    ).rejects.toMatchObject({ name: 'InvalidResourceId' });
  });

  it('public parameters under /aws/service are readable and not writable', async () => {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }),
    );
    expect(Parameter?.Value).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(Parameter?.DataType).toBe('aws:ec2:image');
    const listed = await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest' }));
    expect(listed.Parameters?.length).toBeGreaterThanOrEqual(5);
    await expect(
      ssm.send(new PutParameterCommand({ Name: '/aws/service/mine', Value: 'x', Type: 'String' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await ssm.send(new DescribeParametersCommand({}))).Parameters).toEqual([]);
  });
});
