/**
 * Custom domain names: ONE resource seen through both APIs. A domain created
 * with v2's CreateDomainName is v1's GetDomainName answer and the other way
 * round, and v1's base path mappings are v2's API mappings (AWS: "You can map
 * HTTP and REST API stages to the same custom domain name"). The store is this
 * (v1) backend's `domainNames`; v2 reaches it through `backends.get('apigateway')`
 * and the functions here. The execute-api data plane routes a domain's requests
 * (services/apigatewayv2/dataplane/domains.ts).
 */
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import type * as T from '../types';
import type { ApiGatewayBackend } from './backend';
import { deepCopy } from './copy';
import { gatewayId } from './ids';

/** The empty base path as both APIs spell it. */
export const NONE = '(none)';

/** CloudFront's hosted zone, the same for every edge-optimized domain. */
export const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';

/** Route 53 hosted zone ids of API Gateway's regional endpoints (AWS General Reference, "API Gateway endpoints"). */
const REGIONAL_ZONES: Record<string, string> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'ap-south-1': 'Z3VO1THU9YC4UR',
  'ap-northeast-1': 'Z1YSHQZHG15GKL',
  'ap-northeast-2': 'Z20JF4UZKIW1U8',
  'ap-northeast-3': 'Z2YQB5RD63NC85',
  'ap-southeast-1': 'ZL327KTPIQFUL',
  'ap-southeast-2': 'Z2RPCDW04V8134',
  'ca-central-1': 'Z19DQILCV0OWEC',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-west-2': 'ZJ5UAJN8Y3Z2Q',
  'eu-west-3': 'Z3KY65QIEKYHQQ',
  'sa-east-1': 'ZCMLWB8V5SYIT',
};

/** A mapping as both APIs see it: v1's basePath / restApiId / stage, plus v2's mapping id. */
export type MappingState = T.BasePathMapping & { basePath: string; restApiId: string; apiMappingId: string };

/** A routing rule (v2 API): conditions on headers and base paths, one action, a unique priority. */
export interface RoutingRuleState {
  routingRuleId: string;
  routingRuleArn: string;
  priority: number;
  conditions: { matchBasePaths?: string[]; matchHeaders?: { header: string; valueGlob: string }[] }[];
  action: { apiId: string; stage: string; stripBasePath: boolean };
}

/** A custom domain name with its mappings by base path (`(none)` for the empty one) and its routing rules by id. */
export type DomainState = T.DomainName & {
  domainName: string;
  endpointType: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  mappings: Map<string, MappingState>;
  routingRules: Map<string, RoutingRuleState>;
};

/** What creating a domain takes, from either API. */
export interface DomainSpec {
  domainName: string;
  endpointType: string;
  certificateArn?: string;
  certificateName?: string;
  certificateBody?: string;
  securityPolicy?: string;
  ipAddressType?: string;
  tags?: Record<string, string>;
  mutualTlsAuthentication?: { truststoreUri?: string; truststoreVersion?: string };
  ownershipVerificationCertificateArn?: string;
  routingMode?: string;
  policy?: string;
  endpointAccessMode?: string;
}

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
const POLICIES = ['TLS_1_0', 'TLS_1_2'];

/** The store key: a public domain by its name, a private one by `<name>+<domainNameId>` (names repeat across them). */
export function domainKey(name: string, domainNameId?: string): string {
  return domainNameId ? `${name}+${domainNameId}` : name;
}

export function requireDomain(backend: ApiGatewayBackend, name: string, domainNameId?: string): DomainState {
  return backend.domainNames.require(domainKey(name, domainNameId), () => notFound('Invalid domain name identifier specified'));
}

