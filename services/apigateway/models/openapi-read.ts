/**
 * Reading an OpenAPI 3.0 or Swagger 2.0 document (ImportRestApi, PutRestApi)
 * into an import plan: resources by path with their methods, models,
 * authorizers, request validators, gateway responses and API settings, with
 * API Gateway's extensions ("API Gateway extensions to OpenAPI"). Nothing is
 * changed here: every error is found before the plan is applied
 * (models/openapi-apply.ts), so a bad document leaves the API as it was.
 * Documents are JSON or YAML (models/yaml.ts, shared with API Gateway v2's ImportApi).
 */
import { badRequest } from '../exceptions';
import type * as T from '../types';
import { parseYaml, YamlError } from './yaml';

export type PlannedMethod = Omit<T.Method, 'authorizerId' | 'requestValidatorId'> & { authorizerName?: string; validatorName?: string };

export interface ImportPlan {
  settings: {
    name?: string;
    description?: string;
    version?: string;
    binaryMediaTypes?: string[];
    apiKeySource?: string;
    policy?: string;
    endpointTypes?: string[];
    disableExecuteApiEndpoint?: boolean;
  };
  /** Resource paths (after the base path rule) with their methods by HTTP verb; `/` included when it has any. */
  paths: Map<string, Map<string, PlannedMethod>>;
  /** Model name → schema with `$ref`s still in document form (`#/definitions/X`, `#/components/schemas/X`). */
  models: Map<string, { schema: Record<string, unknown>; description?: string }>;
  authorizers: Map<string, Omit<T.Authorizer, 'id'> & { name: string }>;
  validators: Map<string, { validateRequestBody: boolean; validateRequestParameters: boolean }>;
  gatewayResponses: Map<string, T.GatewayResponse>;
  warnings: string[];
}

type Obj = Record<string, unknown>;

/** OpenAPI's operation members (and API Gateway's any-method extension) → HTTP methods; v2's ImportApi reads them too. */
export const OPENAPI_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

const PATH_PART = /^([a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;
const INTEGRATION_TYPES = new Set(['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']);
const ENDPOINT_TYPES = new Set(['EDGE', 'REGIONAL', 'PRIVATE']);

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** A map the user keys (null prototype: `__proto__` is an ordinary name). */
function strings(x: unknown): Record<string, string> | undefined {
  if (!isObj(x)) return undefined;
  const m: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(x)) m[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return m;
}

/** The JSON document of a request body; AWS's BadRequestException when it is none. */
export function parseDocument(body: Uint8Array): Obj {
  let doc: unknown;
  const text = Buffer.from(body).toString('utf8');
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const why = e instanceof YamlError || e instanceof SyntaxError ? e.message : 'unreadable';
    throw badRequest(`Invalid OpenAPI input: the document is neither valid JSON nor YAML (${why})`);
  }
  if (!isObj(doc) || (doc.swagger === undefined && doc.openapi === undefined)) {
    throw badRequest("Invalid OpenAPI input: the document has neither a 'swagger' nor an 'openapi' version");
  }
  const version = String(doc.swagger ?? doc.openapi);
  if (doc.swagger !== undefined ? version !== '2.0' : !/^3\.0(\.\d+)?$/.test(version)) {
    throw badRequest(`Invalid OpenAPI input: unsupported version ${version} (Swagger 2.0 and OpenAPI 3.0 are)`);
  }
  if (!isObj(doc.paths) && doc.paths !== undefined) throw badRequest("Invalid OpenAPI input: 'paths' must be an object");
  return doc;
}

/** The document's base path: Swagger's `basePath`; OpenAPI 3's first `basePath` server variable, else the server URL's path. */
function basePathOf(doc: Obj): string {
  if (typeof doc.basePath === 'string') return doc.basePath;
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObj) : [];
  for (const server of servers) {
    const variable = isObj(server.variables) && isObj(server.variables.basePath) ? str(server.variables.basePath.default) : undefined;
    if (variable !== undefined) return variable.startsWith('/') ? variable : `/${variable}`;
  }
  const url = str(servers[0]?.url);
  if (!url) return '/';
  const path = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith('/') ? url : '/');
  return path.includes('{') ? '/' : path;
}

