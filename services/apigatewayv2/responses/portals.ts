/**
 * Portals: create, read, update, delete, list, publish, disable, preview.
 * Publishing and disabling go through PUBLISH_IN_PROGRESS / DISABLE_IN_PROGRESS
 * to PUBLISHED / DISABLED once PORTAL_BUILD_MS has passed on the core clock;
 * a preview goes PREVIEW_IN_PROGRESS → PREVIEW_READY the same way. A portal's
 * products must be portal products of this account when it is created or
 * updated (or another account's shared with it by the product's sharing policy), and must
 * still exist and be shared when it is published or previewed.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { CLOUDFRONT_ZONE } from '../../apigateway/models/domains';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { type PortalState, previewOf, publishStatus } from '../models/portals';
import type * as T from '../types';
import { type Ctx, out } from './common';
import { productFor } from './portal-products';
import { tagMap } from './tags';

type PortalView = T.GetPortalResponse & T.PortalSummary;

function view(portal: PortalState, ctx: Ctx): PortalView {
  const { publication, previewStartedAt, LogoUri, ...rest } = portal;
  return out({ ...rest, PublishStatus: publishStatus(portal), Preview: previewOf(portal, ctx.region) });
}

function requirePortal(ctx: Ctx, id: string): PortalState {
  return ctx.backend.portals.require(id, () => notFound(`Portal not found: ${id}`, 'Portal'));
}

/** Exactly one of Cognito sign-in or none; a Cognito user pool by its ARN. */
function checkAuthorization(auth: T.Authorization): T.Authorization {
  if (Boolean(auth.CognitoConfig) === Boolean(auth.None)) throw badRequest('Authorization must have exactly one of cognitoConfig or none');
  const cognito = auth.CognitoConfig;
  if (!cognito) return { None: {} };
  if (!/^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/.test(cognito.UserPoolArn)) {
    throw badRequest(`Invalid user pool ARN: ${cognito.UserPoolArn}`);
  }
  return { CognitoConfig: { AppClientId: cognito.AppClientId, UserPoolArn: cognito.UserPoolArn, UserPoolDomain: cognito.UserPoolDomain } };
}

/** Exactly one of a domain of the caller's (with its ACM certificate) or API Gateway's default one. */
function endpointOf(config: T.EndpointConfigurationRequest, portalId: string, ctx: Ctx): T.EndpointConfigurationResponse {
  if (Boolean(config.AcmManaged) === Boolean(config.None)) throw badRequest('EndpointConfiguration must have exactly one of acmManaged or none');
  const base = { PortalDefaultDomainName: `${portalId}.portal.apigateway.${ctx.region}.amazonaws.com`, PortalDomainHostedZoneId: CLOUDFRONT_ZONE };
  const acm = config.AcmManaged;
  if (!acm) return base;
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(acm.CertificateArn)) throw badRequest(`Invalid certificate ARN: ${acm.CertificateArn}`);
  if (!/^(?=.{3,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(acm.DomainName)) throw badRequest(`Invalid domain name: ${acm.DomainName}`);
  return { ...base, CertificateArn: acm.CertificateArn, DomainName: acm.DomainName };
}

const PRODUCT_ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(\d{12}):\/portalproducts\/([a-z0-9]+)$/;

/**
 * Whether the ARN names a portal product the caller may include: one of its own, or one
 * of another account's in the same region that the product's sharing policy shares with it.
 */
async function usable(arn: string, ctx: Ctx): Promise<boolean> {
  const m = PRODUCT_ARN.exec(arn);
  if (!m || m[1] !== ctx.region) return false;
  try {
    await productFor(ctx, m[3], m[2]);
  } catch (e) {
    if (e instanceof AwsError) return false;
    throw e;
  }
  return true;
}

/** The products named must be usable portal products (each named once). */
async function checkProducts(arns: string[], ctx: Ctx): Promise<string[]> {
  for (const arn of arns) if (!(await usable(arn, ctx))) throw badRequest(`Invalid portal product ARN: ${arn}`);
  return [...new Set(arns)];
}

/** A publish or disable still running blocks another change (ConflictException). */
function checkIdle(portal: PortalState): void {
  const status = publishStatus(portal);
  if (status === 'PUBLISH_IN_PROGRESS' || status === 'DISABLE_IN_PROGRESS') {
    throw conflict(`Portal ${portal.PortalId} has an operation in progress: ${status}`);
  }
}

export async function createPortal(input: T.CreatePortalRequest, ctx: Ctx): Promise<T.CreatePortalResponse> {
  const products = await checkProducts(input.IncludedPortalProductArns ?? [], ctx);
  const id = gatewayId(10);
  const portal: PortalState = {
    PortalId: id,
    PortalArn: ctx.backend.portalArn(`portals/${id}`),
    Authorization: checkAuthorization(input.Authorization),
    EndpointConfiguration: endpointOf(input.EndpointConfiguration, id, ctx),
    IncludedPortalProductArns: products,
    LogoUri: input.LogoUri,
    PortalContent: out(input.PortalContent),
    RumAppMonitorName: input.RumAppMonitorName,
    Tags: tagMap(input.Tags),
    LastModified: clock.date(),
  };
  ctx.backend.portals.set(id, portal);
  return view(portal, ctx);
}

export function getPortal(input: T.GetPortalRequest, ctx: Ctx): T.GetPortalResponse {
  return view(requirePortal(ctx, input.PortalId), ctx);
}

export function listPortals(input: T.ListPortalsRequest, ctx: Ctx): T.ListPortalsResponse {
  const page = ctx.backend.portals.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map((p) => view(p, ctx)), NextToken: page.nextToken };
}

