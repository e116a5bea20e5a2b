/**
 * v2's view of custom domain names and API mappings. The domains are v1's
 * (services/apigateway/models/domains.ts): one resource seen through both APIs,
 * so a domain or mapping made here is in v1's GetDomainName / GetBasePathMappings
 * and the other way round. API mappings reach HTTP APIs (this backend) and REST
 * APIs (v1's); several levels (`orders/v1`) need a REGIONAL TLS_1_2 domain.
 */
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import { deepCopy } from '../../apigateway/models/copy';
import {
  addMapping,
  createDomain,
  type DomainState,
  domainKey,
  type MappingState,
  mappingById,
  NONE,
  normalizeBasePath,
  replaceMapping,
  requireDomain,
} from '../../apigateway/models/domains';
import { badRequest, notFound } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';

/** The v1 backend of the caller's account and region: the domains' store. */
export function domainStore(ctx: Ctx): Promise<ApiGatewayBackend> {
  return ctx.backends.get<ApiGatewayBackend>('apigateway', ctx.account, ctx.region);
}

const ROUTING_MODES = ['API_MAPPING_ONLY', 'ROUTING_RULE_ONLY', 'ROUTING_RULE_THEN_API_MAPPING'];

/** The v2 shape of a domain: one DomainNameConfiguration for its endpoint. */
export function domainOut(d: DomainState): T.DomainName {
  const regional = d.endpointType === 'REGIONAL';
  const edge = d.endpointType === 'EDGE';
  const config: T.DomainNameConfiguration = {
    ApiGatewayDomainName: regional ? d.regionalDomainName : edge ? d.distributionDomainName : undefined,
    CertificateArn: regional ? d.regionalCertificateArn : d.certificateArn,
    CertificateName: regional ? d.regionalCertificateName : d.certificateName,
    CertificateUploadDate: d.certificateUploadDate,
    DomainNameStatus: d.domainNameStatus,
    DomainNameStatusMessage: d.domainNameStatusMessage,
    EndpointType: d.endpointType,
    HostedZoneId: regional ? d.regionalHostedZoneId : d.distributionHostedZoneId,
    IpAddressType: d.endpointConfiguration?.ipAddressType,
    SecurityPolicy: d.securityPolicy,
    OwnershipVerificationCertificateArn: d.ownershipVerificationCertificateArn,
  };
  const mtls = d.mutualTlsAuthentication;
  return deepCopy({
    ApiMappingSelectionExpression: '$request.basepath',
    DomainName: d.domainName,
    DomainNameArn: d.domainNameArn,
    DomainNameConfigurations: [config],
    MutualTlsAuthentication: mtls ? { TruststoreUri: mtls.truststoreUri, TruststoreVersion: mtls.truststoreVersion, TruststoreWarnings: mtls.truststoreWarnings } : undefined,
    RoutingMode: d.routingMode,
    Tags: d.tags ?? {},
  });
}

/** A public domain by name (private custom domain names are REST-only and not seen here). */
async function publicDomain(ctx: Ctx, name: string, domainNameId?: string): Promise<DomainState> {
  const domain = requireDomain(await domainStore(ctx), name, domainNameId);
  if (domain.endpointType === 'PRIVATE' && !domainNameId) throw notFound('Invalid domain name identifier specified');
  return domain;
}

export { publicDomain as requireV2Domain };

function oneConfiguration(configs: T.DomainNameConfiguration[] | undefined): T.DomainNameConfiguration {
  if (configs?.length !== 1) throw badRequest('Exactly one DomainNameConfiguration must be specified');
  return configs[0];
}

export async function createDomainName(input: T.CreateDomainNameRequest, ctx: Ctx): Promise<T.CreateDomainNameResponse> {
  const config = oneConfiguration(input.DomainNameConfigurations);
  if (input.RoutingMode !== undefined && !ROUTING_MODES.includes(input.RoutingMode)) throw badRequest(`Invalid routing mode: ${input.RoutingMode}`);
  const domain = createDomain(await domainStore(ctx), {
    domainName: input.DomainName,
    endpointType: config.EndpointType ?? 'REGIONAL',
    certificateArn: config.CertificateArn,
    certificateName: config.CertificateName,
    securityPolicy: config.SecurityPolicy,
    ipAddressType: config.IpAddressType,
    tags: input.Tags,
    mutualTlsAuthentication: input.MutualTlsAuthentication && {
      truststoreUri: input.MutualTlsAuthentication.TruststoreUri,
      truststoreVersion: input.MutualTlsAuthentication.TruststoreVersion,
    },
    ownershipVerificationCertificateArn: config.OwnershipVerificationCertificateArn,
    routingMode: input.RoutingMode,
  });
  return domainOut(domain);
}

export async function getDomainName(input: T.GetDomainNameRequest, ctx: Ctx): Promise<T.GetDomainNameResponse> {
  return domainOut(await publicDomain(ctx, input.DomainName));
}

export async function getDomainNames(input: T.GetDomainNamesRequest, ctx: Ctx): Promise<T.GetDomainNamesResponse> {
  const store = await domainStore(ctx);
  const page = store.domainNames.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.filter((d) => d.endpointType !== 'PRIVATE').map(domainOut), NextToken: page.nextToken };
}

/**
 * UpdateDomainName: the configuration's certificate and security policy (the endpoint
 * type stays), the routing mode, mutual TLS. Everything is checked before anything changes.
 */
