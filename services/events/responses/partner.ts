/**
 * Partner event sources: a SaaS partner creates a source for a customer
 * account (CreatePartnerEventSource, ...PartnerEventSource*), the customer
 * sees it (ListEventSources, DescribeEventSource), creates the matching
 * `aws.partner/...` bus, and can deactivate / activate it.
 */
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import { alreadyExists, constraint, notFound } from '../exceptions';
import type { PartnerSource } from '../models/resources';
import { type Ctx, checkLimit, pageByName } from './common';

const SOURCE_NAME = /^aws\.partner(\/[.\-_A-Za-z0-9]+){2,}$/;
const EXPIRY_MS = 90 * 86_400_000;

function sourceOf(name: string, ctx: Ctx): PartnerSource {
  const s = ctx.backend.partnerSources.get(name);
  if (!s) throw notFound(`Event source ${name} does not exist.`);
  return s;
}

/** The customer's view: only sources shared with this account. */
function ownSource(name: string, ctx: Ctx): PartnerSource {
  const s = sourceOf(name, ctx);
  if (s.account !== ctx.account) throw notFound(`Event source ${name} does not exist.`);
  return s;
}

export function createPartnerEventSource(input: { Name: string; Account: string }, ctx: Ctx) {
  if (!SOURCE_NAME.test(input.Name) || input.Name.length > 256) {
    throw constraint(input.Name, 'name', 'Member must satisfy regular expression pattern: aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}');
  }
  if (!/^\d{12}$/.test(input.Account)) throw constraint(input.Account, 'account', 'Member must satisfy regular expression pattern: \\d{12}');
  if (ctx.backend.partnerSources.has(input.Name)) throw alreadyExists(`Event source ${input.Name} already exists.`);
  const source: PartnerSource = {
    name: input.Name,
    arn: arn({ service: 'events', region: ctx.region, account: '', resource: `event-source/${input.Name}` }),
    account: input.Account,
    createdBy: input.Name.split('/')[1],
    creationTime: clock.date(),
    state: 'PENDING',
  };
  ctx.backend.partnerSources.set(source.name, source);
  return { EventSourceArn: source.arn };
}

export function deletePartnerEventSource(input: { Name: string; Account: string }, ctx: Ctx): void {
  const s = ctx.backend.partnerSources.get(input.Name);
  if (s && s.account === input.Account) ctx.backend.partnerSources.delete(input.Name);
}

export function describePartnerEventSource(input: { Name: string }, ctx: Ctx) {
  const s = sourceOf(input.Name, ctx);
  return { Arn: s.arn, Name: s.name };
}

export function listPartnerEventSources(input: { NamePrefix: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const all = [...ctx.backend.partnerSources.values()].filter((s) => s.name.startsWith(input.NamePrefix));
  const { page, NextToken } = pageByName(all, (s) => s.name, input.NextToken, limit);
  return { PartnerEventSources: page.map((s) => ({ Arn: s.arn, Name: s.name })), NextToken };
}

export function listPartnerEventSourceAccounts(input: { EventSourceName: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  checkLimit(input.Limit);
  const s = sourceOf(input.EventSourceName, ctx);
  return {
    PartnerEventSourceAccounts: [{ Account: s.account, CreationTime: s.creationTime, ExpirationTime: new Date(s.creationTime.getTime() + EXPIRY_MS), State: s.state }],
  };
}

const customerView = (s: PartnerSource) => ({
  Arn: s.arn,
  CreatedBy: s.createdBy,
  CreationTime: s.creationTime,
  ExpirationTime: s.state === 'PENDING' ? new Date(s.creationTime.getTime() + EXPIRY_MS) : undefined,
  Name: s.name,
  State: s.state,
});

export function describeEventSource(input: { Name: string }, ctx: Ctx) {
  return customerView(ownSource(input.Name, ctx));
}

export function listEventSources(input: { NamePrefix?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const all = [...ctx.backend.partnerSources.values()].filter((s) => s.account === ctx.account && s.name.startsWith(input.NamePrefix ?? ''));
  const { page, NextToken } = pageByName(all, (s) => s.name, input.NextToken, limit);
  return { EventSources: page.map(customerView), NextToken };
}

export function activateEventSource(input: { Name: string }, ctx: Ctx): void {
  ownSource(input.Name, ctx).state = 'ACTIVE';
}

export function deactivateEventSource(input: { Name: string }, ctx: Ctx): void {
  ownSource(input.Name, ctx).state = 'PENDING';
}
