/** Authorizers (COGNITO_USER_POOLS, TOKEN, REQUEST), request validators and models of a REST API. */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { applyPatch, listMember, patchInPlace, replaceable } from '../models/patch';
import type * as T from '../types';
import { type Ctx, out } from './common';

export function createAuthorizer(input: T.CreateAuthorizerRequest, ctx: Ctx): T.Authorizer {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (input.type === 'COGNITO_USER_POOLS') {
    if (!input.providerARNs?.length) throw badRequest('ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers');
  } else if (input.type === 'TOKEN' || input.type === 'REQUEST') {
    if (!input.authorizerUri) throw badRequest(`Authorizer URI must be specified for ${input.type} authorizers`);
  }
  if (input.type === 'TOKEN' && input.identitySource !== undefined && !/^method\.request\.header\.[^.]+$/.test(input.identitySource)) {
    throw badRequest('Identity source of TOKEN authorizers must be a single header: method.request.header.<name>');
  }
  for (const a of api.authorizers.values()) if (a.name === input.name) throw conflict(`Authorizer with name ${input.name} already exists`);
  const id = gatewayId(6);
  const authorizer = {
    id,
    name: input.name,
    type: input.type,
    providerARNs: input.providerARNs,
    authType: input.authType,
    authorizerUri: input.authorizerUri,
    authorizerCredentials: input.authorizerCredentials,
    identitySource: input.identitySource ?? (input.type === 'REQUEST' ? undefined : 'method.request.header.Authorization'),
    identityValidationExpression: input.identityValidationExpression,
    authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? 300,
  };
  api.authorizers.set(id, authorizer);
  return out(authorizer);
}

function requireAuthorizer(ctx: Ctx, restApiId: string, id: string) {
  return ctx.backend.requireRestApi(restApiId).authorizers.require(id, () => notFound('Invalid Authorizer identifier specified'));
}

export function getAuthorizer(input: T.GetAuthorizerRequest, ctx: Ctx): T.Authorizer {
  return out(requireAuthorizer(ctx, input.restApiId, input.authorizerId));
}

export function getAuthorizers(input: T.GetAuthorizersRequest, ctx: Ctx): T.Authorizers {
  const page = ctx.backend.requireRestApi(input.restApiId).authorizers.page(input.limit, input.position);
  return { items: page.items.map(out), position: page.position };
}

export function deleteAuthorizer(input: T.DeleteAuthorizerRequest, ctx: Ctx): void {
  requireAuthorizer(ctx, input.restApiId, input.authorizerId);
  const api = ctx.backend.requireRestApi(input.restApiId);
  for (const r of api.resources.values()) {
    for (const m of Object.values(r.resourceMethods)) {
      if (m.authorizerId === input.authorizerId) throw conflict(`Cannot delete authorizer: it is in use by method ${m.httpMethod} ${r.path}`);
    }
  }
  api.authorizers.delete(input.authorizerId);
}

export function createRequestValidator(input: T.CreateRequestValidatorRequest, ctx: Ctx): T.RequestValidator {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const id = gatewayId(6);
  const validator = {
    id,
    name: input.name,
    validateRequestBody: input.validateRequestBody ?? false,
    validateRequestParameters: input.validateRequestParameters ?? false,
  };
  api.validators.set(id, validator);
  return out(validator);
}

function requireValidator(ctx: Ctx, restApiId: string, id: string) {
  return ctx.backend.requireRestApi(restApiId).validators.require(id, () => notFound('Invalid Request Validator identifier specified'));
}

export function getRequestValidator(input: T.GetRequestValidatorRequest, ctx: Ctx): T.RequestValidator {
  return out(requireValidator(ctx, input.restApiId, input.requestValidatorId));
}

export function getRequestValidators(input: T.GetRequestValidatorsRequest, ctx: Ctx): T.RequestValidators {
  const page = ctx.backend.requireRestApi(input.restApiId).validators.page(input.limit, input.position);
  return { items: page.items.map(out), position: page.position };
}

