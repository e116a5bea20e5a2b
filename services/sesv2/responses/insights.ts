/**
 * Virtual Deliverability Manager: metrics and message insights from the mail
 * the fake sent, email address insights from what the fake knows of an
 * address, recommendations from the account's identities, and the account's
 * VDM and pricing attributes.
 */
import { clock } from '../../../src/core/clock';
import { invalid, notFound } from '../exceptions';
import { checkAddress, simulated } from '../models/addresses';
import { dailyCounts, recipientEvents } from '../models/insights';
import { ispOf } from '../models/resources';
import type * as T from '../types';
import { type Ctx, page } from './common';

export function batchGetMetricData(input: T.BatchGetMetricDataRequest, ctx: Ctx): T.BatchGetMetricDataResponse {
  for (const q of input.Queries) if (q.StartDate.getTime() > q.EndDate.getTime()) throw invalid(`Query ${q.Id}: StartDate must be before EndDate.`);
  const ids = new Set<string>();
  for (const q of input.Queries) {
    if (ids.has(q.Id)) throw invalid(`Duplicate query id: ${q.Id}.`);
    ids.add(q.Id);
  }
  const Results = input.Queries.map((q) => {
    const days = dailyCounts(ctx.backend, q.Metric, q.Dimensions, q.StartDate, q.EndDate);
    return { Id: q.Id, Timestamps: [...days.keys()].map((d) => new Date(d)), Values: [...days.values()].map((d) => d.volume) };
  });
  return { Results, Errors: [] };
}

export function getMessageInsights(input: { MessageId: string }, ctx: Ctx): T.GetMessageInsightsResponse {
  const b = ctx.backend;
  const email = b.sent.find((m) => m.messageId === input.MessageId);
  if (!email) throw notFound(`Message ${input.MessageId} does not exist.`);
  return {
    MessageId: email.messageId,
    FromEmailAddress: email.from,
    Subject: email.subject,
    EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
    Insights: email.recipients.map((r) => ({ Destination: r, Isp: ispOf(r), Events: recipientEvents(b, email, r) })),
  };
}

/** Local parts that name a role, not a person. */
const ROLE = /^(admin|administrator|postmaster|hostmaster|webmaster|abuse|support|info|sales|contact|help|noreply|no-reply|office|billing|security|marketing|team|hello)$/i;

/**
 * What the fake can tell of an address: its syntax, the mailbox simulator's
 * answer, the account's suppression list (a hard bounce says the mailbox is
 * gone) and role names. DNS and disposable-domain data are not known: those
 * verdicts are MEDIUM.
 */
export function getEmailAddressInsights(input: { EmailAddress: string }, ctx: Ctx): T.GetEmailAddressInsightsResponse {
  let syntax = true;
  try {
    checkAddress(input.EmailAddress);
  } catch {
    syntax = false;
  }
  const v = (c: 'LOW' | 'MEDIUM' | 'HIGH') => ({ ConfidenceVerdict: c });
  const local = input.EmailAddress.slice(0, Math.max(0, input.EmailAddress.lastIndexOf('@')));
  const sim = syntax ? simulated(input.EmailAddress) : undefined;
  const suppressed = ctx.backend.suppressed.get(input.EmailAddress.toLowerCase());
  const gone = sim === 'bounce' || suppressed?.Reason === 'BOUNCE';
  const exists = !syntax || gone ? 'LOW' : sim ? 'HIGH' : 'MEDIUM';
  return {
    MailboxValidation: {
      IsValid: v(!syntax || gone ? 'LOW' : sim ? 'HIGH' : 'MEDIUM'),
      Evaluations: {
        HasValidSyntax: v(syntax ? 'HIGH' : 'LOW'),
        HasValidDnsRecords: v(!syntax ? 'LOW' : sim ? 'HIGH' : 'MEDIUM'),
        MailboxExists: v(exists),
        IsRoleAddress: v(ROLE.test(local) ? 'HIGH' : 'LOW'),
        IsDisposable: v(sim ? 'LOW' : 'MEDIUM'),
        IsRandomInput: v('LOW'),
      },
    },
  };
}

export function putAccountVdmAttributes(input: T.PutAccountVdmAttributesRequest, ctx: Ctx) {
  ctx.backend.vdmAttributes = { ...input.VdmAttributes };
  return {};
}

/** A plan change takes effect at the start of the next monthly cycle (NextPlan until then). */
export function putAccountPricingAttributes(input: T.PutAccountPricingAttributesRequest, ctx: Ctx) {
  const b = ctx.backend;
  const current = b.pricing().current;
  const now = new Date(clock.now());
  const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  b.pricingPlan = input.Plan === current ? { current } : { current, next: input.Plan, nextAt: nextMonth };
  return {};
}

/**
 * Recommendations VDM makes from the account's setup: a domain whose DKIM
 * is not verified, a custom MAIL FROM (SPF) not verified. Only with VDM
 * enabled; DMARC and BIMI need DNS the fake does not have.
 */
export function listRecommendations(input: T.ListRecommendationsRequest, ctx: Ctx): T.ListRecommendationsResponse {
  const b = ctx.backend;
  const all: T.Recommendation[] = [];
  if (b.vdmAttributes?.VdmEnabled === 'ENABLED') {
    for (const id of b.identities.values()) {
      const base = { ResourceArn: b.arn(`identity/${id.name}`), CreatedTimestamp: id.created, LastUpdatedTimestamp: id.created, Impact: 'HIGH', Status: 'OPEN' };
      if (id.type === 'DOMAIN' && id.dkim.status !== 'SUCCESS') all.push({ ...base, Type: 'DKIM', Description: `DKIM signing is not verified for ${id.name}.` });
      if (id.mailFrom && id.mailFrom.status !== 'SUCCESS') all.push({ ...base, Type: 'SPF', Impact: 'LOW', Description: `The custom MAIL FROM domain ${id.mailFrom.domain} is not verified.` });
    }
  }
  const f = input.Filter ?? {};
  const keep = all.filter((r) => (!f.TYPE || r.Type === f.TYPE) && (!f.IMPACT || r.Impact === f.IMPACT) && (!f.STATUS || r.Status === f.STATUS) && (!f.RESOURCE_ARN || r.ResourceArn === f.RESOURCE_ARN));
  const { out, NextToken } = page(keep, (r) => `${r.ResourceArn}|${r.Type}`, input.NextToken, input.PageSize ?? 100);
  return { Recommendations: out, NextToken };
}
