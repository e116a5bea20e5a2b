/**
 * Custom domain names (EDGE or REGIONAL) and their base path mappings to REST
 * API stages. The execute-api data plane serves a REGIONAL domain's
 * `regionalDomainName` (`d-<id>.execute-api.<region>.amazonaws.com`) through
 * its mappings (services/apigatewayv2/dataplane/index.ts).
 */
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { patchInPlace, replaceable } from '../models/patch';
import type { DomainState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

/** CloudFront's hosted zone, the same for every edge-optimized domain. */
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';

function requireDomain(ctx: Ctx, name: string): DomainState {
  return ctx.backend.domainNames.require(name, () => notFound('Invalid domain name identifier specified'));
}

export function createDomainName(input: T.CreateDomainNameRequest, ctx: Ctx): T.DomainName {
  if (ctx.backend.domainNames.get(input.domainName)) throw conflict('The domain name you provided already exists.');
  if (!/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(input.domainName)) throw badRequest(`Invalid domain name: ${input.domainName}`);
  const types = input.endpointConfiguration?.types ?? ['EDGE'];
  if (types.length !== 1 || !['EDGE', 'REGIONAL'].includes(types[0])) throw badRequest('Exactly one endpoint type of EDGE or REGIONAL must be specified');
  const regional = types[0] === 'REGIONAL';
  const certificate = regional ? (input.regionalCertificateArn ?? input.regionalCertificateName) : (input.certificateArn ?? input.certificateName ?? input.certificateBody);
  if (!certificate) throw badRequest(`A certificate was not provided for the ${types[0]} endpoint`);
  if (input.securityPolicy !== undefined && !['TLS_1_0', 'TLS_1_2'].includes(input.securityPolicy)) throw badRequest(`Invalid security policy: ${input.securityPolicy}`);
  const domain: DomainState = {
    domainName: input.domainName,
    domainNameArn: `arn:aws:apigateway:${ctx.backend.region}::/domainnames/${input.domainName}`,
    certificateName: input.certificateName,
    certificateArn: input.certificateArn,
    certificateUploadDate: input.certificateBody ? clock.date() : undefined,
    regionalCertificateName: input.regionalCertificateName,
    regionalCertificateArn: input.regionalCertificateArn,
    endpointConfiguration: { types, ipAddressType: input.endpointConfiguration?.ipAddressType ?? 'ipv4' },
    domainNameStatus: 'AVAILABLE',
    securityPolicy: input.securityPolicy ?? 'TLS_1_2',
    tags: userMap(input.tags),
    mappings: new Map(),
  };
  if (regional) domain.regionalDomainName = `d-${gatewayId(10)}.execute-api.${ctx.backend.region}.amazonaws.com`;
  else {
    domain.distributionDomainName = `d${gatewayId(13)}.cloudfront.net`;
    domain.distributionHostedZoneId = CLOUDFRONT_ZONE;
  }
  ctx.backend.domainNames.set(input.domainName, domain);
  return view(domain);
}

function view(domain: DomainState): T.DomainName {
  const { mappings: _m, ...rest } = domain;
  return out(rest);
}

export function getDomainName(input: T.GetDomainNameRequest, ctx: Ctx): T.DomainName {
  return view(requireDomain(ctx, input.domainName));
}

export function getDomainNames(input: T.GetDomainNamesRequest, ctx: Ctx): T.DomainNames {
  const page = ctx.backend.domainNames.page(input.limit, input.position);
  return { items: page.items.map(view), position: page.position };
}

export function updateDomainName(input: T.UpdateDomainNameRequest, ctx: Ctx): T.DomainName {
  const domain = requireDomain(ctx, input.domainName);
  const rules = replaceable('string', '/certificateName', '/certificateArn', '/regionalCertificateName', '/regionalCertificateArn', '/securityPolicy');
  const { mappings, ...rest } = domain;
  const patched = patchInPlace({ ...rest }, input.patchOperations, rules);
  if (patched.securityPolicy !== undefined && !['TLS_1_0', 'TLS_1_2'].includes(patched.securityPolicy)) throw badRequest(`Invalid security policy: ${patched.securityPolicy}`);
  Object.assign(domain, patched, { mappings });
  return view(domain);
}

export function deleteDomainName(input: T.DeleteDomainNameRequest, ctx: Ctx): void {
  requireDomain(ctx, input.domainName);
  ctx.backend.domainNames.delete(input.domainName);
}

// ---- Base path mappings ----

const NONE = '(none)';

/** The API and stage a mapping names must exist. */
function checkTarget(ctx: Ctx, restApiId: string | undefined, stage: string | undefined): void {
  const api = ctx.backend.restApi(restApiId ?? '');
  if (!api) throw badRequest('Invalid REST API identifier specified');
  if (stage !== undefined && !api.stages.get(stage)) throw badRequest('Invalid stage identifier specified');
}

export function createBasePathMapping(input: T.CreateBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  const domain = requireDomain(ctx, input.domainName);
  const basePath = input.basePath === undefined || input.basePath === '' ? NONE : input.basePath;
  if (basePath !== NONE && !/^[a-zA-Z0-9$_.+!*'()-]+(\/[a-zA-Z0-9$_.+!*'()-]+)*$/.test(basePath)) throw badRequest(`Invalid base path: ${basePath}`);
  checkTarget(ctx, input.restApiId, input.stage);
  if (domain.mappings.has(basePath)) throw conflict('Base path already exists for this domain name');
  const mapping: T.BasePathMapping = { basePath, restApiId: input.restApiId, stage: input.stage };
  domain.mappings.set(basePath, mapping);
  return out(mapping);
}

