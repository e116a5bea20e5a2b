/**
 * GetExport: a deployed stage as an OpenAPI 3.0 (`oas30`) or Swagger 2.0
 * (`swagger`) document, with API Gateway's extensions when asked for
 * (`integrations`, `authorizers`, or both as `apigateway`). What it writes
 * reads back through ImportRestApi to the same resources and methods.
 */
import type * as T from '../types';
import { schemaObject } from './json-schema';
import type { DeploymentSnapshot, RestApiState } from './resources';

type Obj = Record<string, unknown>;

export interface ExportOptions {
  exportType: 'oas30' | 'swagger';
  integrations: boolean;
  authorizers: boolean;
  region: string;
}

const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/(.+)$/;

/** A stored schema with its model URLs turned back into document `$ref`s. */
function documentSchema(schema: unknown, prefix: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => documentSchema(s, prefix));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    const name = k === '$ref' && typeof v === 'string' ? MODEL_URL.exec(v)?.[1] : undefined;
    out[k] = name !== undefined ? `${prefix}${name}` : documentSchema(v, prefix);
  }
  return out;
}

function integrationOut(i: T.Integration): Obj {
  const responses: Obj = {};
  for (const r of Object.values(i.integrationResponses ?? {})) {
    responses[r.selectionPattern ?? 'default'] = strip({
      statusCode: r.statusCode,
      responseParameters: r.responseParameters,
      responseTemplates: r.responseTemplates,
      contentHandling: r.contentHandling,
    });
  }
  return strip({
    type: i.type?.toLowerCase(),
    httpMethod: i.httpMethod,
    uri: i.uri,
    credentials: i.credentials,
    connectionType: i.connectionType === 'INTERNET' ? undefined : i.connectionType,
    connectionId: i.connectionId,
    requestParameters: i.requestParameters,
    requestTemplates: i.requestTemplates,
    responses: Object.keys(responses).length ? responses : undefined,
    passthroughBehavior: i.passthroughBehavior?.toLowerCase(),
    contentHandling: i.contentHandling,
    timeoutInMillis: i.timeoutInMillis === 29000 ? undefined : i.timeoutInMillis,
    cacheNamespace: i.cacheNamespace,
    cacheKeyParameters: i.cacheKeyParameters?.length ? i.cacheKeyParameters : undefined,
    tlsConfig: i.tlsConfig,
  });
}

