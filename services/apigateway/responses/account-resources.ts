/**
 * Account-level resources outside any REST API: client certificates (real
 * self-signed X.509, for integrations' mutual TLS) and VPC links (PENDING,
 * then AVAILABLE once VPC_LINK_PROVISIONING_MS has passed on the clock).
 */
import { clock } from '../../../src/core/clock';
import { badRequest, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { selfSignedCertificate } from '../models/certificate';
import { patchInPlace, replaceable } from '../models/patch';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

/** AWS generates client certificates valid for 365 days. */
const CERTIFICATE_DAYS = 365;

export function generateClientCertificate(input: T.GenerateClientCertificateRequest, ctx: Ctx): T.ClientCertificate {
  const now = clock.date();
  const expires = new Date(now.getTime() + CERTIFICATE_DAYS * 86_400_000);
  const id = gatewayId(6);
  const certificate = {
    clientCertificateId: id,
    description: input.description,
    pemEncodedCertificate: selfSignedCertificate(id, now, expires),
    createdDate: now,
    expirationDate: expires,
    tags: userMap(input.tags),
  };
  ctx.backend.clientCertificates.set(id, certificate);
  return out(certificate);
}

function requireCertificate(ctx: Ctx, id: string) {
  return ctx.backend.clientCertificates.require(id, () => notFound('Invalid Client Certificate identifier specified'));
}

export function getClientCertificate(input: T.GetClientCertificateRequest, ctx: Ctx): T.ClientCertificate {
  return out(requireCertificate(ctx, input.clientCertificateId));
}

export function getClientCertificates(input: T.GetClientCertificatesRequest, ctx: Ctx): T.ClientCertificates {
  const page = ctx.backend.clientCertificates.page(input.limit, input.position);
  return { items: page.items.map(out), position: page.position };
}

export function updateClientCertificate(input: T.UpdateClientCertificateRequest, ctx: Ctx): T.ClientCertificate {
  return out(patchInPlace(requireCertificate(ctx, input.clientCertificateId), input.patchOperations, replaceable('string', '/description')));
}

export function deleteClientCertificate(input: T.DeleteClientCertificateRequest, ctx: Ctx): void {
  requireCertificate(ctx, input.clientCertificateId);
  ctx.backend.clientCertificates.delete(input.clientCertificateId);
}

// ---- VPC links ----

/** How long a new VPC link stays PENDING (AWS takes minutes; the fake keeps tests fast). */
export const VPC_LINK_PROVISIONING_MS = 1000;

const NLB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[^/]+\/[^/]+$/;

function linkView(link: T.VpcLink & { id: string; createdAt: number }): T.VpcLink {
  const { createdAt, ...rest } = link;
  const available = clock.now() >= createdAt + VPC_LINK_PROVISIONING_MS;
  return out({ ...rest, status: available ? 'AVAILABLE' : 'PENDING', statusMessage: available ? 'Your vpc link is ready for use' : 'VPC link is provisioning ENIs' });
}

export function createVpcLink(input: T.CreateVpcLinkRequest, ctx: Ctx): T.VpcLink {
  if (input.targetArns.length !== 1) throw badRequest('A VPC link of a REST API takes exactly one target ARN');
  if (!NLB_ARN.test(input.targetArns[0])) throw badRequest(`Invalid target ARN ${input.targetArns[0]}: must be a Network Load Balancer`);
  const id = gatewayId(6);
  const link = { id, name: input.name, description: input.description, targetArns: [...input.targetArns], tags: userMap(input.tags), createdAt: clock.now() };
  ctx.backend.vpcLinks.set(id, link);
  return linkView(link);
}

function requireLink(ctx: Ctx, id: string) {
  return ctx.backend.vpcLinks.require(id, () => notFound('Invalid VPC link identifier specified'));
}

export function getVpcLink(input: T.GetVpcLinkRequest, ctx: Ctx): T.VpcLink {
  return linkView(requireLink(ctx, input.vpcLinkId));
}

export function getVpcLinks(input: T.GetVpcLinksRequest, ctx: Ctx): T.VpcLinks {
  const page = ctx.backend.vpcLinks.page(input.limit, input.position);
  return { items: page.items.map(linkView), position: page.position };
}

export function updateVpcLink(input: T.UpdateVpcLinkRequest, ctx: Ctx): T.VpcLink {
  return linkView(patchInPlace(requireLink(ctx, input.vpcLinkId), input.patchOperations, replaceable('string', '/name', '/description')));
}

/** A link an integration of any REST API uses (connectionType VPC_LINK) cannot be deleted. */
export function deleteVpcLink(input: T.DeleteVpcLinkRequest, ctx: Ctx): void {
  requireLink(ctx, input.vpcLinkId);
  for (const api of ctx.backend.restApis.values()) {
    for (const resource of api.resources.values()) {
      for (const method of Object.values(resource.resourceMethods)) {
        if (method.methodIntegration?.connectionId === input.vpcLinkId) throw badRequest(`Cannot delete vpc link. Vpc link '${input.vpcLinkId}', is referenced in [${resource.path}:${method.httpMethod}] in format of [Resource:Method].`);
      }
    }
  }
  ctx.backend.vpcLinks.delete(input.vpcLinkId);
}
