/** API Gateway v2 control plane: APIs (quick create), routes, integrations, stages, deployments, authorizers. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  NotFoundException,
  UpdateApiCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:handler';

describe('API Gateway v2 APIs', () => {
  useMockAws();

  it('creates an HTTP API with the defaults AWS gives it and finds it again', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP', Tags: { team: 'a' } }));
    expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.ApiEndpoint).toBe(`https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own selection expression syntax.
    expect(api.RouteSelectionExpression).toBe('${request.method} ${request.path}');
    expect(api.ApiKeySelectionExpression).toBe('$request.header.x-api-key');
    expect(api.CreatedDate).toBeInstanceOf(Date);
    const got = await client.send(new GetApiCommand({ ApiId: api.ApiId }));
    expect(got).toMatchObject({ Name: 'shop', ProtocolType: 'HTTP', Tags: { team: 'a' } });
  });

  it('quick-creates an integration, a $default route and an auto-deploying $default stage from Target', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: FN }));
    const routes = await client.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    const integrations = await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
    expect(integrations.Items).toHaveLength(1);
    expect(integrations.Items?.[0]).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0', ApiGatewayManaged: true });
    expect(routes.Items).toEqual([
      expect.objectContaining({ RouteKey: '$default', Target: `integrations/${integrations.Items?.[0].IntegrationId}`, ApiGatewayManaged: true }),
    ]);
    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, ApiGatewayManaged: true });
  });

  it('requires a route selection expression for WebSocket APIs and gives wss endpoints', async () => {
    await expect(client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET' }))).rejects.toBeInstanceOf(BadRequestException);
    const ws = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    expect(ws.ApiEndpoint).toBe(`wss://${ws.ApiId}.execute-api.us-east-1.amazonaws.com`);
  });

  it('answers NotFoundException for an unknown API, with the account in the message', async () => {
    const err = await client.send(new GetApiCommand({ ApiId: 'abcdefghij' })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.message).toBe('Invalid API identifier specified 123456789012:abcdefghij');
    await expect(client.send(new DeleteApiCommand({ ApiId: 'abcdefghij' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses a bad protocol type through the model with BadRequestException', async () => {
    const err = await client.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'SOAP' as never })).catch((e) => e);
    expect(err.name).toBe('BadRequestException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('updates only the members named and deletes', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'a', ProtocolType: 'HTTP', Description: 'd' }));
    const updated = await client.send(new UpdateApiCommand({ ApiId: api.ApiId, Name: 'b', CorsConfiguration: { AllowOrigins: ['*'] } }));
    expect(updated).toMatchObject({ Name: 'b', Description: 'd', CorsConfiguration: { AllowOrigins: ['*'] } });
    await client.send(new DeleteApiCommand({ ApiId: api.ApiId }));
    await expect(client.send(new GetApiCommand({ ApiId: api.ApiId }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('tags APIs by ARN, and GetApi shows the tags', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 't', ProtocolType: 'HTTP', Tags: { a: '1' } }));
    const arn = `arn:aws:apigateway:us-east-1::/apis/${api.ApiId}`;
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: JSON.parse('{"b": "2", "__proto__": "x"}') }));
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a', '__proto__'] }));
    expect((await client.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ b: '2' });
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: JSON.parse('{"__proto__": "x"}') }));
    const tags = (await client.send(new GetTagsCommand({ ResourceArn: arn }))).Tags ?? {};
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('x');
    expect((await client.send(new GetApiCommand({ ApiId: api.ApiId }))).Tags).toEqual({ b: '2' });
    await expect(client.send(new GetTagsCommand({ ResourceArn: 'arn:aws:apigateway:us-east-1::/apis/zzzzzzzzzz' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('pages GetApis with NextToken and refuses a forged token', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await client.send(new CreateApiCommand({ Name: `api${i}`, ProtocolType: 'HTTP' }))).ApiId as string);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetApisCommand({ MaxResults: '2', NextToken: token }));
      expect((page.Items ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(page.Items ?? []).map((a) => a.ApiId as string));
      token = page.NextToken;
    } while (token);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toHaveLength(5);
    await expect(client.send(new GetApisCommand({ NextToken: '!!' }))).rejects.toBeInstanceOf(BadRequestException);
  });
});

describe('API Gateway v2 routes and integrations', () => {
  useMockAws();

  async function api() {
    return (await client.send(new CreateApiCommand({ Name: 'r', ProtocolType: 'HTTP' }))).ApiId as string;
  }

  it('creates routes with path variables and a greedy proxy, refusing malformed keys and duplicates', async () => {
    const apiId = await api();
    const integ = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN, PayloadFormatVersion: '2.0' }));
    expect(integ).toMatchObject({ IntegrationMethod: 'POST', TimeoutInMillis: 30000, ConnectionType: 'INTERNET' });
    const target = `integrations/${integ.IntegrationId}`;
    const r1 = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /items/{id}', Target: target }));
    expect(r1).toMatchObject({ RouteKey: 'GET /items/{id}', AuthorizationType: 'NONE', ApiKeyRequired: false });
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'ANY /{proxy+}', Target: target }));
    for (const bad of ['GET items', 'FETCH /x', 'GET /{proxy+}/x']) {
      await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: bad }))).rejects.toBeInstanceOf(BadRequestException);
    }
    await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /items/{id}' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /x', Target: 'integrations/nope123' }))).rejects.toBeInstanceOf(BadRequestException);
    const updated = await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: r1.RouteId, RouteKey: 'GET /things/{id}' }));
    expect(updated).toMatchObject({ RouteKey: 'GET /things/{id}', Target: target });
    await expect(client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integ.IntegrationId }))).rejects.toBeInstanceOf(ConflictException);
  });

  it('requires a payload format version for Lambda proxy integrations of HTTP APIs and refuses MOCK', async () => {
    const apiId = await api();
    await expect(client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FN }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'MOCK' }))).rejects.toBeInstanceOf(BadRequestException);
    const http = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://example.com', PayloadFormatVersion: '1.0' }));
    expect(http).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', PayloadFormatVersion: '1.0' });
  });

  it('needs an existing JWT authorizer for a JWT route', async () => {
    const apiId = await api();
    await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /me', AuthorizationType: 'JWT', AuthorizerId: 'abc1234' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      client.send(new CreateAuthorizerCommand({ ApiId: apiId, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const auth = await client.send(
      new CreateAuthorizerCommand({
        ApiId: apiId,
        Name: 'jwt',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://issuer.example', Audience: ['app'] },
      }),
    );
    expect(auth.AuthorizerId).toMatch(/^[a-z0-9]{7}$/);
    const route = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /me', AuthorizationType: 'JWT', AuthorizerId: auth.AuthorizerId, AuthorizationScopes: ['read'] }));
    expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: auth.AuthorizerId, AuthorizationScopes: ['read'] });
  });
});

describe('API Gateway v2 stages and deployments', () => {
  useMockAws();

  it('creates stages with variables, refuses duplicates, and deploys to a stage', async () => {
    const apiId = (await client.send(new CreateApiCommand({ Name: 's', ProtocolType: 'HTTP' }))).ApiId as string;
    await expect(client.send(new CreateDeploymentCommand({ ApiId: apiId }))).rejects.toBeInstanceOf(BadRequestException);
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a' }));
    const stage = await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { fn: 'x' } }));
    expect(stage).toMatchObject({ StageName: 'prod', AutoDeploy: false, StageVariables: { fn: 'x' } });
    await expect(client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'x', DeploymentId: 'nope123' }))).rejects.toBeInstanceOf(NotFoundException);
    const dep = await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod', Description: 'v1' }));
    expect(dep).toMatchObject({ DeploymentStatus: 'DEPLOYED', AutoDeployed: false, Description: 'v1' });
    expect((await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }))).DeploymentId).toBe(dep.DeploymentId);
    expect((await client.send(new GetStagesCommand({ ApiId: apiId }))).Items?.map((s) => s.StageName)).toEqual(['prod']);
    await expect(client.send(new GetStageCommand({ ApiId: apiId, StageName: 'nope' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