/** `ignore` (the default) drops the base path, `prepend` puts it before every path, `split` drops its first part only. */
function withBasePath(path: string, basePath: string, rule: string): string {
  const base = basePath.replace(/\/+$/, '');
  if (rule === 'prepend') return `${base}${path === '/' ? '' : path}` || '/';
  if (rule === 'split') {
    const rest = base.split('/').filter(Boolean).slice(1).join('/');
    return rest ? `/${rest}${path === '/' ? '' : path}` : path;
  }
  return path;
}

/** The model name a `$ref` names (`#/definitions/X`, `#/components/schemas/X`), or undefined. */
export function refName(ref: unknown): string | undefined {
  const m = typeof ref === 'string' ? /^#\/(?:definitions|components\/schemas)\/(.+)$/.exec(ref) : null;
  return m ? decodeURIComponent(m[1]) : undefined;
}

function resolve(doc: Obj, x: unknown): unknown {
  if (!isObj(x) || typeof x.$ref !== 'string') return x;
  const parts = x.$ref.replace(/^#\//, '').split('/');
  let at: unknown = doc;
  for (const p of parts) at = isObj(at) ? at[p.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return at;
}

export function readDocument(doc: Obj, parameters: Record<string, string>): ImportPlan {
  const errors: string[] = [];
  const warnings: string[] = [];
  const rule = parameters.basepath ?? 'ignore';
  if (!['ignore', 'prepend', 'split'].includes(rule)) throw badRequest(`Invalid basepath parameter: ${rule}. Valid values are ignore, prepend, split`);
  const info = isObj(doc.info) ? doc.info : {};
  const settings: ImportPlan['settings'] = { name: str(info.title), description: str(info.description), version: str(info.version) };
  const binary = doc['x-amazon-apigateway-binary-media-types'];
  if (Array.isArray(binary)) settings.binaryMediaTypes = binary.filter((b): b is string => typeof b === 'string');
  const keySource = str(doc['x-amazon-apigateway-api-key-source']);
  if (keySource !== undefined) {
    if (keySource === 'HEADER' || keySource === 'AUTHORIZER') settings.apiKeySource = keySource;
    else errors.push(`Invalid x-amazon-apigateway-api-key-source: ${keySource}`);
  }
  if (doc['x-amazon-apigateway-policy'] !== undefined) settings.policy = JSON.stringify(doc['x-amazon-apigateway-policy']);
  const endpoint = doc['x-amazon-apigateway-endpoint-configuration'];
  if (isObj(endpoint) && typeof endpoint.disableExecuteApiEndpoint === 'boolean') settings.disableExecuteApiEndpoint = endpoint.disableExecuteApiEndpoint;
  if (isObj(endpoint) && Array.isArray(endpoint.types)) settings.endpointTypes = endpoint.types.map(String);
  const types = parameters.endpointConfigurationTypes;
  if (types !== undefined) {
    if (!ENDPOINT_TYPES.has(types)) throw badRequest(`Invalid endpoint configuration type: ${types}. Valid values are EDGE, REGIONAL, PRIVATE`);
    settings.endpointTypes = [types];
  }

  const models = new Map<string, { schema: Obj; description?: string }>();
  const components = isObj(doc.components) ? doc.components : {};
  const schemas = isObj(doc.definitions) ? doc.definitions : isObj(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!/^[a-zA-Z0-9]+$/.test(name)) warnings.push(`Unable to create model for '${name}': Model name must be alphanumeric`);
    else if (!isObj(schema)) warnings.push(`Unable to create model for '${name}': the schema is not an object`);
    else models.set(name, { schema, description: str(schema.description) });
  }
  for (const [name, { schema }] of models) {
    for (const ref of refsIn(schema)) {
      const target = refName(ref);
      if (target === undefined || !models.has(target)) warnings.push(`Unable to create model for '${name}': Invalid model reference ${ref}`);
    }
  }

  const authorizers = new Map<string, Omit<T.Authorizer, 'id'> & { name: string }>();
  const schemes = isObj(doc.securityDefinitions) ? doc.securityDefinitions : isObj(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObj(scheme)) continue;
    const ext = scheme['x-amazon-apigateway-authorizer'];
    if (!isObj(ext)) continue;
    const type = (str(ext.type) ?? '').toUpperCase();
    const authorizer = {
      name,
      type: type === 'COGNITO_USER_POOLS' ? type : type === 'REQUEST' ? 'REQUEST' : 'TOKEN',
      authType: str(scheme['x-amazon-apigateway-authtype']),
      authorizerUri: str(ext.authorizerUri),
      authorizerCredentials: str(ext.authorizerCredentials),
      identitySource: str(ext.identitySource) ?? (type === 'REQUEST' ? undefined : `method.request.header.${str(scheme.name) ?? 'Authorization'}`),
      identityValidationExpression: str(ext.identityValidationExpression),
      authorizerResultTtlInSeconds: typeof ext.authorizerResultTtlInSeconds === 'number' ? ext.authorizerResultTtlInSeconds : 300,
      providerARNs: Array.isArray(ext.providerARNs) ? ext.providerARNs.map(String) : undefined,
    };
    if (!['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'].includes(type)) errors.push(`Invalid authorizer type for '${name}': ${str(ext.type)}`);
    else if (type === 'COGNITO_USER_POOLS' && !authorizer.providerARNs?.length) errors.push(`Unable to create authorizer '${name}': ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers`);
    else if (type !== 'COGNITO_USER_POOLS' && !authorizer.authorizerUri) errors.push(`Unable to create authorizer '${name}': Authorizer URI must be specified for ${type} authorizers`);
    authorizers.set(name, authorizer);
  }

  const validators = new Map<string, { validateRequestBody: boolean; validateRequestParameters: boolean }>();
  const declared = doc['x-amazon-apigateway-request-validators'];
  for (const [name, v] of Object.entries(isObj(declared) ? declared : {})) {
    const o = isObj(v) ? v : {};
    validators.set(name, { validateRequestBody: o.validateRequestBody === true, validateRequestParameters: o.validateRequestParameters === true });
  }
  const defaultValidator = str(doc['x-amazon-apigateway-request-validator']);
  if (defaultValidator !== undefined && !validators.has(defaultValidator)) errors.push(`Invalid request validator: ${defaultValidator}`);

  const gatewayResponses = new Map<string, T.GatewayResponse>();
  const responses = doc['x-amazon-apigateway-gateway-responses'];
  for (const [type, r] of Object.entries(isObj(responses) ? responses : {})) {
    const o = isObj(r) ? r : {};
    gatewayResponses.set(type, {
      responseType: type,
      statusCode: o.statusCode === undefined ? undefined : String(o.statusCode),
      responseParameters: strings(o.responseParameters) ?? Object.create(null),
      responseTemplates: strings(o.responseTemplates) ?? Object.create(null),
      defaultResponse: false,
    });
  }

  const rootSecurity = Array.isArray(doc.security) ? doc.security : undefined;
  const paths = new Map<string, Map<string, PlannedMethod>>();
  for (const [rawPath, item] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (!rawPath.startsWith('/')) {
      errors.push(`Invalid resource path: ${rawPath}`);
      continue;
    }
    const path = withBasePath(rawPath.replace(/\/+$/, '') || '/', basePathOf(doc), rule);
    const bad = path.split('/').filter(Boolean).find((p) => !PATH_PART.test(p));
    if (bad !== undefined) {
      errors.push(`Invalid resource path part '${bad}' in path ${rawPath}`);
      continue;
    }
    const methods = paths.get(path) ?? new Map<string, PlannedMethod>();
    paths.set(path, methods);
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [key, op] of Object.entries(item)) {
      const verb = OPENAPI_METHODS[key];
      if (!verb || !isObj(op)) continue;
      const where = `'${verb}' for resource at path '${path}'`;
      const ctx = { doc, where, errors, warnings, models, authorizers, validators, schemes, rootSecurity, defaultValidator };
      methods.set(verb, readMethod(verb, op, shared, ctx));
    }
  }
  // Two variable children of one parent (`/a/{x}` and `/a/{y}`) cannot both exist.
  const variableChild = new Map<string, string>();
  for (const path of paths.keys()) {
    const parts = path.split('/').filter(Boolean);
    parts.forEach((part, i) => {
      if (!part.startsWith('{')) return;
      const parent = `/${parts.slice(0, i).join('/')}`;
      const seen = variableChild.get(parent);
      if (seen !== undefined && seen !== part) errors.push(`A sibling (${seen}) of resource ${part} under ${parent} already has a variable path part -- only one is allowed`);
      else variableChild.set(parent, part);
      if (parts.slice(0, i).some((p) => p.endsWith('+}'))) errors.push(`Cannot create a child of a resource with a greedy path variable: ${path}`);
    });
  }
  if (errors.length) throw badRequest(`Errors found during import:\n\t${errors.join('\n\t')}`);
  return { settings, paths, models, authorizers, validators, gatewayResponses, warnings };
}

