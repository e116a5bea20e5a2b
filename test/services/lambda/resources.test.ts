import {
  AddLayerVersionPermissionCommand,
  CreateCodeSigningConfigCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteCodeSigningConfigCommand,
  DeleteFunctionUrlConfigCommand,
  DeleteLayerVersionCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  GetLayerVersionPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  ListFunctionUrlConfigsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListTagsCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutProvisionedConcurrencyConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { allowPublicUrl, createNodeFunction, decode, lambdaClient, ROLE, useLambdaRole, zip } from './support';

const ACCOUNT = '123456789012';
const HANDLER = { 'index.js': 'exports.handler = async () => 1;' };

describe('Lambda layers, URLs, tags, provisioned concurrency and code signing', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();

  it('publishes layer versions whose nodejs/node_modules the function resolves', async () => {
    const content = zip({ 'nodejs/node_modules/greeting/index.js': 'module.exports = (n) => "hi " + n;', 'config/app.json': '{"mode":"layer"}' });
    const v1 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'shared', Content: { ZipFile: content }, CompatibleRuntimes: ['nodejs20.x'], Description: 'first' }));
    expect(v1).toMatchObject({
      LayerArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared`,
      LayerVersionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared:1`,
      Version: 1,
      Description: 'first',
      Content: { CodeSize: content.length },
    });
    const v2 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'shared', Content: { ZipFile: content } }));
    expect(v2.Version).toBe(2);
    await createNodeFunction(
      lambda,
      'layered',
      { 'index.js': "const greet = require('greeting'); exports.handler = async (e) => greet(e.name);" },
      { Layers: [v1.LayerVersionArn as string] },
    );
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'layered', Payload: Buffer.from('{"name":"ada"}') }));
    expect(decode(out.Payload)).toBe('hi ada');
    const byArn = await lambda.send(new GetLayerVersionByArnCommand({ Arn: v1.LayerVersionArn }));
    expect(byArn.Version).toBe(1);
    const layers = await lambda.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    expect(layers.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version])).toEqual([['shared', 1]]);
    const versions = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'shared' }));
    expect(versions.LayerVersions?.map((v) => v.Version)).toEqual([2, 1]);
    await lambda.send(new AddLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 1, StatementId: 'all', Action: 'lambda:GetLayerVersion', Principal: '*' }));
    const policy = JSON.parse((await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 1 }))).Policy as string);
    expect(policy.Statement[0]).toMatchObject({ Sid: 'all', Principal: '*', Action: 'lambda:GetLayerVersion' });
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'shared', VersionNumber: 2 }));
    const gone = await lambda.send(new GetLayerVersionCommand({ LayerName: 'shared', VersionNumber: 2 })).catch((e) => e);
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe('The resource you requested does not exist.');
  });

  it('keeps function URL configs on $LATEST or an alias', async () => {
    await createNodeFunction(lambda, 'web', HANDLER);
    const url = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE', Cors: { AllowOrigins: ['*'] } }));
    expect(url.FunctionUrl).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(url).toMatchObject({ AuthType: 'NONE', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:web`, Cors: { AllowOrigins: ['*'] } });
    const again = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE' })).catch((e) => e);
    expect(again.name).toBe('ResourceConflictException');
    const updated = await lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'AWS_IAM' }));
    expect(updated).toMatchObject({ AuthType: 'AWS_IAM', FunctionUrl: url.FunctionUrl, InvokeMode: 'BUFFERED' });
    expect((await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'web' }))).FunctionUrlConfigs).toHaveLength(1);
    await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'web' }));
    const missing = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'web' })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('tags functions by ARN', async () => {
    await createNodeFunction(lambda, 'tagged', HANDLER, { Tags: { team: 'a' } });
    const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:tagged`;
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { env: 'test' } }));
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['team'] }));
    expect((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags).toEqual({ env: 'test' });
    const missing = await lambda.send(new ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ghost` })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('stores provisioned concurrency on published versions only', async () => {
    await createNodeFunction(lambda, 'prov', HANDLER);
    const latest = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'prov', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 2 })).catch((e) => e);
    expect(latest.name).toBe('InvalidParameterValueException');
    await lambda.send(new PublishVersionCommand({ FunctionName: 'prov' }));
    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'prov', Qualifier: '1', ProvisionedConcurrentExecutions: 2 }));
    expect(put).toMatchObject({ RequestedProvisionedConcurrentExecutions: 2, Status: 'READY' });
    expect((await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'prov', Qualifier: '1' }))).AllocatedProvisionedConcurrentExecutions).toBe(2);
    const none = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'prov', Qualifier: '2' })).catch((e) => e);
    expect(none.name).toBe('ProvisionedConcurrencyConfigNotFoundException');
  });

  it('stores code signing configs and refuses to delete one in use', async () => {
    const { CodeSigningConfig } = await lambda.send(
      new CreateCodeSigningConfigCommand({ AllowedPublishers: { SigningProfileVersionArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abc'] } }),
    );
    expect(CodeSigningConfig?.CodeSigningConfigId).toMatch(/^csc-[0-9a-f]{17}$/);
    expect(CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment).toBe('Warn');
    const arn = CodeSigningConfig?.CodeSigningConfigArn as string;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'signed', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) }, CodeSigningConfigArn: arn }));
    expect((await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'signed' }))).CodeSigningConfigArn).toBe(arn);
    const inUse = await lambda.send(new DeleteCodeSigningConfigCommand({ CodeSigningConfigArn: arn })).catch((e) => e);
    expect(inUse.name).toBe('ResourceConflictException');
    const missing = `arn:aws:lambda:us-east-1:${ACCOUNT}:code-signing-config:csc-00000000000000000`;
    const unknown = await lambda
      .send(new CreateFunctionCommand({ FunctionName: 'unsigned', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(HANDLER) }, CodeSigningConfigArn: missing }))
      .catch((e) => e);
    expect(unknown.name).toBe('CodeSigningConfigNotFoundException');
  });
  it('turns an HTTP request into the payload format 2.0 event and maps the response', async () => {
    await createNodeFunction(lambda, 'site', {
      'index.js': `exports.handler = async (e) => e.rawPath === '/plain'
        ? { hello: 'world' }
        : { statusCode: 201, headers: { 'x-route': e.routeKey }, body: JSON.stringify({ method: e.requestContext.http.method, path: e.rawPath, q: e.queryStringParameters, body: e.body, v: e.version }) };`,
    });
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'site', AuthType: 'NONE' }));
    await allowPublicUrl(lambda, 'site');
    const backend = await m.backends.lambda();
    const res = await backend.invokeUrl({ method: 'POST', url: `${FunctionUrl}orders?x=1`, headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"a":1}') });
    expect(res.status).toBe(201);
    expect(res.headers['x-route']).toBe('$default');
    expect(JSON.parse(res.body.toString())).toEqual({ method: 'POST', path: '/orders', q: { x: '1' }, body: '{"a":1}', v: '2.0' });
    const plain = await backend.invokeUrl({ method: 'GET', url: `${FunctionUrl}plain`, headers: {} });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body.toString())).toEqual({ hello: 'world' });
    const unknown = await backend.invokeUrl({ method: 'GET', url: 'https://00000000000000000000000000000000.lambda-url.us-east-1.on.aws/', headers: {} });
    expect(unknown.status).toBe(404);
  });
});
