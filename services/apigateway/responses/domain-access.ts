/**
 * Domain name access associations: a VPC endpoint (the source, in the caller's
 * account) allowed to reach a PRIVATE custom domain name (possibly another
 * account's, shared through RAM). An association belongs to both accounts, so it
 * lives in registry-owned shared state: the source account lists it as SELF and
 * deletes it; the domain's owner lists it as OTHER_ACCOUNTS and rejects it.
 */
import { badRequest, conflict, notFound } from '../exceptions';
import type { ApiGatewayBackend } from '../models/backend';
import { requireDomain } from '../models/domains';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

interface Association {
  association: T.DomainNameAccessAssociation & { domainNameAccessAssociationArn: string };
  /** The account that created it (the VPC endpoint's). */
  sourceAccount: string;
  /** The account owning the private domain name. */
  domainAccount: string;
}

function associations(ctx: Ctx): Map<string, Association> {
  return ctx.backends.shared('apigateway:domain-name-access-associations', () => new Map<string, Association>());
}

/** `arn:aws:apigateway:<region>:<account>:/domainnames/<name>+<id>` → its parts. */
const DOMAIN_ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(\d{12}):\/domainnames\/([^/+]+)\+([^/+]+)$/;

export async function createDomainNameAccessAssociation(input: T.CreateDomainNameAccessAssociationRequest, ctx: Ctx): Promise<T.DomainNameAccessAssociation> {
  const m = DOMAIN_ARN.exec(input.domainNameArn);
  if (!m) throw badRequest(`Invalid domain name ARN: ${input.domainNameArn}`);
  const [, region, account, name, id] = m;
  if (region !== ctx.region) throw badRequest('The domain name must be in the same region as the association');
  if (!/^vpce-[0-9a-f]+$/.test(input.accessAssociationSource)) throw badRequest(`Invalid VPC endpoint identifier: ${input.accessAssociationSource}`);
  const owner = await ctx.backends.get<ApiGatewayBackend>('apigateway', account, region);
  const domain = requireDomain(owner, name, id);
  const arn = `arn:aws:apigateway:${region}:${ctx.account}:/domainnameaccessassociations/domainname/${name}+${id}/vpcesource/${input.accessAssociationSource}`;
  const all = associations(ctx);
  if (all.has(arn)) throw conflict('A domain name access association already exists for this domain name and source');
  const association = {
    domainNameAccessAssociationArn: arn,
    domainNameArn: domain.domainNameArn,
    accessAssociationSourceType: input.accessAssociationSourceType,
    accessAssociationSource: input.accessAssociationSource,
    tags: userMap(input.tags),
  };
  all.set(arn, { association, sourceAccount: ctx.account, domainAccount: account });
  return out(association);
}

/** SELF (default): the caller's associations; OTHER_ACCOUNTS: other accounts' associations with the caller's domains. */
export function getDomainNameAccessAssociations(input: T.GetDomainNameAccessAssociationsRequest, ctx: Ctx): T.DomainNameAccessAssociations {
  const others = input.resourceOwner === 'OTHER_ACCOUNTS';
  const mine = [...associations(ctx).values()]
    .filter((a) => (others ? a.domainAccount === ctx.account && a.sourceAccount !== ctx.account : a.sourceAccount === ctx.account))
    .map((a) => a.association)
    .filter((a) => a.domainNameAccessAssociationArn.split(':')[3] === ctx.region)
    .sort((a, b) => (a.domainNameAccessAssociationArn < b.domainNameAccessAssociationArn ? -1 : 1));
  const limit = input.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('Limit must be between 1 and 500');
  const start = input.position === undefined ? 0 : mine.findIndex((a) => a.domainNameAccessAssociationArn === input.position) + 1;
  if (input.position !== undefined && start === 0) throw badRequest('Invalid position parameter');
  const page = mine.slice(start, start + limit);
  return { items: page.map(out), position: start + limit < mine.length ? page[page.length - 1].domainNameAccessAssociationArn : undefined };
}

function requireAssociation(ctx: Ctx, arn: string): Association {
  const found = associations(ctx).get(arn);
  if (!found) throw notFound('Invalid domain name access association identifier specified');
  return found;
}

/** Only the account that created an association deletes it. */
export function deleteDomainNameAccessAssociation(input: T.DeleteDomainNameAccessAssociationRequest, ctx: Ctx): void {
  const found = requireAssociation(ctx, input.domainNameAccessAssociationArn);
  if (found.sourceAccount !== ctx.account) throw notFound('Invalid domain name access association identifier specified');
  associations(ctx).delete(input.domainNameAccessAssociationArn);
}

/** The domain's owner turns away an association another account made with its domain. */
export function rejectDomainNameAccessAssociation(input: T.RejectDomainNameAccessAssociationRequest, ctx: Ctx): void {
  const found = requireAssociation(ctx, input.domainNameAccessAssociationArn);
  if (found.domainAccount !== ctx.account || found.association.domainNameArn !== input.domainNameArn) {
    throw notFound('Invalid domain name access association identifier specified');
  }
  associations(ctx).delete(input.domainNameAccessAssociationArn);
}