function requireMapping(domain: DomainState, basePath: string): T.BasePathMapping {
  const mapping = domain.mappings.get(basePath === '' ? NONE : basePath);
  if (!mapping) throw notFound('Invalid base path mapping identifier specified');
  return mapping;
}

export function getBasePathMapping(input: T.GetBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  return out(requireMapping(requireDomain(ctx, input.domainName), input.basePath));
}

export function getBasePathMappings(input: T.GetBasePathMappingsRequest, ctx: Ctx): T.BasePathMappings {
  const domain = requireDomain(ctx, input.domainName);
  const paths = [...domain.mappings.keys()].sort();
  const start = input.position === undefined ? 0 : paths.indexOf(input.position) + 1;
  if (input.position !== undefined && start === 0) throw badRequest('Invalid position parameter');
  const limit = input.limit ?? 25;
  const slice = paths.slice(start, start + limit);
  return { items: slice.map((p) => out(domain.mappings.get(p) as T.BasePathMapping)), position: start + limit < paths.length ? slice[slice.length - 1] : undefined };
}

/** UpdateBasePathMapping: `replace` of `/basePath`, `/restapiId` (AWS's spelling of the path), `/stage`. */
export function updateBasePathMapping(input: T.UpdateBasePathMappingRequest, ctx: Ctx): T.BasePathMapping {
  const domain = requireDomain(ctx, input.domainName);
  const mapping = requireMapping(domain, input.basePath);
  const patched = patchInPlace(
    { basePath: mapping.basePath, restapiId: mapping.restApiId, stage: mapping.stage } as Record<string, string | undefined>,
    input.patchOperations,
    replaceable('string', '/basePath', '/restapiId', '/stage'),
  );
  const basePath = patched.basePath || NONE;
  checkTarget(ctx, patched.restapiId, patched.stage);
  if (basePath !== mapping.basePath && domain.mappings.has(basePath)) throw conflict('Base path already exists for this domain name');
  domain.mappings.delete(mapping.basePath as string);
  const updated: T.BasePathMapping = { basePath, restApiId: patched.restapiId, stage: patched.stage };
  domain.mappings.set(basePath, updated);
  return out(updated);
}

export function deleteBasePathMapping(input: T.DeleteBasePathMappingRequest, ctx: Ctx): void {
  const domain = requireDomain(ctx, input.domainName);
  const mapping = requireMapping(domain, input.basePath);
  domain.mappings.delete(mapping.basePath as string);
}
