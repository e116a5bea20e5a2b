/**
 * Tenants (groups of identities, configuration sets and templates), their
 * resource associations and suppression attributes, and reputation
 * entities: the account's tenants, identities and configuration sets, each
 * with a customer-managed sending status and a reputation policy.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { exists, invalid, MailError, notFound, rejected } from '../exceptions';
import { bareAddress } from '../models/addresses';
import type { Suppressed } from '../models/backend';
import type { SesBackend } from '../models/backend';
import { RESOURCE_TYPES, type Tenant } from '../models/resources';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

export function tenant(name: string, ctx: Ctx): Tenant {
  const t = ctx.backend.tenants.get(name);
  if (!t) throw notFound(`Tenant ${name} does not exist.`);
  return t;
}

/** The status a tenant sends with: its customer-managed status (ENABLED unless changed). */
const sendingStatus = (b: SesBackend, arn: string) => b.reputation.get(arn)?.customerStatus?.Status ?? 'ENABLED';

const info = (b: SesBackend, t: Tenant) => ({ TenantName: t.name, TenantId: t.id, TenantArn: t.arn, CreatedTimestamp: t.created, SendingStatus: sendingStatus(b, t.arn) });

export function createTenant(input: T.CreateTenantRequest, ctx: Ctx): T.CreateTenantResponse {
  const b = ctx.backend;
  if (b.tenants.has(input.TenantName)) throw exists(`Tenant ${input.TenantName} already exists.`);
  const id = `tn-${randomBytes(12).toString('hex')}`;
  const t: Tenant = { name: input.TenantName, id, arn: b.arn(`tenant/${input.TenantName}/${id}`), created: clock.date(), tags: new Map(), resources: new Map(), suppressed: new Map() };
  setTags(t.tags, input.Tags);
  b.tenants.set(t.name, t);
  return { ...info(b, t), Tags: tagList(t.tags) };
}

export function getTenant(input: { TenantName: string }, ctx: Ctx): T.GetTenantResponse {
  const t = tenant(input.TenantName, ctx);
  return { Tenant: { ...info(ctx.backend, t), Tags: tagList(t.tags), SuppressionAttributes: t.suppression ? { ...t.suppression } : undefined } };
}

/** Deleting a tenant removes its associations; the resources stay. */
export function deleteTenant(input: { TenantName: string }, ctx: Ctx) {
  const t = tenant(input.TenantName, ctx);
  ctx.backend.tenants.delete(t.name);
  ctx.backend.reputation.delete(t.arn);
  return {};
}

export function listTenants(input: { NextToken?: string; PageSize?: number }, ctx: Ctx): T.ListTenantsResponse {
  const { out, NextToken } = page(ctx.backend.tenants.values(), (t) => t.name, input.NextToken, input.PageSize ?? 100);
  return { Tenants: out.map((t) => info(ctx.backend, t)), NextToken };
}

/** The type of an SES resource ARN of this account and region whose resource exists. */
function resourceType(arn: string, ctx: Ctx): string {
  const b = ctx.backend;
  const m = /^arn:[^:]+:ses:([^:]*):(\d{12}):([a-z-]+)\/(.+)$/.exec(arn);
  const type = m ? RESOURCE_TYPES[m[3]] : undefined;
  if (!m || !type || m[1] !== b.region || m[2] !== b.account) throw invalid(`Invalid resource ARN: ${arn}`);
  const name = m[4];
  const found = type === 'EMAIL_IDENTITY' ? b.identity(name) : type === 'CONFIGURATION_SET' ? b.configurationSets.get(name) : b.templates.get(name);
  if (!found) throw notFound(`Resource ${arn} does not exist.`);
  return type;
}

export function createTenantResourceAssociation(input: T.CreateTenantResourceAssociationRequest, ctx: Ctx) {
  const t = tenant(input.TenantName, ctx);
  const type = resourceType(input.ResourceArn, ctx);
  if (t.resources.has(input.ResourceArn)) throw exists(`Resource ${input.ResourceArn} is already associated with tenant ${t.name}.`);
  t.resources.set(input.ResourceArn, { type, associated: clock.date() });
  return {};
}

export function deleteTenantResourceAssociation(input: T.DeleteTenantResourceAssociationRequest, ctx: Ctx) {
  const t = tenant(input.TenantName, ctx);
  if (!t.resources.delete(input.ResourceArn)) throw notFound(`Resource ${input.ResourceArn} is not associated with tenant ${t.name}.`);
  return {};
}

export function listTenantResources(input: T.ListTenantResourcesRequest, ctx: Ctx): T.ListTenantResourcesResponse {
  const t = tenant(input.TenantName, ctx);
  const type = input.Filter?.RESOURCE_TYPE;
  const all = [...t.resources].filter(([, r]) => !type || r.type === type);
  const { out, NextToken } = page(all, ([arn]) => arn, input.NextToken, input.PageSize ?? 100);
  return { TenantResources: out.map(([ResourceArn, r]) => ({ ResourceArn, ResourceType: r.type })), NextToken };
}

export function listResourceTenants(input: T.ListResourceTenantsRequest, ctx: Ctx): T.ListResourceTenantsResponse {
  resourceType(input.ResourceArn, ctx);
  const all = [...ctx.backend.tenants.values()].filter((t) => t.resources.has(input.ResourceArn));
  const { out, NextToken } = page(all, (t) => t.name, input.NextToken, input.PageSize ?? 100);
  return {
    ResourceTenants: out.map((t) => ({ TenantName: t.name, TenantId: t.id, ResourceArn: input.ResourceArn, AssociatedTimestamp: t.resources.get(input.ResourceArn)?.associated })),
    NextToken,
  };
}