export async function updateDomainName(input: T.UpdateDomainNameRequest, ctx: Ctx): Promise<T.UpdateDomainNameResponse> {
  const domain = await publicDomain(ctx, input.DomainName);
  const config = input.DomainNameConfigurations ? oneConfiguration(input.DomainNameConfigurations) : undefined;
  if (config?.EndpointType !== undefined && config.EndpointType !== domain.endpointType) throw badRequest('The endpoint type of a domain name cannot be changed');
  const policy = config?.SecurityPolicy ?? domain.securityPolicy;
  if (policy !== 'TLS_1_0' && policy !== 'TLS_1_2') throw badRequest(`Invalid security policy: ${policy}`);
  if (policy !== 'TLS_1_2' && [...domain.mappings.keys()].some((k) => k.includes('/'))) {
    throw badRequest('A domain name with API mappings of multiple levels must use the TLS_1_2 security policy');
  }
  if (input.RoutingMode !== undefined && !ROUTING_MODES.includes(input.RoutingMode)) throw badRequest(`Invalid routing mode: ${input.RoutingMode}`);
  if (config) {
    if (domain.endpointType === 'REGIONAL') {
      domain.regionalCertificateArn = config.CertificateArn ?? domain.regionalCertificateArn;
      domain.regionalCertificateName = config.CertificateName ?? domain.regionalCertificateName;
    } else {
      domain.certificateArn = config.CertificateArn ?? domain.certificateArn;
      domain.certificateName = config.CertificateName ?? domain.certificateName;
    }
    domain.securityPolicy = policy;
    if (config.OwnershipVerificationCertificateArn) domain.ownershipVerificationCertificateArn = config.OwnershipVerificationCertificateArn;
  }
  if (input.RoutingMode) domain.routingMode = input.RoutingMode;
  if (input.MutualTlsAuthentication) {
    const { TruststoreUri, TruststoreVersion } = input.MutualTlsAuthentication;
    domain.mutualTlsAuthentication = TruststoreUri ? { truststoreUri: TruststoreUri, truststoreVersion: TruststoreVersion, truststoreWarnings: [] } : undefined;
  }
  return domainOut(domain);
}

export async function deleteDomainName(input: T.DeleteDomainNameRequest, ctx: Ctx): Promise<void> {
  const store = await domainStore(ctx);
  await publicDomain(ctx, input.DomainName);
  store.domainNames.delete(domainKey(input.DomainName));
}

// ---- API mappings ----

function mappingOut(m: MappingState): T.ApiMapping {
  return { ApiId: m.restApiId, ApiMappingId: m.apiMappingId, ApiMappingKey: m.basePath === NONE ? '' : m.basePath, Stage: m.stage ?? '' };
}

/** The API (an HTTP or WebSocket API here, else a REST API of v1) must exist, and its stage. */
async function checkTarget(ctx: Ctx, apiId: string, stage: string): Promise<void> {
  const api = ctx.backend.api(apiId);
  const stages = api ? api.stages : (await domainStore(ctx)).restApi(apiId)?.stages;
  if (!stages) throw notFound(`Invalid API identifier specified ${ctx.account}:${apiId}`, 'Api');
  if (!stages.get(stage)) throw badRequest(`Invalid stage identifier specified: ${stage}`);
}

function requireMapping(domain: DomainState, id: string): MappingState {
  const mapping = mappingById(domain, id);
  if (!mapping) throw notFound(`Invalid ApiMapping identifier specified ${id}`, 'ApiMapping');
  return mapping;
}

export async function createApiMapping(input: T.CreateApiMappingRequest, ctx: Ctx): Promise<T.CreateApiMappingResponse> {
  const domain = await publicDomain(ctx, input.DomainName);
  await checkTarget(ctx, input.ApiId, input.Stage);
  return mappingOut(addMapping(domain, normalizeBasePath(input.ApiMappingKey), input.ApiId, input.Stage));
}

export async function getApiMapping(input: T.GetApiMappingRequest, ctx: Ctx): Promise<T.GetApiMappingResponse> {
  return mappingOut(requireMapping(await publicDomain(ctx, input.DomainName), input.ApiMappingId));
}

export async function getApiMappings(input: T.GetApiMappingsRequest, ctx: Ctx): Promise<T.GetApiMappingsResponse> {
  const domain = await publicDomain(ctx, input.DomainName);
  const limit = input.MaxResults === undefined ? 100 : Number(input.MaxResults);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest('MaxResults must be a positive integer');
  const keys = [...domain.mappings.keys()].sort();
  let start = 0;
  if (input.NextToken !== undefined) {
    const after = Buffer.from(input.NextToken, 'base64').toString('utf8');
    start = keys.indexOf(after) + 1;
    if (start === 0 || Buffer.from(after).toString('base64') !== input.NextToken) throw badRequest('Invalid NextToken');
  }
  const page = keys.slice(start, start + limit);
  const more = start + limit < keys.length;
  return {
    Items: page.map((k) => mappingOut(domain.mappings.get(k) as MappingState)),
    NextToken: more ? Buffer.from(page[page.length - 1]).toString('base64') : undefined,
  };
}

export async function updateApiMapping(input: T.UpdateApiMappingRequest, ctx: Ctx): Promise<T.UpdateApiMappingResponse> {
  const domain = await publicDomain(ctx, input.DomainName);
  const mapping = requireMapping(domain, input.ApiMappingId);
  const next = {
    basePath: input.ApiMappingKey === undefined ? mapping.basePath : normalizeBasePath(input.ApiMappingKey),
    apiId: input.ApiId,
    stage: input.Stage ?? mapping.stage,
  };
  await checkTarget(ctx, next.apiId, next.stage ?? '');
  return mappingOut(replaceMapping(domain, mapping, next));
}

export async function deleteApiMapping(input: T.DeleteApiMappingRequest, ctx: Ctx): Promise<void> {
  const domain = await publicDomain(ctx, input.DomainName);
  domain.mappings.delete(requireMapping(domain, input.ApiMappingId).basePath);
}
