/** PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse, DeleteGatewayResponse. */
import { notFound } from '../exceptions';
import { DEFAULT_STATUS, defaultResponse } from '../models/gateway-responses';
import { mapMember, patchInPlace, replaceable } from '../models/patch';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

function checkStatus(statusCode: string | undefined): void {
  if (statusCode !== undefined && !/^[1-5]\d\d$/.test(statusCode)) throw notFound('Invalid status code specified');
}

export function putGatewayResponse(input: T.PutGatewayResponseRequest, ctx: Ctx): T.GatewayResponse {
  const api = ctx.backend.requireRestApi(input.restApiId);
  checkStatus(input.statusCode);
  const response: T.GatewayResponse = {
    responseType: input.responseType,
    statusCode: input.statusCode ?? DEFAULT_STATUS[input.responseType],
    responseParameters: userMap(input.responseParameters),
    responseTemplates: userMap(input.responseTemplates),
    defaultResponse: false,
  };
  api.gatewayResponses.set(input.responseType, response);
  return out(response);
}

export function getGatewayResponse(input: T.GetGatewayResponseRequest, ctx: Ctx): T.GatewayResponse {
  const api = ctx.backend.requireRestApi(input.restApiId);
  return out(api.gatewayResponses.get(input.responseType) ?? defaultResponse(input.responseType));
}

/** Every type, customized or default, in the model's order; `limit` / `position` page over the type names. */
export function getGatewayResponses(input: T.GetGatewayResponsesRequest, ctx: Ctx): T.GatewayResponses {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const types = Object.keys(DEFAULT_STATUS);
  const start = input.position === undefined ? 0 : types.indexOf(input.position) + 1;
  const limit = input.limit ?? 25;
  const slice = types.slice(start, start + limit);
  const items = slice.map((t) => out(api.gatewayResponses.get(t) ?? defaultResponse(t)));
  return { items, position: start + limit < types.length ? slice[slice.length - 1] : undefined };
}

/** UpdateGatewayResponse: `/statusCode`, `/responseParameters/<name>`, `/responseTemplates/<type>`; updating a default customizes it. */
export function updateGatewayResponse(input: T.UpdateGatewayResponseRequest, ctx: Ctx): T.GatewayResponse {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const current = api.gatewayResponses.get(input.responseType) ?? defaultResponse(input.responseType);
  const rules = [...replaceable('string', '/statusCode'), mapMember('responseParameters'), mapMember('responseTemplates')];
  const patched = patchInPlace({ ...current }, input.patchOperations, rules);
  checkStatus(patched.statusCode);
  patched.defaultResponse = false;
  api.gatewayResponses.set(input.responseType, patched);
  return out(patched);
}

/** DeleteGatewayResponse: back to the default; a type never customized is NotFoundException. */
export function deleteGatewayResponse(input: T.DeleteGatewayResponseRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (!api.gatewayResponses.delete(input.responseType)) throw notFound('Invalid Gateway Response identifier specified');
}
