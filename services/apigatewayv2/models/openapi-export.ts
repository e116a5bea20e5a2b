/**
 * An HTTP API as an OpenAPI 3.0 definition with API Gateway's extensions, as
 * ExportApi writes it (developer guide, "Working with OpenAPI definitions for
 * HTTP APIs"): routes as paths and operations (`x-amazon-apigateway-any-method`
 * for ANY, the `$default` path for the default route), each route's integration
 * as `x-amazon-apigateway-integration`, authorizers as security schemes with
 * `x-amazon-apigateway-authorizer`, CORS as `x-amazon-apigateway-cors`, tags as
 * `x-amazon-apigateway-tag-value`. ImportApi reads the same (responses/import-export.ts),
 * so an export imports back to the same API.
 */
import type { Authorizer, Integration } from '../types';
import type { HttpApi, Snapshot } from './resources';
import { parseRouteKey } from './route-keys';

export const IMPORT_EXPORT_VERSION = '1.0';

type Doc = Record<string, unknown>;

function integrationExtension(i: Integration): Doc {
  return {
    type: i.IntegrationType?.toLowerCase(),
    integrationSubtype: i.IntegrationSubtype,
    httpMethod: i.IntegrationMethod,
    uri: i.IntegrationUri,
    payloadFormatVersion: i.PayloadFormatVersion,
    connectionType: i.ConnectionType,
    connectionId: i.ConnectionId,
    credentials: i.CredentialsArn,
    timeoutInMillis: i.TimeoutInMillis,
    requestParameters: i.RequestParameters,
    responseParameters: i.ResponseParameters,
    tlsConfig: i.TlsConfig?.ServerNameToVerify ? { serverNameToVerify: i.TlsConfig.ServerNameToVerify } : undefined,
  };
}

function securityScheme(a: Authorizer): Doc {
  const identitySource = a.IdentitySource?.join(', ');
  if (a.AuthorizerType === 'JWT') {
    return {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        type: 'jwt',
        identitySource,
        jwtConfiguration: { issuer: a.JwtConfiguration?.Issuer, audience: a.JwtConfiguration?.Audience },
      },
    };
  }
  const header = /^\$request\.header\.(.+)$/.exec(a.IdentitySource?.[0] ?? '')?.[1];
  return {
    type: 'apiKey',
    name: header ?? 'Unused',
    in: 'header',
    'x-amazon-apigateway-authorizer': {
      type: 'request',
      identitySource,
      authorizerUri: a.AuthorizerUri,
      authorizerPayloadFormatVersion: a.AuthorizerPayloadFormatVersion,
      authorizerResultTtlInSeconds: a.AuthorizerResultTtlInSeconds,
      enableSimpleResponses: a.EnableSimpleResponses,
      authorizerCredentials: a.AuthorizerCredentialsArn,
    },
  };
}

/** Drops every `x-amazon-apigateway-*` member (IncludeExtensions false) and the undefined ones. */
function clean(v: unknown, extensions: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => clean(x, extensions));
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || (!extensions && k.startsWith('x-amazon-apigateway-'))) continue;
      out[k] = clean(x, extensions);
    }
    return out;
  }
  return v;
}

export function exportApi(api: HttpApi, snapshot: Snapshot, opts: { stageName?: string; region: string; extensions: boolean }): Doc {
  const info = api.info;
  const authorizers = [...snapshot.authorizers.values()];
  const schemeName = (id: string | undefined) => snapshot.authorizers.get(id ?? '')?.Name;
  const paths: Record<string, Doc> = {};
  for (const route of [...snapshot.routes].sort((a, b) => (a.RouteKey < b.RouteKey ? -1 : 1))) {
    const isDefault = route.RouteKey === '$default';
    const parsed = isDefault ? undefined : parseRouteKey(route.RouteKey);
    if (typeof parsed === 'string') continue;
    const path = isDefault ? '$default' : route.RouteKey.slice(route.RouteKey.indexOf(' ') + 1);
    const method = !parsed || parsed.method === 'ANY' ? 'x-amazon-apigateway-any-method' : parsed.method.toLowerCase();
    const params = (parsed?.segments ?? []).filter((s) => s.param).map((s) => ({ name: s.greedy ? `${s.param}+` : s.param, in: 'path', required: true, schema: { type: 'string' } }));
    const integrationId = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
    const integration = integrationId ? snapshot.integrations.get(integrationId) : undefined;
    const scheme = route.AuthorizationType === 'JWT' || route.AuthorizationType === 'CUSTOM' ? schemeName(route.AuthorizerId) : undefined;
    paths[path] ??= {};
    paths[path][method] = {
      responses: { default: { description: `Default response for ${route.RouteKey}` } },
      parameters: params.length ? params : undefined,
      security: scheme ? [{ [scheme]: route.AuthorizationType === 'JWT' ? [...(route.AuthorizationScopes ?? [])] : [] }] : undefined,
      'x-amazon-apigateway-integration': integration ? integrationExtension(integration) : undefined,
    };
  }
  const tags = Object.entries(info.Tags ?? {}).map(([name, value]) => ({ name, 'x-amazon-apigateway-tag-value': value }));
  const cors = info.CorsConfiguration;
  const doc: Doc = {
    openapi: '3.0.1',
    info: { title: info.Name, description: info.Description, version: info.Version ?? (info.CreatedDate ? info.CreatedDate.toISOString().replace(/\.\d+Z$/, 'Z') : '1.0') },
    servers: [
      {
        url: `https://${info.ApiId}.execute-api.${opts.region}.amazonaws.com/{basePath}`,
        variables: { basePath: { default: opts.stageName && opts.stageName !== '$default' ? opts.stageName : '' } },
      },
    ],
    tags: tags.length ? tags : undefined,
    paths,
    components: authorizers.length ? { securitySchemes: Object.fromEntries(authorizers.map((a) => [a.Name, securityScheme(a)])) } : undefined,
    'x-amazon-apigateway-cors': cors
      ? {
          allowOrigins: cors.AllowOrigins,
          allowCredentials: cors.AllowCredentials,
          exposeHeaders: cors.ExposeHeaders,
          maxAge: cors.MaxAge,
          allowMethods: cors.AllowMethods,
          allowHeaders: cors.AllowHeaders,
        }
      : undefined,
    'x-amazon-apigateway-disable-execute-api-endpoint': info.DisableExecuteApiEndpoint || undefined,
    'x-amazon-apigateway-importexport-version': IMPORT_EXPORT_VERSION,
  };
  return clean(doc, opts.extensions) as Doc;
}