function strip(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function exportDocument(api: RestApiState, stage: T.Stage & { stageName: string }, snapshot: DeploymentSnapshot, o: ExportOptions): Obj {
  const oas3 = o.exportType === 'oas30';
  const ref = oas3 ? '#/components/schemas/' : '#/definitions/';
  const validatorNames = new Map([...snapshot.validators.values()].map((v) => [v.id, v.name ?? v.id]));
  const authorizerNames = new Map([...snapshot.authorizers.values()].map((a) => [a.id, a.name ?? a.id]));
  let needsApiKey = false;
  let needsSigv4 = false;
  const paths: Obj = {};
  const resources = [...snapshot.resources].sort((a, b) => a.path.localeCompare(b.path));
  for (const resource of resources) {
    const item: Obj = {};
    for (const [verb, m] of Object.entries(resource.resourceMethods)) {
      const op: Obj = {};
      if (m.operationName) op.operationId = m.operationName;
      const parameters: Obj[] = [];
      for (const [name, required] of Object.entries(m.requestParameters ?? {})) {
        const p = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(name);
        if (!p) continue;
        const location = p[1] === 'querystring' ? 'query' : p[1];
        parameters.push(oas3 ? { name: p[2], in: location, required: location === 'path' || required, schema: { type: 'string' } } : { name: p[2], in: location, required: location === 'path' || required, type: 'string' });
      }
      const models = Object.entries(m.requestModels ?? {});
      if (models.length && !oas3) {
        op.consumes = models.map(([type]) => type);
        parameters.push({ in: 'body', name: models[0][1], required: true, schema: { $ref: `${ref}${models[0][1]}` } });
      }
      if (parameters.length) op.parameters = parameters;
      if (models.length && oas3) op.requestBody = { content: Object.fromEntries(models.map(([type, name]) => [type, { schema: { $ref: `${ref}${name}` } }])), required: true };
      const responses: Obj = {};
      for (const r of Object.values(m.methodResponses ?? {})) {
        const out: Obj = { description: `${r.statusCode} response` };
        const headers = Object.keys(r.responseParameters ?? {})
          .map((h) => /^method\.response\.header\.(.+)$/.exec(h)?.[1])
          .filter((h): h is string => h !== undefined);
        if (headers.length) out.headers = Object.fromEntries(headers.map((h) => [h, oas3 ? { schema: { type: 'string' } } : { type: 'string' }]));
        const rm = Object.entries(r.responseModels ?? {});
        if (rm.length && oas3) out.content = Object.fromEntries(rm.map(([type, name]) => [type, { schema: { $ref: `${ref}${name}` } }]));
        if (rm.length && !oas3) out.schema = { $ref: `${ref}${rm[0][1]}` };
        responses[r.statusCode as string] = out;
      }
      op.responses = responses;
      const security: Obj[] = [];
      if ((m.authorizationType === 'CUSTOM' || m.authorizationType === 'COGNITO_USER_POOLS') && m.authorizerId) {
        security.push({ [authorizerNames.get(m.authorizerId) ?? m.authorizerId]: m.authorizationScopes ?? [] });
      }
      if (m.authorizationType === 'AWS_IAM') {
        needsSigv4 = true;
        security.push({ sigv4: [] });
      }
      if (m.apiKeyRequired) {
        needsApiKey = true;
        security.push({ api_key: [] });
      }
      if (security.length) op.security = security;
      if (o.integrations && m.requestValidatorId) op['x-amazon-apigateway-request-validator'] = validatorNames.get(m.requestValidatorId);
      if (o.integrations && m.methodIntegration) op['x-amazon-apigateway-integration'] = integrationOut(m.methodIntegration);
      item[verb === 'ANY' ? 'x-amazon-apigateway-any-method' : verb.toLowerCase()] = op;
    }
    if (Object.keys(item).length || resource.path === '/') paths[resource.path] = item;
  }

  const schemas: Obj = {};
  for (const [name, model] of snapshot.models) schemas[name] = documentSchema(schemaObject(model.schema) ?? {}, ref);
  const schemes: Obj = {};
  if (needsApiKey) schemes.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  if (needsSigv4) schemes.sigv4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  for (const a of snapshot.authorizers.values()) {
    const header = /^method\.request\.header\.(.+)$/.exec(a.identitySource ?? '')?.[1] ?? 'Authorization';
    const scheme: Obj = { type: 'apiKey', name: header, in: 'header', 'x-amazon-apigateway-authtype': a.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : (a.authType ?? 'custom') };
    if (o.authorizers) {
      scheme['x-amazon-apigateway-authorizer'] = strip({
        type: a.type?.toLowerCase(),
        authorizerUri: a.authorizerUri,
        authorizerCredentials: a.authorizerCredentials,
        identitySource: a.identitySource,
        identityValidationExpression: a.identityValidationExpression,
        authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
        providerARNs: a.providerARNs,
      });
    }
    schemes[a.name ?? a.id] = scheme;
  }

  const host = `${api.info.id}.execute-api.${o.region}.amazonaws.com`;
  const info = strip({ title: api.info.name, description: api.info.description, version: api.info.version ?? api.info.createdDate?.toISOString().replace(/\.\d+Z$/, 'Z') });
  const doc: Obj = oas3
    ? { openapi: '3.0.1', info, servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: stage.stageName } } }], paths }
    : { swagger: '2.0', info, host, basePath: `/${stage.stageName}`, schemes: ['https'], paths };
  const components: Obj = {};
  if (Object.keys(schemas).length) components.schemas = schemas;
  if (Object.keys(schemes).length) components.securitySchemes = schemes;
  if (oas3 && Object.keys(components).length) doc.components = components;
  if (!oas3 && Object.keys(schemes).length) doc.securityDefinitions = schemes;
  if (!oas3 && Object.keys(schemas).length) doc.definitions = schemas;
  if (o.integrations) {
    if (snapshot.validators.size) {
      doc['x-amazon-apigateway-request-validators'] = Object.fromEntries(
        [...snapshot.validators.values()].map((v) => [v.name ?? v.id, { validateRequestBody: v.validateRequestBody ?? false, validateRequestParameters: v.validateRequestParameters ?? false }]),
      );
    }
    if (snapshot.gatewayResponses.size) {
      doc['x-amazon-apigateway-gateway-responses'] = Object.fromEntries(
        [...snapshot.gatewayResponses].map(([type, r]) => [type, strip({ statusCode: r.statusCode, responseParameters: r.responseParameters, responseTemplates: r.responseTemplates })]),
      );
    }
    if (api.info.binaryMediaTypes?.length) doc['x-amazon-apigateway-binary-media-types'] = api.info.binaryMediaTypes;
    if (api.info.apiKeySource && api.info.apiKeySource !== 'HEADER') doc['x-amazon-apigateway-api-key-source'] = api.info.apiKeySource;
    if (api.info.policy) {
      try {
        doc['x-amazon-apigateway-policy'] = JSON.parse(api.info.policy);
      } catch {
        // A policy that is not JSON is not exported.
      }
    }
  }
  return doc;
}

