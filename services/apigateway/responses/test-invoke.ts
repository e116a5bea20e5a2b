/**
 * TestInvokeMethod and TestInvokeAuthorizer: the execute-api data plane's code
 * (services/apigatewayv2/dataplane/rest-test-invoke.ts, the one owner of how a
 * REST API request is served) run on the API as it is now, undeployed.
 */
import { testInvokeAuthorizer as invokeAuthorizer, testInvokeMethod as invokeMethod } from '../../apigatewayv2/dataplane/rest-test-invoke';
import { notFound } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';

const ids = (ctx: Ctx) => ({ account: ctx.account, region: ctx.region, requestId: ctx.requestId });

export function testInvokeMethod(input: T.TestInvokeMethodRequest, ctx: Ctx): Promise<T.TestInvokeMethodResponse> {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const resource = ctx.backend.requireResource(api, input.resourceId);
  const method = ctx.backend.requireMethod(api, input.resourceId, input.httpMethod);
  return invokeMethod(ctx.backend, api, resource, method, input, ctx.backends, ids(ctx));
}

export function testInvokeAuthorizer(input: T.TestInvokeAuthorizerRequest, ctx: Ctx): Promise<T.TestInvokeAuthorizerResponse> {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const authorizer = api.authorizers.require(input.authorizerId, () => notFound('Invalid Authorizer identifier specified'));
  return invokeAuthorizer(ctx.backend, api, authorizer, input, ctx.backends, ids(ctx));
}
