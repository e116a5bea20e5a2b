import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  InvokeCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  RemovePermissionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, decode, lambdaClient, ROLE, useLambdaRole, zip } from './support';

const HANDLER = { 'index.js': 'exports.handler = async (e) => ({ version: process.env.AWS_LAMBDA_FUNCTION_VERSION, e });' };
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

describe('Lambda functions', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();

  it('creates from a zip: Pending, then Active on the clock, with the waiter', async () => {
    const code = zip(HANDLER);
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: 'f', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: code } }));
    expect(out).toMatchObject({
      FunctionName: 'f',
      FunctionArn: `${ARN}:f`,
      State: 'Pending',
      StateReasonCode: 'Creating',
      Version: '$LATEST',
      Timeout: 3,
      MemorySize: 128,
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: 'PassThrough' },
      CodeSize: code.length,
      CodeSha256: createHash('sha256').update(code).digest('base64'),
    });
    expect(out.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const waited = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'f' });
    expect(waited.state).toBe('SUCCESS');
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'f' }));
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
    expect(got.Code?.RepositoryType).toBe('S3');
  });

  it('refuses to invoke a Pending function with ResourceConflictException', async () => {
    (await m.backends.lambda()).stateTransitionMs = 60_000;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'slow', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) } }));
    const err = await lambda.send(new InvokeCommand({ FunctionName: 'slow' })).catch((e) => e);
    expect(err.name).toBe('ResourceConflictException');
    expect(err.$metadata.httpStatusCode).toBe(409);
    expect(err.message).toBe('The operation cannot be performed at this time. The function is currently in the following state: Pending');
  });

  it('creates from an S3 object read through the S3 backend', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    await s3.send(new CreateBucketCommand({ Bucket: 'code-bucket' }));
    const code = zip(HANDLER);
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'f.zip', Body: code }));
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: 'from-s3', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'code-bucket', S3Key: 'f.zip' } }));
    expect(out.CodeSha256).toBe(createHash('sha256').update(code).digest('base64'));
    const missing = await lambda
      .send(new CreateFunctionCommand({ FunctionName: 'nope', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'code-bucket', S3Key: 'missing.zip' } }))
      .catch((e) => e);
    expect(missing.name).toBe('InvalidParameterValueException');
    expect(missing.message).toContain('NoSuchKey');
  });

  it('stores an image function and refuses Handler/Runtime for it', async () => {
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: 'img', Role: ROLE, PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' } }));
    expect(out.PackageType).toBe('Image');
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'img' }));
    expect(got.Code).toMatchObject({ RepositoryType: 'ECR', ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' });
    const err = await lambda
      .send(new CreateFunctionCommand({ FunctionName: 'img2', Role: ROLE, PackageType: 'Image', Handler: 'x.y', Code: { ImageUri: 'repo:1' } }))
      .catch((e) => e);
    expect(err.message).toBe("Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
  });

  it('answers AWS errors for bad input, before storing anything', async () => {
    const send = (input: Record<string, unknown>) =>
      lambda.send(new CreateFunctionCommand({ FunctionName: 'bad', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) }, ...input })).catch((e) => e);
    const noHandler = await send({ Handler: undefined });
    expect(noHandler.name).toBe('InvalidParameterValueException');
    expect(noHandler.message).toBe('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    const timeout = await send({ Timeout: 901 });
    expect(timeout.name).toBe('ValidationException');
    expect(timeout.message).toBe("1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    const memory = await send({ MemorySize: 64 });
    expect(memory.message).toContain("Value '64' at 'memorySize'");
    const runtime = await send({ Runtime: 'nodejs99.x' });
    expect(runtime.name).toBe('ValidationException');
    const role = await send({ Role: 'not-a-role' });
    expect(role.name).toBe('ValidationException');
    const notZip = await send({ Code: { ZipFile: Buffer.from('hello') } });
    expect(notZip.name).toBe('InvalidParameterValueException');
    expect(notZip.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    const reserved = await send({ Environment: { Variables: { AWS_REGION: 'x' } } });
    expect(reserved.message).toContain('Reserved keys used in this request: AWS_REGION');
    // Lambda's key pattern is [a-zA-Z]([a-zA-Z0-9_])+: one letter is not a valid name.
    const shortKey = await send({ Environment: { Variables: { A: 'x' } } });
    expect(shortKey.name).toBe('ValidationException');
    const layer = await send({ Layers: [`arn:aws:lambda:us-east-1:123456789012:layer:none:1`] });
    expect(layer.message).toBe('Layer version arn:aws:lambda:us-east-1:123456789012:layer:none:1 does not exist.');
    const list = await lambda.send(new ListFunctionsCommand({}));
    expect(list.Functions).toEqual([]);
  });

  it('refuses a duplicate name and answers "Function not found" with the ARN', async () => {
    await createNodeFunction(lambda, 'dup', HANDLER);
    const dup = await createNodeFunction(lambda, 'dup', HANDLER).catch((e) => e);
    expect(dup.name).toBe('ResourceConflictException');
    expect(dup.message).toBe('Function already exist: dup');
    const missing = await lambda.send(new GetFunctionCommand({ FunctionName: 'ghost' })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe(`Function not found: ${ARN}:ghost`);
    const version = await lambda.send(new GetFunctionCommand({ FunctionName: 'dup', Qualifier: '7' })).catch((e) => e);
    expect(version.message).toBe(`Function not found: ${ARN}:dup:7`);
  });

  it('lists with MaxItems and Marker', async () => {
    for (const name of ['c', 'a', 'b']) await createNodeFunction(lambda, name, HANDLER);
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['a', 'b']);
    expect(first.NextMarker).toBeDefined();
    const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['c']);
    expect(second.NextMarker).toBeUndefined();
  });

  it('updates configuration and code: LastUpdateStatus InProgress, then Successful (waiter)', async () => {
    await createNodeFunction(lambda, 'u', HANDLER);
    (await m.backends.lambda()).stateTransitionMs = 300;
    const cfg = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'u', Timeout: 30, MemorySize: 512, Environment: { Variables: { MODE: '1' } }, TracingConfig: { Mode: 'Active' }, VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] } }),
    );
    expect(cfg).toMatchObject({ Timeout: 30, MemorySize: 512, Environment: { Variables: { MODE: '1' } }, TracingConfig: { Mode: 'Active' }, LastUpdateStatus: 'InProgress' });
    expect(cfg.VpcConfig).toMatchObject({ SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] });
    const busy = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'u', Timeout: 31 })).catch((e) => e);
    expect(busy.name).toBe('ResourceConflictException');
    expect(busy.message).toBe(`The operation cannot be performed at this time. An update is in progress for resource: ${ARN}:u`);
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'u' });
    const newCode = zip({ 'index.js': 'exports.handler = async () => "v2";' });
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'u', ZipFile: newCode }));
    expect(code.CodeSha256).toBe(createHash('sha256').update(newCode).digest('base64'));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'u' });
    const run = await lambda.send(new InvokeCommand({ FunctionName: 'u' }));
    expect(decode(run.Payload)).toBe('v2');
    const stale = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'u', RevisionId: 'old' })).catch((e) => e);
    expect(stale.name).toBe('PreconditionFailedException');
  });

  it('publishes version 1 at create with Publish', async () => {
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: 'pub', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) }, Publish: true }));
    expect(out).toMatchObject({ Version: '1', FunctionArn: `${ARN}:pub:1`, State: 'Pending' });
  });

  it('publishes versions with CodeSha256 checks and routes aliases by weight', async () => {
    await createNodeFunction(lambda, 'v', HANDLER);
    const sha = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'v' }))).CodeSha256;
    const wrong = await lambda.send(new PublishVersionCommand({ FunctionName: 'v', CodeSha256: 'nope' })).catch((e) => e);
    expect(wrong.name).toBe('InvalidParameterValueException');
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'v', CodeSha256: sha, Description: 'one' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${ARN}:v:1`, Description: 'one' });
    // Nothing changed: publishing again returns version 1.
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'v' }))).Version).toBe('1');
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'v', Description: 'changed' }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'v' });
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'v' }))).Version).toBe('2');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'v' }));
    expect(versions.Versions?.map((x) => x.Version)).toEqual(['$LATEST', '1', '2']);

    await lambda.send(new CreateAliasCommand({ FunctionName: 'v', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'v', Qualifier: 'live' }));
      seen.add(out.ExecutedVersion as string);
      expect(decode(out.Payload).version).toBe(out.ExecutedVersion);
    }
    expect([...seen].sort()).toEqual(['1', '2']);
    // Reading through the alias names its primary version; only invocations are routed by weight.
    for (let i = 0; i < 10; i++) {
      expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'v', Qualifier: 'live' }))).Version).toBe('1');
    }
    const dupAlias = await lambda.send(new CreateAliasCommand({ FunctionName: 'v', Name: 'live', FunctionVersion: '1' })).catch((e) => e);
    expect(dupAlias.message).toBe(`Alias already exists: ${ARN}:v:live`);
    const inUse = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'v', Qualifier: '1' })).catch((e) => e);
    expect(inUse.name).toBe('ResourceConflictException');
  });

  it('keeps a resource policy with AddPermission / GetPolicy / RemovePermission', async () => {
    await createNodeFunction(lambda, 'p', HANDLER);
    const empty = await lambda.send(new GetPolicyCommand({ FunctionName: 'p' })).catch((e) => e);
    expect(empty.name).toBe('ResourceNotFoundException');
    const added = await lambda.send(
      new AddPermissionCommand({ FunctionName: 'p', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::bucket' }),
    );
    expect(JSON.parse(added.Statement as string)).toEqual({
      Sid: 's3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:p`,
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } },
    });
    const again = await lambda.send(new AddPermissionCommand({ FunctionName: 'p', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: '*' })).catch((e) => e);
    expect(again.name).toBe('ResourceConflictException');
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'p' }))).Policy as string);
    expect(policy.Statement).toHaveLength(1);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'p', StatementId: 's3' }));
    const gone = await lambda.send(new RemovePermissionCommand({ FunctionName: 'p', StatementId: 's3' })).catch((e) => e);
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('throttles a function with reserved concurrency 0, and counts reservations in account settings', async () => {
    await createNodeFunction(lambda, 'z', HANDLER);
    // The SDK retries throttling errors; one attempt keeps the test quick.
    const once = lambdaClient({ maxAttempts: 1 });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'z', ReservedConcurrentExecutions: 0 }));
    const err = await once.send(new InvokeCommand({ FunctionName: 'z' })).catch((e) => e);
    expect(err.name).toBe('TooManyRequestsException');
    expect(err.$metadata.httpStatusCode).toBe(429);
    expect(err.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'z', ReservedConcurrentExecutions: 100 }));
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit?.UnreservedConcurrentExecutions).toBe(900);
    expect(settings.AccountUsage?.FunctionCount).toBe(1);
    const tooMuch = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'z', ReservedConcurrentExecutions: 950 })).catch((e) => e);
    expect(tooMuch.name).toBe('InvalidParameterValueException');
  });

  it('deletes a function, and the role must exist once IAM can say so', async () => {
    await createNodeFunction(lambda, 'd', HANDLER);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'd' }));
    const err = await lambda.send(new GetFunctionCommand({ FunctionName: 'd' })).catch((e) => e);
    expect(err.name).toBe('ResourceNotFoundException');
    const iam = (await m.backends.get('iam')) as { getRoleByArn?: (arn: string) => unknown };
    const had = iam.getRoleByArn;
    iam.getRoleByArn = (arn: string) => (arn === ROLE ? { arn } : undefined);
    try {
      const bad = await lambda
        .send(new CreateFunctionCommand({ FunctionName: 'r', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::123456789012:role/missing', Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) } }))
        .catch((e) => e);
      expect(bad.name).toBe('InvalidParameterValueException');
      expect(bad.message).toBe('The role defined for the function cannot be assumed by Lambda.');
      await createNodeFunction(lambda, 'r', HANDLER);
    } finally {
      iam.getRoleByArn = had;
    }
  });
});
