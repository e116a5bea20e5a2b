/**
 * Gateway responses: what a REST API answers when API Gateway itself turns a
 * request away (AWS's "Gateway response types" table). Every API has the
 * defaults; PutGatewayResponse customizes one type, and a customized
 * DEFAULT_4XX / DEFAULT_5XX applies to every type of its class that is not
 * customized itself (each keeping its own status code unless one is set).
 */
import type * as T from '../types';

export const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

/** Each type's default status code; DEFAULT_4XX and DEFAULT_5XX have none. */
export const DEFAULT_STATUS: Record<string, string | undefined> = {
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  ACCESS_DENIED: '403',
  API_CONFIGURATION_ERROR: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  AUTHORIZER_FAILURE: '500',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  EXPIRED_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  INVALID_API_KEY: '403',
  INVALID_SIGNATURE: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  QUOTA_EXCEEDED: '429',
  REQUEST_TOO_LARGE: '413',
  RESOURCE_NOT_FOUND: '404',
  THROTTLED: '429',
  UNAUTHORIZED: '401',
  UNSUPPORTED_MEDIA_TYPE: '415',
  WAF_FILTERED: '403',
};

/** The default response of a type, as GetGatewayResponse shows it before any customization. */
export function defaultResponse(type: string): T.GatewayResponse {
  return {
    responseType: type,
    statusCode: DEFAULT_STATUS[type],
    responseParameters: {},
    responseTemplates: { 'application/json': DEFAULT_TEMPLATE },
    defaultResponse: true,
  };
}

/** What the data plane answers for `type`: the customized one, else its class default's customization, else the default. */
export function effectiveResponse(custom: Map<string, T.GatewayResponse>, type: string, status: number): T.GatewayResponse {
  const own = custom.get(type);
  if (own) return { ...own, statusCode: own.statusCode ?? DEFAULT_STATUS[type] ?? String(status) };
  const fallback = custom.get(status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  if (fallback) return { ...fallback, responseType: type, statusCode: DEFAULT_STATUS[type] ?? fallback.statusCode ?? String(status) };
  return { ...defaultResponse(type), statusCode: DEFAULT_STATUS[type] ?? String(status) };
}