/** Every `$ref` string in a schema. */
export function refsIn(x: unknown, found: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) refsIn(v, found);
  else if (isObj(x)) {
    for (const [k, v] of Object.entries(x)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

interface MethodContext {
  doc: Obj;
  where: string;
  errors: string[];
  warnings: string[];
  models: Map<string, unknown>;
  authorizers: Map<string, { type?: string }>;
  validators: Map<string, unknown>;
  schemes: Obj;
  rootSecurity: unknown[] | undefined;
  defaultValidator: string | undefined;
}

function readMethod(verb: string, op: Obj, shared: unknown[], c: MethodContext): PlannedMethod {
  const method: PlannedMethod = { httpMethod: verb, authorizationType: 'NONE', apiKeyRequired: false, operationName: str(op.operationId) };
  const requestParameters: Record<string, boolean> = Object.create(null);
  const requestModels: Record<string, string> = Object.create(null);
  const consumes = Array.isArray(op.consumes) ? op.consumes.map(String) : Array.isArray(c.doc.consumes) ? c.doc.consumes.map(String) : ['application/json'];
  const modelRef = (schema: unknown, what: string): string | undefined => {
    if (!isObj(schema)) return undefined;
    const name = refName(schema.$ref);
    if (name === undefined || !c.models.has(name)) {
      c.warnings.push(`Unable to put method ${c.where}: ${what} ${schema.$ref === undefined ? 'is an inline schema (only $ref to a model is imported)' : `references an unknown model ${String(schema.$ref)}`}`);
      return undefined;
    }
    return name;
  };
  for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = resolve(c.doc, raw);
    if (!isObj(p) || typeof p.name !== 'string') continue;
    const location = { query: 'querystring', header: 'header', path: 'path' }[String(p.in)];
    if (location) requestParameters[`method.request.${location}.${p.name}`] = p.in === 'path' || p.required === true;
    else if (p.in === 'body') {
      const name = modelRef(p.schema, 'the body parameter');
      if (name) for (const type of consumes) requestModels[type] = name;
    }
  }
  const body = resolve(c.doc, op.requestBody);
  if (isObj(body) && isObj(body.content)) {
    for (const [type, media] of Object.entries(body.content)) {
      const name = modelRef(isObj(media) ? media.schema : undefined, `the request body of ${type}`);
      if (name) requestModels[type] = name;
    }
  }
  if (Object.keys(requestParameters).length) method.requestParameters = requestParameters;
  if (Object.keys(requestModels).length) method.requestModels = requestModels;

  const methodResponses: Record<string, T.MethodResponse> = Object.create(null);
  for (const [code, raw] of Object.entries(isObj(op.responses) ? op.responses : {})) {
    if (!/^[1-5]\d\d$/.test(code)) continue;
    const r = resolve(c.doc, raw);
    const response: T.MethodResponse = { statusCode: code };
    if (isObj(r) && isObj(r.headers)) {
      response.responseParameters = Object.create(null);
      for (const h of Object.keys(r.headers)) (response.responseParameters as Record<string, boolean>)[`method.response.header.${h}`] = false;
    }
    const models: Record<string, string> = Object.create(null);
    if (isObj(r) && isObj(r.content)) {
      for (const [type, media] of Object.entries(r.content)) {
        const name = isObj(media) && isObj(media.schema) ? refName(media.schema.$ref) : undefined;
        if (name && c.models.has(name)) models[type] = name;
      }
    } else if (isObj(r) && isObj(r.schema)) {
      const name = refName(r.schema.$ref);
      if (name && c.models.has(name)) models[Array.isArray(op.produces) ? String(op.produces[0]) : 'application/json'] = name;
    }
    if (Object.keys(models).length) response.responseModels = models;
    methodResponses[code] = response;
  }
  if (Object.keys(methodResponses).length) method.methodResponses = methodResponses;

  const security = Array.isArray(op.security) ? op.security : c.rootSecurity;
  for (const requirement of security ?? []) {
    for (const [name, scopes] of Object.entries(isObj(requirement) ? requirement : {})) {
      const scheme = c.schemes[name];
      if (!isObj(scheme)) {
        c.errors.push(`Unable to put method ${c.where}: unknown security scheme ${name}`);
        continue;
      }
      const authType = str(scheme['x-amazon-apigateway-authtype'])?.toLowerCase();
      const authorizer = c.authorizers.get(name);
      if (authorizer) {
        method.authorizationType = authorizer.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
        method.authorizerName = name;
        if (Array.isArray(scopes) && scopes.length && authorizer.type === 'COGNITO_USER_POOLS') method.authorizationScopes = scopes.map(String);
      } else if (authType === 'awssigv4') method.authorizationType = 'AWS_IAM';
      else if (scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key') method.apiKeyRequired = true;
    }
  }
  const auth = op['x-amazon-apigateway-auth'];
  if (isObj(auth) && typeof auth.type === 'string') method.authorizationType = auth.type.toUpperCase() === 'AWS_IAM' ? 'AWS_IAM' : method.authorizationType;
  if (op['x-amazon-apigateway-api-key-required'] === true) method.apiKeyRequired = true;

  const validator = str(op['x-amazon-apigateway-request-validator']) ?? c.defaultValidator;
  if (validator !== undefined) {
    if (!c.validators.has(validator)) c.errors.push(`Unable to put method ${c.where}: invalid request validator ${validator}`);
    else method.validatorName = validator;
  }
  const integration = op['x-amazon-apigateway-integration'];
  if (isObj(integration)) method.methodIntegration = readIntegration(integration, c);
  return method;
}

function readIntegration(x: Obj, c: MethodContext): T.Integration | undefined {
  const type = (str(x.type) ?? '').toUpperCase();
  const fail = (why: string) => {
    c.errors.push(`Unable to put integration on ${c.where}: ${why}`);
    return undefined;
  };
  if (!INTEGRATION_TYPES.has(type)) return fail(`Invalid integration type ${str(x.type) ?? ''}`);
  const httpMethod = str(x.httpMethod)?.toUpperCase();
  const uri = str(x.uri);
  if (type !== 'MOCK') {
    if (!httpMethod) return fail('Enumeration value for HttpMethod must be non-empty');
    if (!uri) return fail('Invalid integration URI specified');
  }
  if (type === 'AWS_PROXY' && !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:(lambda|firehose):/.test(uri ?? '')) {
    return fail("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && !/^https?:\/\//.test(uri ?? '')) return fail('Invalid HTTP endpoint specified for URI');
  const timeout = typeof x.timeoutInMillis === 'number' ? x.timeoutInMillis : 29000;
  if (timeout < 50 || timeout > 29000) return fail('Timeout should be between 50 ms and 29000 ms');
  const integrationResponses: Record<string, T.IntegrationResponse> = Object.create(null);
  for (const [pattern, r] of Object.entries(isObj(x.responses) ? x.responses : {})) {
    if (!isObj(r)) continue;
    const statusCode = String(r.statusCode ?? '');
    if (!/^[1-5]\d\d$/.test(statusCode)) return fail(`Invalid integration response status code '${statusCode}' for '${pattern}'`);
    integrationResponses[statusCode] = {
      statusCode,
      selectionPattern: pattern === 'default' ? undefined : pattern,
      responseParameters: strings(r.responseParameters),
      responseTemplates: strings(r.responseTemplates),
      contentHandling: str(r.contentHandling),
    };
  }
  return {
    type,
    httpMethod,
    uri,
    connectionType: str(x.connectionType)?.toUpperCase() ?? 'INTERNET',
    connectionId: str(x.connectionId),
    credentials: str(x.credentials),
    requestParameters: strings(x.requestParameters),
    requestTemplates: strings(x.requestTemplates),
    passthroughBehavior: str(x.passthroughBehavior)?.toUpperCase() ?? 'WHEN_NO_MATCH',
    contentHandling: str(x.contentHandling),
    timeoutInMillis: timeout,
    cacheNamespace: str(x.cacheNamespace),
    cacheKeyParameters: Array.isArray(x.cacheKeyParameters) ? x.cacheKeyParameters.map(String) : [],
    tlsConfig: isObj(x.tlsConfig) ? { insecureSkipVerification: x.tlsConfig.insecureSkipVerification === true } : undefined,
    integrationResponses: Object.keys(integrationResponses).length ? integrationResponses : undefined,
  };
}