/** CreateDomainName of either API: validated before anything is stored; AVAILABLE at once. */
export function createDomain(backend: ApiGatewayBackend, spec: DomainSpec): DomainState {
  if (!DOMAIN.test(spec.domainName)) throw badRequest(`Invalid domain name: ${spec.domainName}`);
  const type = spec.endpointType;
  if (type !== 'EDGE' && type !== 'REGIONAL' && type !== 'PRIVATE') throw badRequest('Exactly one endpoint type of EDGE, REGIONAL or PRIVATE must be specified');
  const certificate = spec.certificateArn ?? spec.certificateName ?? (type === 'EDGE' ? spec.certificateBody : undefined);
  if (!certificate) throw badRequest(`A certificate was not provided for the ${type} endpoint`);
  const securityPolicy = spec.securityPolicy ?? 'TLS_1_2';
  if (!POLICIES.includes(securityPolicy)) throw badRequest(`Invalid security policy: ${securityPolicy}`);
  if (type === 'PRIVATE' && securityPolicy !== 'TLS_1_2') throw badRequest('Private custom domain names support only the TLS_1_2 security policy');
  if (spec.mutualTlsAuthentication?.truststoreUri && (type !== 'REGIONAL' || securityPolicy !== 'TLS_1_2')) {
    throw badRequest('Mutual TLS authentication requires a REGIONAL domain name with the TLS_1_2 security policy');
  }
  const domainNameId = type === 'PRIVATE' ? gatewayId(8) : undefined;
  const key = domainKey(spec.domainName, domainNameId);
  if (type !== 'PRIVATE' && backend.domainNames.get(key)) throw conflict('The domain name you provided already exists.');
  const arnAccount = type === 'PRIVATE' ? backend.account : '';
  const domain: DomainState = {
    domainName: spec.domainName,
    domainNameId,
    domainNameArn: `arn:aws:apigateway:${backend.region}:${arnAccount}:/domainnames/${key}`,
    endpointType: type,
    endpointConfiguration: { types: [type], ipAddressType: spec.ipAddressType ?? 'ipv4' },
    domainNameStatus: 'AVAILABLE',
    securityPolicy,
    tags: nullProto(spec.tags),
    routingMode: spec.routingMode ?? 'API_MAPPING_ONLY',
    ownershipVerificationCertificateArn: spec.ownershipVerificationCertificateArn,
    mappings: new Map(),
    routingRules: new Map(),
  };
  if (type === 'EDGE') {
    Object.assign(domain, { certificateArn: spec.certificateArn, certificateName: spec.certificateName });
    if (spec.certificateBody) domain.certificateUploadDate = clock.date();
    domain.distributionDomainName = `d${gatewayId(13)}.cloudfront.net`;
    domain.distributionHostedZoneId = CLOUDFRONT_ZONE;
  } else if (type === 'REGIONAL') {
    Object.assign(domain, { regionalCertificateArn: spec.certificateArn, regionalCertificateName: spec.certificateName });
    domain.regionalDomainName = `d-${gatewayId(10)}.execute-api.${backend.region}.amazonaws.com`;
    domain.regionalHostedZoneId = REGIONAL_ZONES[backend.region];
  } else {
    domain.certificateArn = spec.certificateArn;
    domain.policy = spec.policy;
    domain.endpointAccessMode = spec.endpointAccessMode;
  }
  if (spec.mutualTlsAuthentication?.truststoreUri) {
    domain.mutualTlsAuthentication = { ...spec.mutualTlsAuthentication, truststoreWarnings: [] };
  }
  backend.domainNames.set(key, domain);
  return domain;
}

function nullProto(m: Record<string, string> | undefined): Record<string, string> {
  const copy: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(m ?? {})) copy[k] = v;
  return copy;
}

/** The v1 view: the model's members only. */
export function domainView(domain: DomainState): T.DomainName {
  const { mappings: _m, routingRules: _r, endpointType: _e, ...rest } = domain;
  return deepCopy(rest);
}

/**
 * A base path (v1) or ApiMappingKey (v2): `(none)` / empty, or segments of URL-safe characters.
 * Several levels (`orders/v1`) only on a REGIONAL domain with the TLS_1_2 policy, as AWS allows them.
 */
export function checkBasePath(domain: DomainState, basePath: string): void {
  if (basePath === NONE) return;
  if (!/^[a-zA-Z0-9$_.+!*'()-]+(\/[a-zA-Z0-9$_.+!*'()-]+)*$/.test(basePath)) throw badRequest(`Invalid base path: ${basePath}`);
  if (basePath.includes('/') && (domain.endpointType !== 'REGIONAL' || domain.securityPolicy !== 'TLS_1_2')) {
    throw badRequest('API mappings with multiple levels are supported only for REGIONAL domain names with the TLS_1_2 security policy');
  }
}

/** The empty base path in either API's spelling, as stored. */
export function normalizeBasePath(basePath: string | undefined): string {
  return basePath === undefined || basePath === '' ? NONE : basePath;
}

export function addMapping(domain: DomainState, basePath: string, apiId: string, stage: string | undefined): MappingState {
  checkBasePath(domain, basePath);
  if (domain.mappings.has(basePath)) throw conflict('Base path already exists for this domain name');
  const mapping: MappingState = { basePath, restApiId: apiId, stage, apiMappingId: gatewayId(6) };
  domain.mappings.set(basePath, mapping);
  return mapping;
}

/** Moves or retargets a mapping (checked first: a taken base path is ConflictException and nothing changes). */
export function replaceMapping(domain: DomainState, mapping: MappingState, next: { basePath: string; apiId: string; stage: string | undefined }): MappingState {
  checkBasePath(domain, next.basePath);
  if (next.basePath !== mapping.basePath && domain.mappings.has(next.basePath)) throw conflict('Base path already exists for this domain name');
  domain.mappings.delete(mapping.basePath);
  const updated: MappingState = { basePath: next.basePath, restApiId: next.apiId, stage: next.stage, apiMappingId: mapping.apiMappingId };
  domain.mappings.set(updated.basePath, updated);
  return updated;
}

export function mappingById(domain: DomainState, apiMappingId: string): MappingState | undefined {
  for (const m of domain.mappings.values()) if (m.apiMappingId === apiMappingId) return m;
  return undefined;
}

/** v1's view of a mapping. */
export function basePathView(m: MappingState): T.BasePathMapping {
  return { basePath: m.basePath, restApiId: m.restApiId, stage: m.stage };
}