export function deleteRequestValidator(input: T.DeleteRequestValidatorRequest, ctx: Ctx): void {
  requireValidator(ctx, input.restApiId, input.requestValidatorId);
  ctx.backend.requireRestApi(input.restApiId).validators.delete(input.requestValidatorId);
}

export function createModel(input: T.CreateModelRequest, ctx: Ctx): T.Model {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (!/^[a-zA-Z0-9]+$/.test(input.name)) throw badRequest('Model name must be alphanumeric');
  if (api.models.get(input.name)) throw conflict('Model name already exists for this REST API');
  checkSchema(input.schema);
  // Models are addressed by name in the API (GetModel's {modelName}); the id is reported alongside.
  const model = { id: gatewayId(6), name: input.name, description: input.description, schema: input.schema, contentType: input.contentType };
  api.models.set(input.name, model);
  return out(model);
}

export function requireModel(ctx: Ctx, restApiId: string, name: string) {
  return ctx.backend.requireRestApi(restApiId).models.require(name, () => notFound(`Invalid model name specified: ${name}`));
}

export function getModel(input: T.GetModelRequest, ctx: Ctx): T.Model {
  return out(requireModel(ctx, input.restApiId, input.modelName));
}

export function getModels(input: T.GetModelsRequest, ctx: Ctx): T.Models {
  const page = ctx.backend.requireRestApi(input.restApiId).models.page(input.limit, input.position);
  return { items: page.items.map(out), position: page.position };
}

export function deleteModel(input: T.DeleteModelRequest, ctx: Ctx): void {
  requireModel(ctx, input.restApiId, input.modelName);
  ctx.backend.requireRestApi(input.restApiId).models.delete(input.modelName);
}

function checkSchema(schema: string | undefined): void {
  if (schema === undefined) return;
  try {
    JSON.parse(schema);
  } catch {
    throw badRequest('Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]');
  }
}

export function updateModel(input: T.UpdateModelRequest, ctx: Ctx): T.Model {
  const model = requireModel(ctx, input.restApiId, input.modelName);
  const patched = applyPatch(model, input.patchOperations, replaceable('string', '/schema', '/description'));
  checkSchema(patched.schema);
  return out(Object.assign(model, patched));
}

export function updateRequestValidator(input: T.UpdateRequestValidatorRequest, ctx: Ctx): T.RequestValidator {
  const validator = requireValidator(ctx, input.restApiId, input.requestValidatorId);
  const rules = [...replaceable('string', '/name'), ...replaceable('boolean', '/validateRequestBody', '/validateRequestParameters')];
  return out(patchInPlace(validator, input.patchOperations, rules));
}

const AUTHORIZER_RULES = [
  ...replaceable('string', '/name', '/type', '/authorizerUri', '/identitySource', '/identityValidationExpression', '/authorizerCredentials', '/authType'),
  ...replaceable('integer', '/authorizerResultTtlInSeconds'),
  listMember('/providerARNs'),
];

export function updateAuthorizer(input: T.UpdateAuthorizerRequest, ctx: Ctx): T.Authorizer {
  const authorizer = requireAuthorizer(ctx, input.restApiId, input.authorizerId);
  const patched = applyPatch(authorizer, input.patchOperations, AUTHORIZER_RULES);
  const ttl = patched.authorizerResultTtlInSeconds ?? 0;
  if (ttl < 0 || ttl > 3600) throw badRequest('AuthorizerResultTtlInSeconds must be between 0 and 3600');
  if (patched.type === 'COGNITO_USER_POOLS' && !patched.providerARNs?.length) throw badRequest('ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers');
  if (patched.type !== 'COGNITO_USER_POOLS' && !patched.authorizerUri) throw badRequest(`Authorizer URI must be specified for ${patched.type} authorizers`);
  return out(Object.assign(authorizer, patched));
}
