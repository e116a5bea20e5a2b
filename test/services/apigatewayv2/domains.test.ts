/**
 * Custom domain names through the v2 API: one resource with v1's (a domain or
 * mapping made through either API is seen through the other), API mappings to
 * HTTP and REST APIs, and the data plane serving the domain's regional host
 * through its mappings.
 */
import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand as CreateV1DomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand as GetV1DomainNameCommand,
} from '@aws-sdk/client-api-gateway';
import {
  BadRequestException,
  ConflictException,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  GetApiMappingCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateApiMappingCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { CERT, httpApi, regional, restApi, v1, v2 } from './domain-support';
import { json } from './support';

describe('custom domain names through API Gateway v2', () => {
  useMockAws();
  useLambdaRole();

  it('a v2 domain is v1 GetDomainName answer and the other way round; duplicates conflict, unknown ones are NotFound', async () => {
    const created = await regional('api.example.com', {});
    expect(created).toMatchObject({
      DomainName: 'api.example.com',
      ApiMappingSelectionExpression: '$request.basepath',
      DomainNameArn: 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com',
      RoutingMode: 'API_MAPPING_ONLY',
      DomainNameConfigurations: [{ CertificateArn: CERT, EndpointType: 'REGIONAL', DomainNameStatus: 'AVAILABLE', SecurityPolicy: 'TLS_1_2', HostedZoneId: 'Z1UJRXOUMOOFQ8' }],
    });
    const target = created.DomainNameConfigurations?.[0].ApiGatewayDomainName;
    expect(target).toMatch(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    const seen = await v1.send(new GetV1DomainNameCommand({ domainName: 'api.example.com' }));
    expect(seen).toMatchObject({ regionalDomainName: target, regionalHostedZoneId: 'Z1UJRXOUMOOFQ8', regionalCertificateArn: CERT, endpointConfiguration: { types: ['REGIONAL'] } });

    await v1.send(new CreateV1DomainNameCommand({ domainName: 'edge.example.com', certificateArn: CERT }));
    const edge = await v2.send(new GetDomainNameCommand({ DomainName: 'edge.example.com' }));
    expect(edge.DomainNameConfigurations?.[0]).toMatchObject({ EndpointType: 'EDGE', HostedZoneId: 'Z2FDTNDATAQYW2', CertificateArn: CERT });
    expect(edge.DomainNameConfigurations?.[0].ApiGatewayDomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    expect((await v2.send(new GetDomainNamesCommand({}))).Items?.map((d) => d.DomainName)).toEqual(['api.example.com', 'edge.example.com']);

    const dup = await v1.send(new CreateV1DomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT })).catch((e) => e);
    expect(dup).toBeInstanceOf(Error);
    expect(dup.name).toBe('ConflictException');
    const dup2 = await regional('edge.example.com').catch((e) => e);
    expect(dup2).toBeInstanceOf(ConflictException);
    const noCert = await v2.send(new CreateDomainNameCommand({ DomainName: 'x.example.com', DomainNameConfigurations: [{ EndpointType: 'REGIONAL' }] })).catch((e) => e);
    expect(noCert).toBeInstanceOf(BadRequestException);
    const missing = await v2.send(new GetDomainNameCommand({ DomainName: 'nope.example.com' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);

    const updated = await v2.send(
      new UpdateDomainNameCommand({ DomainName: 'api.example.com', RoutingMode: 'ROUTING_RULE_THEN_API_MAPPING', DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_0', CertificateArn: `${CERT}2` }] }),
    );
    expect(updated).toMatchObject({ RoutingMode: 'ROUTING_RULE_THEN_API_MAPPING', DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_0', CertificateArn: `${CERT}2` }] });
    expect(await v1.send(new GetV1DomainNameCommand({ domainName: 'api.example.com' }))).toMatchObject({ securityPolicy: 'TLS_1_0', routingMode: 'ROUTING_RULE_THEN_API_MAPPING' });
    const retype = await v2.send(new UpdateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: [{ EndpointType: 'EDGE' }] })).catch((e) => e);
    expect(retype).toBeInstanceOf(BadRequestException);

    await v2.send(new DeleteDomainNameCommand({ DomainName: 'edge.example.com' }));
    const gone = await v1.send(new GetV1DomainNameCommand({ domainName: 'edge.example.com' })).catch((e) => e);
    expect(gone.name).toBe('NotFoundException');
  });

  it('API mappings are v1 base path mappings: HTTP and REST APIs, checked targets, multi-level keys on REGIONAL TLS 1.2 only', async () => {
    const httpId = await httpApi('h');
    const restId = await restApi('r');
    await regional('api.example.com');
    const m = await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: httpId, Stage: '$default', ApiMappingKey: 'orders/v1' }));
    expect(m).toMatchObject({ ApiId: httpId, ApiMappingKey: 'orders/v1', Stage: '$default' });
    expect(m.ApiMappingId).toMatch(/^[a-z0-9]{6}$/);
    await v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId: restId, stage: 'prod' }));
    const { Items } = await v2.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }));
    expect(Items?.map((i) => [i.ApiMappingKey, i.ApiId, i.Stage])).toEqual([
      ['', restId, 'prod'],
      ['orders/v1', httpId, '$default'],
    ]);
    expect((await v1.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items).toEqual([
      { basePath: '(none)', restApiId: restId, stage: 'prod' },
      { basePath: 'orders/v1', restApiId: httpId, stage: '$default' },
    ]);

    const badStage = await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: httpId, Stage: 'nope', ApiMappingKey: 'x' })).catch((e) => e);
    expect(badStage).toBeInstanceOf(BadRequestException);
    const badApi = await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: 'zzzzzzzzzz', Stage: 'prod', ApiMappingKey: 'x' })).catch((e) => e);
    expect(badApi).toBeInstanceOf(NotFoundException);
    const taken = await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: restId, Stage: 'prod', ApiMappingKey: 'orders/v1' })).catch((e) => e);
    expect(taken).toBeInstanceOf(ConflictException);
    const badKey = await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: restId, Stage: 'prod', ApiMappingKey: 'a//b' })).catch((e) => e);
    expect(badKey).toBeInstanceOf(BadRequestException);
    // Multi-level keys: REGIONAL domains with TLS_1_2 only.
    await v1.send(new CreateV1DomainNameCommand({ domainName: 'edge.example.com', certificateArn: CERT }));
    const edgeMulti = await v2.send(new CreateApiMappingCommand({ DomainName: 'edge.example.com', ApiId: restId, Stage: 'prod', ApiMappingKey: 'a/b' })).catch((e) => e);
    expect(edgeMulti).toBeInstanceOf(BadRequestException);
    await v2.send(new CreateApiMappingCommand({ DomainName: 'edge.example.com', ApiId: restId, Stage: 'prod', ApiMappingKey: 'a' }));
    const downgrade = await v2.send(new UpdateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_0' }] })).catch((e) => e);
    expect(downgrade).toBeInstanceOf(BadRequestException);

    const id = m.ApiMappingId as string;
    const moved = await v2.send(new UpdateApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: id, ApiId: httpId, ApiMappingKey: 'orders/v2' }));
    expect(moved).toMatchObject({ ApiMappingId: id, ApiMappingKey: 'orders/v2', Stage: '$default' });
    expect(await v2.send(new GetApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: id }))).toMatchObject({ ApiMappingKey: 'orders/v2' });
    await v2.send(new DeleteApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: id }));
    const deleted = await v2.send(new GetApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: id })).catch((e) => e);
    expect(deleted).toBeInstanceOf(NotFoundException);
    const page = await v2.send(new GetApiMappingsCommand({ DomainName: 'edge.example.com', MaxResults: '1' }));
    expect(page.Items).toHaveLength(1);
    expect(page.NextToken).toBeUndefined();
  });

  it('serves HTTP and REST APIs through the domain host: longest mapping, (none), prefix matching of multi-level domains', async () => {
    const a = await httpApi('a');
    const b = await httpApi('b');
    const rest = await restApi('r');
    const domain = await regional('api.example.com');
    const host = domain.DomainNameConfigurations?.[0].ApiGatewayDomainName as string;
    await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: a, Stage: '$default' }));
    await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: b, Stage: '$default', ApiMappingKey: 'orders' }));
    await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: rest, Stage: 'prod', ApiMappingKey: 'orders/v1/items' }));
    const get = async (path: string) => {
      const res = await fetch(`https://${host}${path}`);
      return { status: res.status, body: await json(res) };
    };
    expect(await get('/customers')).toEqual({ status: 200, body: { tag: 'a', rawPath: '/customers', stage: '$default', domain: 'api.example.com' } });
    expect((await get('/orders/42')).body).toMatchObject({ tag: 'b', rawPath: '/42' });
    expect((await get('/orders')).body).toMatchObject({ tag: 'b', rawPath: '/' });
    expect(await get('/orders/v1/items/hello')).toEqual({ status: 200, body: { api: 'r', stage: 'prod' } });
    // A domain with multi-level mappings picks the longest matching prefix: `orders` takes /ordersandmore.
    expect((await get('/ordersandmore')).body).toMatchObject({ tag: 'b', rawPath: '/andmore' });
    // The default endpoint turned off still leaves the custom domain serving.
    await v2.send(new UpdateApiCommand({ ApiId: a, DisableExecuteApiEndpoint: true }));
    expect((await fetch(`https://${a}.execute-api.us-east-1.amazonaws.com/x`)).status).toBe(403);
    expect((await get('/x')).body).toMatchObject({ tag: 'a' });
  });

  it('tags a domain by its ARN through v2; v1 sees the same tags', async () => {
    const domain = await regional('api.example.com');
    const ResourceArn = domain.DomainNameArn as string;
    await v2.send(new TagResourceCommand({ ResourceArn, Tags: { env: 'prod', team: 'a' } }));
    await v2.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['team'] }));
    expect((await v2.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ env: 'prod' });
    expect((await v1.send(new GetV1DomainNameCommand({ domainName: 'api.example.com' }))).tags).toEqual({ env: 'prod' });
    expect((await v2.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }))).Tags).toEqual({ env: 'prod' });
    const missing = await v2.send(new GetTagsCommand({ ResourceArn: 'arn:aws:apigateway:us-east-1::/domainnames/nope.example.com' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });

  it('a domain without a matching mapping answers 403 Forbidden; single-level domains match whole segments', async () => {
    const b = await httpApi('b');
    const domain = await regional('api.example.com');
    const host = domain.DomainNameConfigurations?.[0].ApiGatewayDomainName as string;
    await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: b, Stage: '$default', ApiMappingKey: 'orders' }));
    const res = await fetch(`https://${host}/ordersandmore`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
    expect((await fetch(`https://${host}/orders/1`)).status).toBe(200);
  });
});
