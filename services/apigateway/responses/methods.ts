/**
 * Methods, method responses, integrations and integration responses of a
 * resource (PutMethod ... DeleteIntegrationResponse).
 */
import { badRequest, conflict, notFound } from '../exceptions';
import { applyPatch, listMember, mapMember, type PatchRule, patchInPlace, replaceable } from '../models/patch';
import type { RestApiState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const AUTH_TYPES = new Set(['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS']);

function checkHttpMethod(m: string): void {
  if (!HTTP_METHODS.has(m)) throw badRequest('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
}

function methodOf(ctx: Ctx, api: RestApiState, resourceId: string, httpMethod: string): T.Method {
  return ctx.backend.requireMethod(api, resourceId, httpMethod);
}

function integrationOf(method: T.Method): T.Integration {
  if (!method.methodIntegration) throw notFound('Invalid Integration identifier specified');
  return method.methodIntegration;
}

/** The authorization and validator settings of a method, as PutMethod and UpdateMethod check them. */
function checkMethodSettings(api: RestApiState, m: { authorizationType?: string; authorizerId?: string; requestValidatorId?: string }): void {
  const authorizationType = m.authorizationType ?? 'NONE';
  if (!AUTH_TYPES.has(authorizationType)) throw badRequest(`Invalid authorization type specified: ${authorizationType}`);
  if (authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') {
    const authorizer = m.authorizerId ? api.authorizers.get(m.authorizerId) : undefined;
    if (!authorizer) {
      throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
    }
    if ((authorizationType === 'COGNITO_USER_POOLS') !== (authorizer.type === 'COGNITO_USER_POOLS')) {
      throw badRequest(`Authorizer ${authorizer.id} is of type ${authorizer.type}, which does not match authorization type ${authorizationType}`);
    }
  }
  if (m.requestValidatorId !== undefined && !api.validators.get(m.requestValidatorId)) {
    throw badRequest('Invalid Request Validator identifier specified');
  }
}

export function putMethod(input: T.PutMethodRequest, ctx: Ctx): T.Method {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const resource = ctx.backend.requireResource(api, input.resourceId);
  checkHttpMethod(input.httpMethod);
  if (resource.resourceMethods[input.httpMethod]) throw conflict('Method already exists for this resource');
  checkMethodSettings(api, input);
  const method: T.Method = {
    httpMethod: input.httpMethod,
    authorizationType: input.authorizationType,
    authorizerId: input.authorizerId,
    apiKeyRequired: input.apiKeyRequired ?? false,
    requestValidatorId: input.requestValidatorId,
    operationName: input.operationName,
    requestParameters: input.requestParameters ? userMap(input.requestParameters) : undefined,
    requestModels: input.requestModels ? userMap(input.requestModels) : undefined,
    authorizationScopes: input.authorizationScopes,
  };
  resource.resourceMethods[input.httpMethod] = method;
  return out(method);
}

export function getMethod(input: T.GetMethodRequest, ctx: Ctx): T.Method {
  return out(methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod));
}

export function deleteMethod(input: T.DeleteMethodRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  methodOf(ctx, api, input.resourceId, input.httpMethod);
  delete ctx.backend.requireResource(api, input.resourceId).resourceMethods[input.httpMethod];
}

export function putMethodResponse(input: T.PutMethodResponseRequest, ctx: Ctx): T.MethodResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  if (!/^[1-5]\d\d$/.test(input.statusCode)) throw badRequest('Invalid Response status code specified');
  const response: T.MethodResponse = {
    statusCode: input.statusCode,
    responseParameters: input.responseParameters ? userMap(input.responseParameters) : undefined,
    responseModels: input.responseModels ? userMap(input.responseModels) : undefined,
  };
  method.methodResponses = { ...userMap(method.methodResponses), [input.statusCode]: response };
  return out(response);
}

export function getMethodResponse(input: T.GetMethodResponseRequest, ctx: Ctx): T.MethodResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const response = method.methodResponses?.[input.statusCode];
  if (!response) throw notFound('Invalid Response status code specified');
  return out(response);
}

export function deleteMethodResponse(input: T.DeleteMethodResponseRequest, ctx: Ctx): void {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  if (!method.methodResponses?.[input.statusCode]) throw notFound('Invalid Response status code specified');
  delete method.methodResponses[input.statusCode];
}

