/**
 * VPC links of HTTP APIs (VpcLinkVersion V2: subnets and security groups, not a
 * load balancer): PENDING while API Gateway provisions the network interfaces,
 * then AVAILABLE once VPC_LINK_PROVISIONING_MS has passed on the core clock
 * (AWS takes minutes; fake timers move it). This fake has no EC2 subnets to check
 * the ids against, so only their form is checked. Deleting a link answers 202 and
 * it is gone at once.
 */
import { clock } from '../../../src/core/clock';
import { VPC_LINK_PROVISIONING_MS } from '../../apigateway/responses/account-resources';
import { badRequest, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type * as T from '../types';
import { type Ctx, out } from './common';

type LinkState = T.VpcLink & { createdAt: number };

function view(link: LinkState): T.VpcLink {
  const { createdAt, ...rest } = link;
  const available = clock.now() >= createdAt + VPC_LINK_PROVISIONING_MS;
  return out({
    ...rest,
    VpcLinkStatus: available ? 'AVAILABLE' : 'PENDING',
    VpcLinkStatusMessage: available ? 'VPC link is ready to route traffic' : 'VPC link is provisioning ENIs',
  });
}

function requireLink(ctx: Ctx, id: string): LinkState {
  return ctx.backend.vpcLinks.require(id, () => notFound(`Invalid VpcLink identifier specified ${id}`, 'VpcLink'));
}

export function createVpcLink(input: T.CreateVpcLinkRequest, ctx: Ctx): T.CreateVpcLinkResponse {
  if (input.SubnetIds.length === 0) throw badRequest('At least one subnet is required for a VPC link');
  for (const id of input.SubnetIds) if (!/^subnet-[0-9a-f]{8,17}$/.test(id)) throw badRequest(`Invalid subnet identifier: ${id}`);
  for (const id of input.SecurityGroupIds ?? []) if (!/^sg-[0-9a-f]{8,17}$/.test(id)) throw badRequest(`Invalid security group identifier: ${id}`);
  const id = gatewayId(6);
  const tags: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(input.Tags ?? {})) tags[k] = v;
  const link: LinkState = {
    VpcLinkId: id,
    Name: input.Name,
    SubnetIds: [...new Set(input.SubnetIds)],
    SecurityGroupIds: [...new Set(input.SecurityGroupIds ?? [])],
    Tags: tags,
    CreatedDate: clock.date(),
    VpcLinkVersion: 'V2',
    createdAt: clock.now(),
  };
  ctx.backend.vpcLinks.set(id, link);
  return view(link);
}

export function getVpcLink(input: T.GetVpcLinkRequest, ctx: Ctx): T.GetVpcLinkResponse {
  return view(requireLink(ctx, input.VpcLinkId));
}

export function getVpcLinks(input: T.GetVpcLinksRequest, ctx: Ctx): T.GetVpcLinksResponse {
  const page = ctx.backend.vpcLinks.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(view), NextToken: page.nextToken };
}

export function updateVpcLink(input: T.UpdateVpcLinkRequest, ctx: Ctx): T.UpdateVpcLinkResponse {
  const link = requireLink(ctx, input.VpcLinkId);
  if (input.Name !== undefined) link.Name = input.Name;
  return view(link);
}

export function deleteVpcLink(input: T.DeleteVpcLinkRequest, ctx: Ctx): T.DeleteVpcLinkResponse {
  requireLink(ctx, input.VpcLinkId);
  ctx.backend.vpcLinks.delete(input.VpcLinkId);
  return {};
}
