/** Custom domain names and base path mappings; the data plane serving a regional domain through its mappings. */
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteBasePathMappingCommand,
  DeleteDomainNameCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateBasePathMappingCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

/** A deployed API whose GET /hello answers `{"api": "<tag>"}` (MOCK) on stages `dev` and `prod`. */
async function deployedApi(tag: string) {
  const api = await client.send(new CreateRestApiCommand({ name: tag }));
  const restApiId = api.id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'hello' }))).id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
  await client.send(
    new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': `{"api":"${tag}","stage":"$context.stage"}` } }),
  );
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

describe('custom domain names', () => {
  useMockAws();

  it('creates EDGE and REGIONAL domains with their target names; duplicates conflict; unknown ones are NotFound', async () => {
    const edge = await client.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT }));
    expect(edge).toMatchObject({ domainName: 'api.example.com', distributionHostedZoneId: 'Z2FDTNDATAQYW2', domainNameStatus: 'AVAILABLE', endpointConfiguration: { types: ['EDGE'] } });
    expect(edge.distributionDomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    const regional = await client.send(
      new CreateDomainNameCommand({ domainName: 'r.example.com', regionalCertificateArn: CERT, endpointConfiguration: { types: ['REGIONAL'] }, tags: { t: '1' } }),
    );
    expect(regional.regionalDomainName).toMatch(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    const dup = await client.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    const noCert = await client.send(new CreateDomainNameCommand({ domainName: 'x.example.com', endpointConfiguration: { types: ['REGIONAL'] } })).catch((e) => e);
    expect(noCert).toBeInstanceOf(BadRequestException);
    expect((await client.send(new GetDomainNamesCommand({}))).items?.map((d) => d.domainName)).toEqual(['api.example.com', 'r.example.com']);
    const updated = await client.send(new UpdateDomainNameCommand({ domainName: 'r.example.com', patchOperations: [{ op: 'replace', path: '/securityPolicy', value: 'TLS_1_0' }] }));
    expect(updated.securityPolicy).toBe('TLS_1_0');
    await client.send(new DeleteDomainNameCommand({ domainName: 'api.example.com' }));
    const gone = await client.send(new GetDomainNameCommand({ domainName: 'api.example.com' })).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe('Invalid domain name identifier specified');
  });

  it('base path mappings: (none) by default, API and stage checked, conflicts, update and delete', async () => {
    const restApiId = await deployedApi('a');
    await client.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT }));
    const root = await client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, stage: 'prod' }));
    const { $metadata: _r, ...rootMapping } = root;
    expect(rootMapping).toEqual({ basePath: '(none)', restApiId, stage: 'prod' });
    const dup = await client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    const badStage = await client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath: 'v1', stage: 'nope' })).catch((e) => e);
    expect(badStage).toBeInstanceOf(BadRequestException);
    await client.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath: 'v1', stage: 'dev' }));
    expect((await client.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items).toHaveLength(2);
    const moved = await client.send(
      new UpdateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v1', patchOperations: [{ op: 'replace', path: '/basePath', value: 'v2' }] }),
    );
    expect(moved).toMatchObject({ basePath: 'v2', restApiId, stage: 'dev' });
    const old = await client.send(new GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v1' })).catch((e) => e);
    expect(old).toBeInstanceOf(NotFoundException);
    await client.send(new DeleteBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v2' }));
    expect((await client.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items).toEqual([rootMapping]);
  });

  it('requests to a regional domain name reach the mapped API and stage (longest base path first)', async () => {
    const a = await deployedApi('a');
    const b = await deployedApi('b');
    const domain = await client.send(new CreateDomainNameCommand({ domainName: 'r.example.com', regionalCertificateArn: CERT, endpointConfiguration: { types: ['REGIONAL'] } }));
    await client.send(new CreateBasePathMappingCommand({ domainName: 'r.example.com', restApiId: a, stage: 'prod' }));
    await client.send(new CreateBasePathMappingCommand({ domainName: 'r.example.com', restApiId: b, basePath: 'orders/v1', stage: 'dev' }));
    await client.send(new CreateBasePathMappingCommand({ domainName: 'r.example.com', restApiId: b, basePath: 'any' }));
    const base = `https://${domain.regionalDomainName}`;
    expect(await (await fetch(`${base}/hello`)).json()).toEqual({ api: 'a', stage: 'prod' });
    expect(await (await fetch(`${base}/orders/v1/hello`)).json()).toEqual({ api: 'b', stage: 'dev' });
    expect(await (await fetch(`${base}/any/prod/hello`)).json()).toEqual({ api: 'b', stage: 'prod' });
    const missing = await fetch(`${base}/orders/v1/nothing`);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});
