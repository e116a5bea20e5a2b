/**
 * ImportApi, ReimportApi (an HTTP API from an OpenAPI 3.0 definition, JSON or
 * YAML) and ExportApi (models/openapi-export.ts). An import is built on a scratch
 * backend through the same Create* handlers a caller would use (so their rules
 * apply), and lands in the real one only when the whole definition went through:
 * a bad definition changes nothing. What the import skips is a warning
 * (`Warnings`); with FailOnWarnings any warning is BadRequestException.
 */
import { badRequest } from '../exceptions';
import { ApiGatewayV2Backend } from '../models/backend';
import { exportApi } from '../models/openapi-export';
import { type HttpApi, snapshotOf } from '../models/resources';
import { OPENAPI_METHODS } from '../../apigateway/models/openapi-read';
import { parseYaml, toYaml, YamlError } from '../../apigateway/models/yaml';
import type * as T from '../types';
import { createApi } from './apis';
import { createAuthorizer } from './authorizers';
import { type Ctx, out } from './common';
import { createIntegration } from './integrations';
import { createRoute } from './routes';

type Doc = Record<string, unknown>;
/** Path-item members that are not operations (OpenAPI 3.0). */
const PATH_ITEM_FIELDS = new Set(['summary', 'description', 'servers', 'parameters', '$ref']);

const obj = (v: unknown): Doc | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? [v] : undefined);
/** The members that are set: a handler's defaults must not be overwritten by an absent member. */
function defined<O extends object>(o: O): O {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as O;
}
const stringMap = (v: unknown): Record<string, string> | undefined => {
  const o = obj(v);
  return o ? Object.fromEntries(Object.entries(o).map(([k, x]) => [k, String(x)])) : undefined;
};

function parseDefinition(body: string): Doc {
  let doc: unknown;
  try {
    doc = body.trimStart().startsWith('{') ? JSON.parse(body) : parseYaml(body);
  } catch (e) {
    const why = e instanceof YamlError || e instanceof SyntaxError ? e.message : 'unreadable';
    throw badRequest(`Invalid OpenAPI input: the definition is neither valid JSON nor YAML (${why})`);
  }
  const d = obj(doc);
  if (!d) throw badRequest('Invalid OpenAPI input: the definition must be an object');
  if (d.swagger !== undefined) throw badRequest('Invalid OpenAPI input: HTTP APIs are imported from OpenAPI 3.0 definitions');
  if (!/^3\.0(\.\d+)?$/.test(str(d.openapi) ?? '')) throw badRequest('Invalid OpenAPI input: openapi must be 3.0.x');
  if (!str(obj(d.info)?.title)) throw badRequest('Invalid OpenAPI input: info.title is required (it names the API)');
  if (!obj(d.paths)) throw badRequest('Invalid OpenAPI input: paths is required');
  return d;
}

/** The servers[0] URL's path with its variables' defaults: what Basepath prepend / split work on. */
function basePathOf(doc: Doc): string {
  const server = obj((doc.servers as unknown[] | undefined)?.[0]);
  const url = str(server?.url) ?? '';
  const vars = obj(server?.variables) ?? {};
  const filled = url.replace(/\{([^}]+)\}/g, (_, name: string) => str(obj(vars[name])?.default) ?? '');
  const path = filled.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return `/${path.split('/').filter(Boolean).join('/')}`.replace(/\/$/, '');
}

function routePrefix(doc: Doc, mode: string | undefined): string {
  const base = basePathOf(doc);
  if (!mode || mode === 'ignore') return '';
  if (mode === 'prepend') return base;
  if (mode === 'split') return `/${base.split('/').filter(Boolean).slice(1).join('/')}`.replace(/\/$/, '');
  throw badRequest(`Invalid basepath mode ${mode}: use ignore, prepend or split`);
}