export async function updatePortal(input: T.UpdatePortalRequest, ctx: Ctx): Promise<T.UpdatePortalResponse> {
  const portal = requirePortal(ctx, input.PortalId);
  checkIdle(portal);
  // Everything is checked before anything changes.
  const auth = input.Authorization && checkAuthorization(input.Authorization);
  const endpoint = input.EndpointConfiguration && endpointOf(input.EndpointConfiguration, portal.PortalId, ctx);
  const products = input.IncludedPortalProductArns && (await checkProducts(input.IncludedPortalProductArns, ctx));
  if (auth) portal.Authorization = auth;
  if (endpoint) portal.EndpointConfiguration = endpoint;
  if (products) portal.IncludedPortalProductArns = products;
  if (input.PortalContent) portal.PortalContent = out(input.PortalContent);
  if (input.LogoUri !== undefined) portal.LogoUri = input.LogoUri;
  if (input.RumAppMonitorName !== undefined) portal.RumAppMonitorName = input.RumAppMonitorName;
  portal.LastModified = clock.date();
  return view(portal, ctx);
}

export function deletePortal(input: T.DeletePortalRequest, ctx: Ctx): Record<string, never> {
  const portal = requirePortal(ctx, input.PortalId);
  checkIdle(portal);
  ctx.backend.portals.delete(portal.PortalId);
  return {};
}

/** Products deleted or unshared since the portal named them keep it from being published or previewed. */
async function checkProductsExist(portal: PortalState, ctx: Ctx): Promise<void> {
  for (const arn of portal.IncludedPortalProductArns) {
    if (!(await usable(arn, ctx))) throw badRequest(`Portal product ${arn} is no longer available; remove it from the portal`);
  }
}

export async function publishPortal(input: T.PublishPortalRequest, ctx: Ctx): Promise<T.PublishPortalResponse> {
  const portal = requirePortal(ctx, input.PortalId);
  checkIdle(portal);
  await checkProductsExist(portal, ctx);
  portal.publication = { kind: 'publish', startedAt: clock.now() };
  portal.LastPublished = clock.date();
  portal.LastPublishedDescription = input.Description;
  return {};
}

export function disablePortal(input: T.DisablePortalRequest, ctx: Ctx): Record<string, never> {
  const portal = requirePortal(ctx, input.PortalId);
  checkIdle(portal);
  if (publishStatus(portal) !== 'PUBLISHED') throw conflict(`Portal ${portal.PortalId} is not published`);
  portal.publication = { kind: 'disable', startedAt: clock.now() };
  return {};
}

export async function previewPortal(input: T.PreviewPortalRequest, ctx: Ctx): Promise<T.PreviewPortalResponse> {
  const portal = requirePortal(ctx, input.PortalId);
  if (previewOf(portal, ctx.region)?.PreviewStatus === 'PREVIEW_IN_PROGRESS') throw conflict(`A preview of portal ${portal.PortalId} is in progress`);
  await checkProductsExist(portal, ctx);
  portal.previewStartedAt = clock.now();
  return {};
}