export function putIntegration(input: T.PutIntegrationRequest, ctx: Ctx): T.Integration {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const type = input.type;
  if (type !== 'MOCK') {
    if (!input.integrationHttpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    checkHttpMethod(input.integrationHttpMethod);
    if (!input.uri) throw badRequest('Invalid integration URI specified');
  }
  if (type === 'AWS_PROXY' && !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:(lambda|firehose):/.test(input.uri ?? '')) {
    throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  }
  if ((type === 'AWS' || type === 'AWS_PROXY') && !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(action|path)\//.test(input.uri ?? '')) {
    throw badRequest('AWS ARN for integration must contain path or action');
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && !/^https?:\/\//.test(input.uri ?? '')) throw badRequest('Invalid HTTP endpoint specified for URI');
  const integration: T.Integration = {
    type,
    httpMethod: input.integrationHttpMethod,
    uri: input.uri,
    connectionType: input.connectionType ?? 'INTERNET',
    connectionId: input.connectionId,
    credentials: input.credentials,
    requestParameters: input.requestParameters ? userMap(input.requestParameters) : undefined,
    requestTemplates: input.requestTemplates ? userMap(input.requestTemplates) : undefined,
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    contentHandling: input.contentHandling,
    timeoutInMillis: input.timeoutInMillis ?? 29000,
    cacheNamespace: input.cacheNamespace ?? input.resourceId,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
    tlsConfig: input.tlsConfig,
  };
  method.methodIntegration = integration;
  return out(integration);
}

export function getIntegration(input: T.GetIntegrationRequest, ctx: Ctx): T.Integration {
  return out(integrationOf(methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod)));
}

export function deleteIntegration(input: T.DeleteIntegrationRequest, ctx: Ctx): void {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  integrationOf(method);
  method.methodIntegration = undefined;
}

export function putIntegrationResponse(input: T.PutIntegrationResponseRequest, ctx: Ctx): T.IntegrationResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const integration = integrationOf(method);
  if (!method.methodResponses?.[input.statusCode]) throw notFound('Invalid Response status code specified');
  const response: T.IntegrationResponse = {
    statusCode: input.statusCode,
    selectionPattern: input.selectionPattern,
    responseParameters: input.responseParameters ? userMap(input.responseParameters) : undefined,
    responseTemplates: input.responseTemplates ? userMap(input.responseTemplates) : undefined,
    contentHandling: input.contentHandling,
  };
  integration.integrationResponses = { ...userMap(integration.integrationResponses), [input.statusCode]: response };
  return out(response);
}

export function getIntegrationResponse(input: T.GetIntegrationResponseRequest, ctx: Ctx): T.IntegrationResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const response = integrationOf(method).integrationResponses?.[input.statusCode];
  if (!response) throw notFound('Invalid Response status code specified');
  return out(response);
}

export function deleteIntegrationResponse(input: T.DeleteIntegrationResponseRequest, ctx: Ctx): void {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const responses = integrationOf(method).integrationResponses;
  if (!responses?.[input.statusCode]) throw notFound('Invalid Response status code specified');
  delete responses[input.statusCode];
}

/** UpdateMethod's patch paths (AWS's Patch Operations table). */
const METHOD_RULES: PatchRule[] = [
  ...replaceable('string', '/authorizationType', '/authorizerId', '/operationName', '/requestValidatorId'),
  ...replaceable('boolean', '/apiKeyRequired'),
  mapMember('requestParameters', 'boolean'),
  mapMember('requestModels'),
  listMember('/authorizationScopes'),
];

export function updateMethod(input: T.UpdateMethodRequest, ctx: Ctx): T.Method {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const method = methodOf(ctx, api, input.resourceId, input.httpMethod);
  const patched = applyPatch(method, input.patchOperations, METHOD_RULES);
  checkMethodSettings(api, patched);
  return out(Object.assign(method, patched));
}

export function updateMethodResponse(input: T.UpdateMethodResponseRequest, ctx: Ctx): T.MethodResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const response = method.methodResponses?.[input.statusCode];
  if (!response) throw notFound('Invalid Response status code specified');
  return out(patchInPlace(response, input.patchOperations, [mapMember('responseParameters', 'boolean'), mapMember('responseModels')]));
}

const INTEGRATION_RULES: PatchRule[] = [
  ...replaceable('string', '/httpMethod', '/uri', '/credentials', '/passthroughBehavior', '/contentHandling', '/cacheNamespace', '/connectionType', '/connectionId'),
  ...replaceable('integer', '/timeoutInMillis'),
  mapMember('requestParameters'),
  mapMember('requestTemplates'),
  {
    path: '/cacheKeyParameters/*',
    ops: ['add', 'remove'],
    apply: (target, op, key) => {
      const list = ((target.cacheKeyParameters as string[] | undefined) ?? []).filter((p) => p !== key);
      target.cacheKeyParameters = op === 'add' ? [...list, key as string] : list;
    },
  },
];

export function updateIntegration(input: T.UpdateIntegrationRequest, ctx: Ctx): T.Integration {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const integration = integrationOf(method);
  const patched = applyPatch(integration, input.patchOperations, INTEGRATION_RULES);
  if (patched.httpMethod !== undefined) checkHttpMethod(patched.httpMethod);
  if (patched.timeoutInMillis !== undefined && (patched.timeoutInMillis < 50 || patched.timeoutInMillis > 29000)) {
    throw badRequest('Timeout should be between 50 ms and 29000 ms');
  }
  return out(Object.assign(integration, patched));
}

export function updateIntegrationResponse(input: T.UpdateIntegrationResponseRequest, ctx: Ctx): T.IntegrationResponse {
  const method = methodOf(ctx, ctx.backend.requireRestApi(input.restApiId), input.resourceId, input.httpMethod);
  const response = integrationOf(method).integrationResponses?.[input.statusCode];
  if (!response) throw notFound('Invalid Response status code specified');
  const rules = [...replaceable('string', '/selectionPattern', '/contentHandling'), mapMember('responseParameters'), mapMember('responseTemplates')];
  return out(patchInPlace(response, input.patchOperations, rules));
}