/** The definition's API, routes, integrations and authorizers, created on `scratch` through the handlers. */
function build(doc: Doc, input: { Basepath?: string }, scratch: Ctx, warnings: string[]): HttpApi {
  const info = obj(doc.info) ?? {};
  const cors = obj(doc['x-amazon-apigateway-cors']);
  const tags: Record<string, string> = {};
  for (const t of (doc.tags as unknown[] | undefined) ?? []) {
    const value = str(obj(t)?.['x-amazon-apigateway-tag-value']);
    const name = str(obj(t)?.name);
    if (name && value !== undefined) tags[name] = value;
  }
  const created = createApi(
    defined({
      Name: str(info.title) as string,
      ProtocolType: 'HTTP',
      Version: str(info.version),
      Description: str(info.description),
      DisableExecuteApiEndpoint: doc['x-amazon-apigateway-disable-execute-api-endpoint'] === true ? true : undefined,
      Tags: tags,
      CorsConfiguration: cors && {
        AllowOrigins: strings(cors.allowOrigins),
        AllowCredentials: typeof cors.allowCredentials === 'boolean' ? cors.allowCredentials : undefined,
        ExposeHeaders: strings(cors.exposeHeaders),
        MaxAge: num(cors.maxAge),
        AllowMethods: strings(cors.allowMethods),
        AllowHeaders: strings(cors.allowHeaders),
      },
    }),
    scratch,
  );
  const apiId = created.ApiId as string;
  // Security schemes with API Gateway's authorizer extension become authorizers, by scheme name.
  const authorizerIds = new Map<string, { id: string; type: string }>();
  const schemes = obj(obj(doc.components)?.securitySchemes) ?? {};
  for (const [name, s] of Object.entries(schemes)) {
    const ext = obj(obj(s)?.['x-amazon-apigateway-authorizer']);
    if (!ext) {
      warnings.push(`Unsupported security scheme ${name}: it has no x-amazon-apigateway-authorizer and was ignored`);
      continue;
    }
    const type = str(ext.type)?.toLowerCase();
    if (type !== 'jwt' && type !== 'request') {
      warnings.push(`Unsupported authorizer type ${ext.type} in security scheme ${name}; it was ignored`);
      continue;
    }
    const jwt = obj(ext.jwtConfiguration);
    const a = createAuthorizer(
      defined({
        ApiId: apiId,
        Name: name,
        AuthorizerType: type === 'jwt' ? 'JWT' : 'REQUEST',
        IdentitySource: str(ext.identitySource)
          ?.split(',')
          .map((x) => x.trim())
          .filter(Boolean) ?? (strings(ext.identitySource) as string[]),
        JwtConfiguration: jwt && { Issuer: str(jwt.issuer), Audience: strings(jwt.audience) },
        AuthorizerUri: str(ext.authorizerUri),
        AuthorizerPayloadFormatVersion: str(ext.authorizerPayloadFormatVersion),
        AuthorizerResultTtlInSeconds: num(ext.authorizerResultTtlInSeconds),
        EnableSimpleResponses: typeof ext.enableSimpleResponses === 'boolean' ? ext.enableSimpleResponses : undefined,
        AuthorizerCredentialsArn: str(ext.authorizerCredentials),
      }),
      scratch,
    );
    authorizerIds.set(name, { id: a.AuthorizerId as string, type: a.AuthorizerType as string });
  }
  // Integrations: one per operation, or one per `$ref` into components.x-amazon-apigateway-integrations.
  const shared = obj(obj(doc.components)?.['x-amazon-apigateway-integrations']) ?? {};
  const byRef = new Map<string, string>();
  const integrationFor = (ext: Doc, where: string): string | undefined => {
    const ref = str(ext.$ref);
    if (ref) {
      const known = byRef.get(ref);
      if (known) return known;
      const target = obj(shared[ref.replace(/^#\/components\/x-amazon-apigateway-integrations\//, '')]);
      if (!target) throw badRequest(`Invalid OpenAPI input: ${where} refers to an unknown integration ${ref}`);
      const id = integrationFor(target, where);
      if (id) byRef.set(ref, id);
      return id;
    }
    const type = str(ext.type)?.toUpperCase();
    if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
      warnings.push(`Unsupported integration type ${ext.type} at ${where}; the route was imported without an integration`);
      return undefined;
    }
    const tls = obj(ext.tlsConfig);
    const created = createIntegration(
      defined({
        ApiId: apiId,
        IntegrationType: type,
        IntegrationSubtype: str(ext.integrationSubtype),
        IntegrationMethod: str(ext.httpMethod)?.toUpperCase(),
        IntegrationUri: str(ext.uri),
        PayloadFormatVersion: str(ext.payloadFormatVersion),
        ConnectionType: str(ext.connectionType),
        ConnectionId: str(ext.connectionId),
        CredentialsArn: str(ext.credentials),
        TimeoutInMillis: num(ext.timeoutInMillis),
        RequestParameters: stringMap(ext.requestParameters),
        ResponseParameters: obj(ext.responseParameters) as Record<string, Record<string, string>> | undefined,
        TlsConfig: tls && { ServerNameToVerify: str(tls.serverNameToVerify) },
      }),
      scratch,
    );
    return created.IntegrationId;
  };
  const prefix = routePrefix(doc, input.Basepath);
  const globalSecurity = doc.security;
  for (const [path, item] of Object.entries(obj(doc.paths) ?? {})) {
    for (const [member, op] of Object.entries(obj(item) ?? {})) {
      if (member.startsWith('x-amazon-apigateway-') && !OPENAPI_METHODS[member]) {
        warnings.push(`Unsupported extension ${member} at ${path}; it was ignored`);
        continue;
      }
      const method = OPENAPI_METHODS[member];
      if (!method && (PATH_ITEM_FIELDS.has(member) || member.startsWith('x-'))) continue;
      if (!method) {
        warnings.push(`Unsupported method ${member} at ${path}; it was ignored`);
        continue;
      }
      const isDefault = path === '$default';
      if (isDefault && method !== 'ANY') throw badRequest('Invalid OpenAPI input: the $default path takes only x-amazon-apigateway-any-method');
      const routeKey = isDefault ? '$default' : `${method} ${prefix}${path === '/' && prefix ? '' : path}`;
      const operation = obj(op) ?? {};
      const ext = obj(operation['x-amazon-apigateway-integration']);
      const integrationId = ext ? integrationFor(ext, `${member} ${path}`) : undefined;
      const security = (operation.security ?? globalSecurity) as unknown[] | undefined;
      const requirement = obj(security?.[0]);
      const [scheme, scopes] = requirement ? (Object.entries(requirement)[0] ?? []) : [];
      const authorizer = scheme ? authorizerIds.get(scheme) : undefined;
      if (scheme && !authorizer) throw badRequest(`Invalid OpenAPI input: ${member} ${path} uses security scheme ${scheme}, which is not an authorizer of the definition`);
      createRoute(
        defined({
          ApiId: apiId,
          RouteKey: routeKey,
          Target: integrationId ? `integrations/${integrationId}` : undefined,
          AuthorizationType: authorizer ? (authorizer.type === 'JWT' ? 'JWT' : 'CUSTOM') : 'NONE',
          AuthorizerId: authorizer?.id,
          AuthorizationScopes: authorizer?.type === 'JWT' && Array.isArray(scopes) && scopes.length ? scopes.map(String) : undefined,
          OperationName: str(operation.operationId),
        }),
        scratch,
      );
    }
  }
  return scratch.backend.requireApi(apiId);
}

function scratchOf(ctx: Ctx): Ctx {
  return { ...ctx, backend: new ApiGatewayV2Backend({ account: ctx.account, region: ctx.region, backends: ctx.backends }) };
}

function importDefinition(input: { Body: string; Basepath?: string; FailOnWarnings?: boolean }, ctx: Ctx): { api: HttpApi; warnings: string[] } {
  const doc = parseDefinition(input.Body);
  const warnings: string[] = [];
  const api = build(doc, input, scratchOf(ctx), warnings);
  if (input.FailOnWarnings && warnings.length) throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  return { api, warnings };
}

export function importApi(input: T.ImportApiRequest, ctx: Ctx): T.ImportApiResponse {
  const { api, warnings } = importDefinition(input, ctx);
  // The scratch id and endpoint are kept: ids are random and unique in either backend.
  ctx.backend.apis.set(api.info.ApiId, api);
  return { ...out(api.info), Warnings: warnings.length ? warnings : undefined };
}

/** ReimportApi: the definition replaces the API's routes, integrations, authorizers and settings; id, endpoint, stages and deployments stay. */
export function reimportApi(input: T.ReimportApiRequest, ctx: Ctx): T.ReimportApiResponse {
  const existing = ctx.backend.requireApi(input.ApiId);
  if (existing.info.ProtocolType !== 'HTTP') throw badRequest('ReimportApi is supported only for HTTP APIs');
  const { api, warnings } = importDefinition(input, ctx);
  const { ApiId: _id, ApiEndpoint: _e, CreatedDate: _c, ...settings } = api.info;
  existing.info = { ...existing.info, Description: undefined, Version: undefined, CorsConfiguration: undefined, ...settings, Tags: existing.info.Tags };
  existing.routes = api.routes;
  existing.integrations = api.integrations;
  existing.authorizers = api.authorizers;
  return { ...out(existing.info), Warnings: warnings.length ? warnings : undefined };
}

export function exportApiHandler(input: T.ExportApiRequest, ctx: Ctx): T.ExportApiResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  if (api.info.ProtocolType !== 'HTTP') throw badRequest('ExportApi is supported only for HTTP APIs');
  if (input.Specification !== 'OAS30') throw badRequest(`Unsupported specification ${input.Specification}: OAS30 is the only supported value`);
  if (input.OutputType !== 'JSON' && input.OutputType !== 'YAML') throw badRequest(`Unsupported output type ${input.OutputType}: use JSON or YAML`);
  if (input.ExportVersion !== undefined && input.ExportVersion !== '1.0') throw badRequest(`Unsupported export version ${input.ExportVersion}: 1.0 is the only supported value`);
  let snapshot = snapshotOf(api);
  if (input.StageName !== undefined) {
    if (!api.stages.get(input.StageName)) throw badRequest(`Invalid stage identifier specified ${input.StageName}`);
    const deployed = ctx.backend.snapshot(api, input.StageName);
    if (!deployed) throw badRequest(`Stage ${input.StageName} has no deployment to export`);
    snapshot = deployed;
  }
  const doc = exportApi(api, snapshot, { stageName: input.StageName, region: ctx.region, extensions: input.IncludeExtensions ?? true });
  const text = input.OutputType === 'JSON' ? JSON.stringify(doc, null, 2) : toYaml(doc);
  return { body: Buffer.from(text) };
}
