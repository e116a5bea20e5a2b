/** CreateIntegration, GetIntegration, GetIntegrations, UpdateIntegration, DeleteIntegration. */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type { HttpApi } from '../models/resources';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

export function requireIntegration(api: HttpApi, integrationId: string) {
  return api.integrations.require(integrationId, () => notFound(`Invalid Integration identifier specified ${integrationId}`, 'Integration'));
}

/** HTTP APIs take AWS_PROXY (payload 1.0 or 2.0), HTTP_PROXY and AWS_PROXY subtypes; WebSocket APIs all five types. */
function checkIntegration(api: HttpApi, i: { IntegrationType?: string; PayloadFormatVersion?: string; IntegrationUri?: string; IntegrationSubtype?: string }): void {
  if (api.info.ProtocolType !== 'HTTP') return;
  if (i.IntegrationType === 'AWS' || i.IntegrationType === 'HTTP' || i.IntegrationType === 'MOCK') {
    throw badRequest(`Integration type ${i.IntegrationType} is not supported for HTTP APIs.`);
  }
  if (i.IntegrationType === 'AWS_PROXY' && !i.IntegrationSubtype && i.PayloadFormatVersion === undefined) {
    throw badRequest('PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs.');
  }
  const v = i.PayloadFormatVersion;
  if (v !== undefined && v !== '1.0' && v !== '2.0') throw badRequest(`Unsupported payload format version ${v}. Supported values are 1.0 and 2.0.`);
  if (v === '2.0' && i.IntegrationType !== 'AWS_PROXY') throw badRequest('Payload format version 2.0 is supported only for AWS_PROXY integrations.');
  if ((i.IntegrationType === 'AWS_PROXY' && !i.IntegrationSubtype) || i.IntegrationType === 'HTTP_PROXY') {
    if (!i.IntegrationUri) throw badRequest(`IntegrationUri is required for ${i.IntegrationType} integrations.`);
  }
}

export function createIntegration(input: T.CreateIntegrationRequest, ctx: Ctx): T.CreateIntegrationResult {
  const api = ctx.backend.requireApi(input.ApiId);
  checkIntegration(api, input);
  const id = gatewayId(7);
  const { ApiId: _id, TlsConfig, ...fields } = input;
  const integration = {
    ConnectionType: 'INTERNET',
    TimeoutInMillis: api.info.ProtocolType === 'HTTP' ? 30000 : 29000,
    PayloadFormatVersion: '1.0',
    ...fields,
    IntegrationMethod: input.IntegrationMethod ?? (input.IntegrationType === 'AWS_PROXY' ? 'POST' : undefined),
    IntegrationId: id,
    TlsConfig: TlsConfig ? { ServerNameToVerify: TlsConfig.ServerNameToVerify } : undefined,
  };
  api.integrations.set(id, integration);
  return out(integration);
}

export function getIntegration(input: T.GetIntegrationRequest, ctx: Ctx): T.GetIntegrationResult {
  return out(requireIntegration(ctx.backend.requireApi(input.ApiId), input.IntegrationId));
}

export function getIntegrations(input: T.GetIntegrationsRequest, ctx: Ctx): T.GetIntegrationsResponse {
  const page = ctx.backend.requireApi(input.ApiId).integrations.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateIntegration(input: T.UpdateIntegrationRequest, ctx: Ctx): T.UpdateIntegrationResult {
  const api = ctx.backend.requireApi(input.ApiId);
  const integration = requireIntegration(api, input.IntegrationId);
  const { ApiId: _id, IntegrationId: _i, TlsConfig, ...patch } = input;
  checkIntegration(api, { ...integration, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
  assignDefined(integration, patch);
  if (TlsConfig) integration.TlsConfig = { ServerNameToVerify: TlsConfig.ServerNameToVerify };
  return out(integration);
}

export function deleteIntegration(input: T.DeleteIntegrationRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireIntegration(api, input.IntegrationId);
  const target = `integrations/${input.IntegrationId}`;
  for (const route of api.routes.values()) {
    if (route.Target === target) throw conflict(`Cannot delete integration ${input.IntegrationId}: it is the target of route ${route.RouteId}`);
  }
  api.integrations.delete(input.IntegrationId);
}
