/**
 * Custom domain names (EDGE, REGIONAL or PRIVATE) and their base path mappings to REST
 * API stages, v1's view of the store v2 shares (models/domains.ts). The execute-api
 * data plane serves a REGIONAL domain's `regionalDomainName`
 * (`d-<id>.execute-api.<region>.amazonaws.com`) through its mappings
 * (services/apigatewayv2/dataplane/domains.ts).
 */
import { badRequest, notFound } from '../exceptions';
import {
  addMapping,
  basePathView,
  createDomain,
  type DomainState,
  domainKey,
  domainView,
  type MappingState,
  NONE,
  normalizeBasePath,
  replaceMapping,
  requireDomain,
} from '../models/domains';
import { patchInPlace, replaceable } from '../models/patch';
import type * as T from '../types';
import type { Ctx } from './common';

export function createDomainName(input: T.CreateDomainNameRequest, ctx: Ctx): T.DomainName {
  const types = input.endpointConfiguration?.types ?? ['EDGE'];
  if (types.length !== 1) throw badRequest('Exactly one endpoint type of EDGE, REGIONAL or PRIVATE must be specified');
  const type = types[0];
  const domain = createDomain(ctx.backend, {
    domainName: input.domainName,
    endpointType: type,
    certificateArn: type === 'REGIONAL' ? input.regionalCertificateArn : input.certificateArn,
    certificateName: type === 'REGIONAL' ? input.regionalCertificateName : input.certificateName,
    certificateBody: input.certificateBody,
    securityPolicy: input.securityPolicy,
    ipAddressType: input.endpointConfiguration?.ipAddressType,
    tags: input.tags,
    mutualTlsAuthentication: input.mutualTlsAuthentication,
    ownershipVerificationCertificateArn: input.ownershipVerificationCertificateArn,
    routingMode: input.routingMode,
    policy: input.policy,
    endpointAccessMode: input.endpointAccessMode,
  });
  return domainView(domain);
}

export function getDomainName(input: T.GetDomainNameRequest, ctx: Ctx): T.DomainName {
  return domainView(requireDomain(ctx.backend, input.domainName, input.domainNameId));
}

export function getDomainNames(input: T.GetDomainNamesRequest, ctx: Ctx): T.DomainNames {
  const page = ctx.backend.domainNames.page(input.limit, input.position);
  return { items: page.items.map(domainView), position: page.position };
}

const DOMAIN_PATCH = replaceable('string', '/certificateName', '/certificateArn', '/regionalCertificateName', '/regionalCertificateArn', '/securityPolicy', '/routingMode', '/policy');

export function updateDomainName(input: T.UpdateDomainNameRequest, ctx: Ctx): T.DomainName {
  const domain = requireDomain(ctx.backend, input.domainName, input.domainNameId);
  const { mappings, routingRules, ...rest } = domain;
  const patched = patchInPlace({ ...rest }, input.patchOperations, DOMAIN_PATCH);
  if (patched.securityPolicy !== undefined && !['TLS_1_0', 'TLS_1_2'].includes(patched.securityPolicy)) throw badRequest(`Invalid security policy: ${patched.securityPolicy}`);
  if (patched.routingMode !== undefined && !['API_MAPPING_ONLY', 'ROUTING_RULE_ONLY', 'ROUTING_RULE_THEN_API_MAPPING'].includes(patched.routingMode)) {
    throw badRequest(`Invalid routing mode: ${patched.routingMode}`);
  }
  Object.assign(domain, patched, { mappings, routingRules });
  return domainView(domain);
}

export function deleteDomainName(input: T.DeleteDomainNameRequest, ctx: Ctx): void {
  requireDomain(ctx.backend, input.domainName, input.domainNameId);
  ctx.backend.domainNames.delete(domainKey(input.domainName, input.domainNameId));
}

// ---- Base path mappings ----

/** The API and stage a mapping names must exist. */
function checkTarget(ctx: Ctx, restApiId: string | undefined, stage: string | undefined): void {
  const api = ctx.backend.restApi(restApiId ?? '');
  if (!api) throw badRequest('Invalid REST API identifier specified');
  if (stage !== undefined && !api.stages.get(stage)) throw badRequest('Invalid stage identifier specified');
}

export function createBasePathMapping(input: T.CreateBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  const domain = requireDomain(ctx.backend, input.domainName, input.domainNameId);
  const stage = input.stage === NONE ? undefined : input.stage;
  checkTarget(ctx, input.restApiId, stage);
  return basePathView(addMapping(domain, normalizeBasePath(input.basePath), input.restApiId, stage));
}

function requireMapping(domain: DomainState, basePath: string): MappingState {
  const mapping = domain.mappings.get(normalizeBasePath(basePath));
  if (!mapping) throw notFound('Invalid base path mapping identifier specified');
  return mapping;
}

export function getBasePathMapping(input: T.GetBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  return basePathView(requireMapping(requireDomain(ctx.backend, input.domainName, input.domainNameId), input.basePath));
}

export function getBasePathMappings(input: T.GetBasePathMappingsRequest, ctx: Ctx): T.BasePathMappings {
  const domain = requireDomain(ctx.backend, input.domainName, input.domainNameId);
  const paths = [...domain.mappings.keys()].sort();
  const start = input.position === undefined ? 0 : paths.indexOf(input.position) + 1;
  if (input.position !== undefined && start === 0) throw badRequest('Invalid position parameter');
  const limit = input.limit ?? 25;
  const slice = paths.slice(start, start + limit);
  return { items: slice.map((p) => basePathView(domain.mappings.get(p) as MappingState)), position: start + limit < paths.length ? slice[slice.length - 1] : undefined };
}

/** UpdateBasePathMapping: `replace` of `/basePath`, `/restapiId` (AWS's spelling of the path), `/stage`. */
export function updateBasePathMapping(input: T.UpdateBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  const domain = requireDomain(ctx.backend, input.domainName, input.domainNameId);
  const mapping = requireMapping(domain, input.basePath);
  const patched = patchInPlace(
    { basePath: mapping.basePath, restapiId: mapping.restApiId, stage: mapping.stage } as Record<string, string | undefined>,
    input.patchOperations,
    replaceable('string', '/basePath', '/restapiId', '/stage'),
  );
  checkTarget(ctx, patched.restapiId, patched.stage);
  const next = { basePath: normalizeBasePath(patched.basePath), apiId: patched.restapiId as string, stage: patched.stage };
  return basePathView(replaceMapping(domain, mapping, next));
}

export function deleteBasePathMapping(input: T.DeleteBasePathMappingRequest, ctx: Ctx): void {
  const domain = requireDomain(ctx.backend, input.domainName, input.domainNameId);
  const mapping = requireMapping(domain, input.basePath);
  domain.mappings.delete(mapping.basePath);
}