export function putTenantSuppressionAttributes(input: T.PutTenantSuppressionAttributesRequest, ctx: Ctx) {
  const t = tenant(input.TenantName, ctx);
  t.suppression = { SuppressedReasons: input.SuppressedReasons ?? t.suppression?.SuppressedReasons, SuppressionScope: input.SuppressionScope ?? t.suppression?.SuppressionScope ?? 'ACCOUNT' };
  return {};
}

// --- reputation entities ---

/** Every resource with a reputation: tenants, identities and configuration sets, by ARN. */
function entities(b: SesBackend): Map<string, Date | undefined> {
  const out = new Map<string, Date | undefined>();
  for (const t of b.tenants.values()) out.set(t.arn, t.created);
  for (const id of b.identities.values()) out.set(b.arn(`identity/${id.name}`), id.created);
  for (const set of b.configurationSets.values()) out.set(b.arn(`configuration-set/${set.name}`), undefined);
  return out;
}

function entity(b: SesBackend, reference: string): T.ReputationEntity {
  const r = b.reputation.get(reference);
  const customer = r?.customerStatus?.Status ?? 'ENABLED';
  return {
    ReputationEntityReference: reference,
    ReputationEntityType: 'RESOURCE',
    ReputationManagementPolicy: r?.policy,
    CustomerManagedStatus: { Status: customer, LastUpdatedTimestamp: r?.customerStatus?.LastUpdatedTimestamp },
    AwsSesManagedStatus: { Status: 'ENABLED' },
    // Sending needs both statuses enabled; the fake's SES-managed status never pauses.
    SendingStatusAggregate: customer,
    ReputationImpact: 'LOW',
  };
}

function requireEntity(b: SesBackend, reference: string, error: (m: string) => Error): void {
  if (!entities(b).has(reference)) throw error(`Reputation entity ${reference} does not exist.`);
}

export function getReputationEntity(input: T.GetReputationEntityRequest, ctx: Ctx): T.GetReputationEntityResponse {
  requireEntity(ctx.backend, input.ReputationEntityReference, notFound);
  return { ReputationEntity: entity(ctx.backend, input.ReputationEntityReference) };
}

export function listReputationEntities(input: T.ListReputationEntitiesRequest, ctx: Ctx): T.ListReputationEntitiesResponse {
  const b = ctx.backend;
  const f = input.Filter ?? {};
  const all = [...entities(b).keys()]
    .map((ref) => entity(b, ref))
    .filter(
      (e) =>
        (!f.ENTITY_TYPE || e.ReputationEntityType === f.ENTITY_TYPE) &&
        (!f.REPUTATION_IMPACT || e.ReputationImpact === f.REPUTATION_IMPACT) &&
        (!f.SENDING_STATUS || e.SendingStatusAggregate === f.SENDING_STATUS) &&
        (!f.ENTITY_REFERENCE_PREFIX || (e.ReputationEntityReference ?? '').startsWith(f.ENTITY_REFERENCE_PREFIX)),
    );
  const { out, NextToken } = page(all, (e) => e.ReputationEntityReference ?? '', input.NextToken, input.PageSize ?? 100);
  return { ReputationEntities: out, NextToken };
}

export function updateReputationEntityCustomerManagedStatus(input: T.UpdateReputationEntityCustomerManagedStatusRequest, ctx: Ctx) {
  const b = ctx.backend;
  requireEntity(b, input.ReputationEntityReference, invalid);
  const r = b.reputation.get(input.ReputationEntityReference) ?? {};
  r.customerStatus = { Status: input.SendingStatus, LastUpdatedTimestamp: clock.date() };
  b.reputation.set(input.ReputationEntityReference, r);
  return {};
}

export function updateReputationEntityPolicy(input: T.UpdateReputationEntityPolicyRequest, ctx: Ctx) {
  const b = ctx.backend;
  requireEntity(b, input.ReputationEntityReference, invalid);
  if (!/^arn:aws[\w-]*:ses:/.test(input.ReputationEntityPolicy)) throw invalid(`Invalid reputation policy ARN: ${input.ReputationEntityPolicy}`);
  const r = b.reputation.get(input.ReputationEntityReference) ?? {};
  r.policy = input.ReputationEntityPolicy;
  b.reputation.set(input.ReputationEntityReference, r);
  return {};
}

/**
 * Sending through a tenant: the tenant must exist and may send, and every
 * resource the call names (the sender's identity, the configuration set,
 * the template) must be associated with it. Answers the suppression list
 * that applies: the tenant's own when its scope is TENANT.
 */
export function tenantSend(name: string, uses: { from?: string; configurationSet?: string; template?: string }, ctx: Ctx): Map<string, Suppressed> {
  const b = ctx.backend;
  const t = tenant(name, ctx);
  if (sendingStatus(b, t.arn) === 'DISABLED') throw new MailError('rejected', `Sending is paused for tenant ${t.name}.`, 'AccountSendingPausedException');
  const needed: string[] = [];
  const identity = uses.from === undefined ? undefined : b.verifiedFor(bareAddress(uses.from));
  if (identity) needed.push(b.arn(`identity/${identity.name}`));
  if (uses.configurationSet !== undefined) needed.push(b.arn(`configuration-set/${uses.configurationSet}`));
  if (uses.template !== undefined) needed.push(b.arn(`template/${uses.template}`));
  const missing = needed.filter((arn) => !t.resources.has(arn));
  if (missing.length) throw rejected(`Resources not associated with tenant ${t.name}: ${missing.join(', ')}`);
  return t.suppression?.SuppressionScope === 'TENANT' ? t.suppressed : b.suppressed;
}
