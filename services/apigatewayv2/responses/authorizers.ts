/** CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer, DeleteAuthorizer: JWT and Lambda (REQUEST). */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type { HttpApi } from '../models/resources';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

function requireAuthorizer(api: HttpApi, id: string) {
  return api.authorizers.require(id, () => notFound(`Invalid Authorizer identifier specified ${id}`, 'Authorizer'));
}

function checkAuthorizer(api: HttpApi, a: Partial<T.CreateAuthorizerRequest>): void {
  if (a.AuthorizerType === 'JWT') {
    if (api.info.ProtocolType !== 'HTTP') throw badRequest('JWT authorizers are supported only for HTTP APIs.');
    if (!a.JwtConfiguration?.Issuer || !a.JwtConfiguration.Audience?.length) {
      throw badRequest('JwtConfiguration with an Issuer and at least one Audience is required for JWT authorizers.');
    }
  } else if (a.AuthorizerType === 'REQUEST') {
    if (!a.AuthorizerUri) throw badRequest('AuthorizerUri is required for REQUEST authorizers.');
    if (api.info.ProtocolType === 'WEBSOCKET') {
      // WebSocket identity sources: route.request.header.X, route.request.querystring.X, stageVariables.X, context.X.
      const bad = (a.IdentitySource ?? []).find((s) => !/^(route\.request\.(header|querystring)|stageVariables|context)\.[^.\s]+$/.test(s));
      if (bad !== undefined) throw badRequest(`Invalid identity source ${bad}: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>.`);
    }
    if (api.info.ProtocolType === 'HTTP') {
      const v = a.AuthorizerPayloadFormatVersion;
      if (v !== '1.0' && v !== '2.0') throw badRequest('AuthorizerPayloadFormatVersion (1.0 or 2.0) is required for REQUEST authorizers of HTTP APIs.');
      if (a.EnableSimpleResponses && v !== '2.0') throw badRequest('Simple responses are supported only with payload format version 2.0.');
    }
  } else {
    throw badRequest(`Unsupported authorizer type ${a.AuthorizerType}. Use JWT or REQUEST.`);
  }
}

export function createAuthorizer(input: T.CreateAuthorizerRequest, ctx: Ctx): T.CreateAuthorizerResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  checkAuthorizer(api, input);
  for (const other of api.authorizers.values()) {
    if (other.Name === input.Name) throw conflict(`Authorizer with name ${input.Name} already exists`);
  }
  const id = gatewayId(7);
  const { ApiId: _id, ...fields } = input;
  const authorizer = {
    ...fields,
    AuthorizerResultTtlInSeconds: input.AuthorizerType === 'REQUEST' ? (input.AuthorizerResultTtlInSeconds ?? 300) : undefined,
    AuthorizerId: id,
  };
  api.authorizers.set(id, authorizer);
  return out(authorizer);
}

export function getAuthorizer(input: T.GetAuthorizerRequest, ctx: Ctx): T.GetAuthorizerResponse {
  return out(requireAuthorizer(ctx.backend.requireApi(input.ApiId), input.AuthorizerId));
}

export function getAuthorizers(input: T.GetAuthorizersRequest, ctx: Ctx): T.GetAuthorizersResponse {
  const page = ctx.backend.requireApi(input.ApiId).authorizers.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateAuthorizer(input: T.UpdateAuthorizerRequest, ctx: Ctx): T.UpdateAuthorizerResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  const authorizer = requireAuthorizer(api, input.AuthorizerId);
  const { ApiId: _id, AuthorizerId: _a, ...patch } = input;
  const merged = { ...authorizer, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  checkAuthorizer(api, merged);
  assignDefined(authorizer, patch);
  return out(authorizer);
}

export function deleteAuthorizer(input: T.DeleteAuthorizerRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireAuthorizer(api, input.AuthorizerId);
  for (const route of api.routes.values()) {
    if (route.AuthorizerId === input.AuthorizerId) throw conflict(`Cannot delete authorizer ${input.AuthorizerId}: route ${route.RouteId} uses it`);
  }
  api.authorizers.delete(input.AuthorizerId);
}
