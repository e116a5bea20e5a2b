/**
 * The Deliverability dashboard: the subscription, inbox placement tests,
 * campaigns, domain statistics and blacklist reports. Real inbox providers'
 * measurements cannot be known, so the fake answers from what it owns: the
 * mail it sent (every delivery counts as an inbox placement, nothing lands
 * in spam), the opens tests recorded, and the sender's DKIM/MAIL FROM state.
 */
import { createHash, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { invalid, notFound, rejected } from '../exceptions';
import { checkAddress, domainOf } from '../models/addresses';
import type { SesBackend } from '../models/backend';
import { outcomes } from '../models/events';
import { parseMime, type SentEmail } from '../models/message';
import { renderTemplate, templateData } from '../models/template';
import { ispOf, TEST_REPORT_MS, type DeliverabilityTestReport } from '../models/resources';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

/** Cancelling keeps the subscription to the end of the calendar month (PENDING_EXPIRATION). */
function endOfMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 1000);
}

/** A PENDING_EXPIRATION subscription whose month has ended is gone. */
function settleDashboard(b: SesBackend): void {
  const d = b.dashboard;
  if (!d.enabled && d.expiry && clock.now() > d.expiry.getTime()) {
    d.expiry = undefined;
    d.pending = [];
  }
}

export function getDeliverabilityDashboardOptions(_input: unknown, ctx: Ctx): T.GetDeliverabilityDashboardOptionsResponse {
  const b = ctx.backend;
  settleDashboard(b);
  const d = b.dashboard;
  return {
    DashboardEnabled: d.enabled,
    AccountStatus: d.enabled ? 'ACTIVE' : d.expiry ? 'PENDING_EXPIRATION' : 'DISABLED',
    SubscriptionExpiryDate: d.expiry,
    ActiveSubscribedDomains: d.active.map((x) => ({ ...x })),
    PendingExpirationSubscribedDomains: d.pending.map((x) => ({ ...x })),
  };
}

export function putDeliverabilityDashboardOption(input: T.PutDeliverabilityDashboardOptionRequest, ctx: Ctx) {
  const b = ctx.backend;
  settleDashboard(b);
  const d = b.dashboard;
  if (input.DashboardEnabled) {
    const now = clock.date();
    d.enabled = true;
    d.expiry = undefined;
    d.pending = [];
    d.active = (input.SubscribedDomains ?? []).map((x) => ({ ...x, Domain: x.Domain?.toLowerCase(), SubscriptionStartDate: x.SubscriptionStartDate ?? now }));
  } else if (d.enabled) {
    d.enabled = false;
    d.expiry = endOfMonth(clock.date());
    d.pending = d.active;
    d.active = [];
  }
  return {};
}

function subscribed(b: SesBackend, domain: string): void {
  settleDashboard(b);
  const d = b.dashboard;
  const lower = domain.toLowerCase();
  if (![...d.active, ...d.pending].some((x) => x.Domain === lower)) throw notFound(`Domain ${domain} is not subscribed to the Deliverability dashboard.`);
}

function requireDashboard(b: SesBackend): void {
  settleDashboard(b);
  if (!b.dashboard.enabled && !b.dashboard.expiry) throw invalid('The Deliverability dashboard is not enabled for this account.');
}

// --- inbox placement tests ---

/** The ISPs whose seed mailboxes a placement test reads (the fake's panel). */
const TEST_ISPS = ['Gmail', 'Yahoo', 'Hotmail', 'AOL'];

/** The subject a placement test's content carries: simple, raw (parsed) or template (rendered). */
async function testSubject(b: SesBackend, content: T.EmailContent): Promise<string | undefined> {
  if (content.Simple) return content.Simple.Subject.Data;
  if (content.Raw) return (await parseMime(Buffer.from(content.Raw.Data))).subject;
  const t = content.Template;
  if (!t) throw invalid('Content must contain one of Simple, Raw or Template.');
  if (!t.TemplateContent && !t.TemplateName) throw invalid('Template content or a template name is required.');
  const subject = t.TemplateContent ? t.TemplateContent.Subject : b.template(t.TemplateName as string).subject;
  return renderTemplate({ subject }, templateData(t.TemplateData)).subject;
}

export async function createDeliverabilityTestReport(input: T.CreateDeliverabilityTestReportRequest, ctx: Ctx): Promise<T.CreateDeliverabilityTestReportResponse> {
  const b = ctx.backend;
  requireDashboard(b);
  const from = checkAddress(input.FromEmailAddress);
  const identity = b.verifiedFor(from);
  if (!identity) throw rejected(`Email address is not verified. The following identities failed the check in region ${b.region.toUpperCase()}: ${from}`);
  const subject = await testSubject(b, input.Content);
  const domain = b.identity(domainOf(from));
  const mailFrom = (identity.mailFrom ? identity : domain)?.mailFrom;
  const now = clock.date();
  const report: DeliverabilityTestReport = {
    id: randomUUID(),
    name: input.ReportName,
    from,
    subject,
    created: now,
    completesAt: now.getTime() + TEST_REPORT_MS,
    dkim: domain?.dkim.signingEnabled === true && domain.dkim.status === 'SUCCESS',
    spf: !mailFrom || mailFrom.status === 'SUCCESS',
    tags: new Map(),
  };
  setTags(report.tags, input.Tags);
  b.testReports.set(report.id, report);
  return { ReportId: report.id, DeliverabilityTestStatus: 'IN_PROGRESS' };
}

const status = (r: DeliverabilityTestReport) => (clock.now() >= r.completesAt ? 'COMPLETED' : 'IN_PROGRESS');

const summary = (r: DeliverabilityTestReport): T.DeliverabilityTestReport => ({
  ReportId: r.id,
  ReportName: r.name,
  Subject: r.subject,
  FromEmailAddress: r.from,
  CreateDate: r.created,
  DeliverabilityTestStatus: status(r),
});

export function getDeliverabilityTestReport(input: { ReportId: string }, ctx: Ctx): T.GetDeliverabilityTestReportResponse {
  const r = ctx.backend.testReports.get(input.ReportId);
  if (!r) throw notFound(`Deliverability test report ${input.ReportId} does not exist.`);
  const done = status(r) === 'COMPLETED';
  // The fake's seed mailboxes receive every test message in the inbox; authentication follows the sender's setup.
  const placement = { InboxPercentage: 100, SpamPercentage: 0, MissingPercentage: 0, SpfPercentage: r.spf ? 100 : 0, DkimPercentage: r.dkim ? 100 : 0 };
  return {
    DeliverabilityTestReport: summary(r),
    OverallPlacement: done ? placement : {},
    IspPlacements: done ? TEST_ISPS.map((IspName) => ({ IspName, PlacementStatistics: { ...placement } })) : [],
    Tags: tagList(r.tags),
  };
}

export function listDeliverabilityTestReports(input: { NextToken?: string; PageSize?: number }, ctx: Ctx): T.ListDeliverabilityTestReportsResponse {
  const { out, NextToken } = page(ctx.backend.testReports.values(), (r) => `${r.created.toISOString()}|${r.id}`, input.NextToken, input.PageSize ?? 100);
  return { DeliverabilityTestReports: out.map(summary), NextToken };
}

// --- campaigns and domain statistics, from the mail the fake sent ---

/** A campaign: the messages of one sender with one subject (its id is derived from both). */
function campaignId(email: SentEmail): string {
  return createHash('sha256').update(`${email.from.toLowerCase()}\n${email.subject ?? ''}`).digest('hex').slice(0, 32);
}

function campaign(b: SesBackend, id: string, mails: SentEmail[]): T.DomainDeliverabilityCampaign {
  let inbox = 0;
  let opened = 0;
  let recipients = 0;
  for (const m of mails) {
    for (const o of outcomes(m)) {
      recipients++;
      if (o.outcomes.includes('DELIVERY')) inbox++;
    }
    opened += new Set((b.engagement.get(m.messageId) ?? []).filter((e) => e.type === 'OPEN').map((e) => e.recipient)).size;
  }
  const first = mails[0];
  return {
    CampaignId: id,
    Subject: first.subject,
    FromAddress: first.from,
    SendingIps: [...b.dedicatedIps.keys()],
    FirstSeenDateTime: first.timestamp,
    LastSeenDateTime: mails[mails.length - 1].timestamp,
    InboxCount: inbox,
    SpamCount: 0,
    ReadRate: recipients ? opened / recipients : 0,
    DeleteRate: 0,
    ReadDeleteRate: 0,
    ProjectedVolume: recipients,
    Esps: [...new Set(mails.flatMap((m) => m.recipients.map(ispOf)))],
  };
}

function campaigns(b: SesBackend, domain: string | undefined, start?: Date, end?: Date): Map<string, SentEmail[]> {
  const out = new Map<string, SentEmail[]>();
  for (const m of b.sent) {
    if (domain !== undefined && domainOf(m.from) !== domain.toLowerCase()) continue;
    if (start && m.timestamp < start) continue;
    if (end && m.timestamp > end) continue;
    const id = campaignId(m);
    out.set(id, [...(out.get(id) ?? []), m]);
  }
  return out;
}

export function getDomainDeliverabilityCampaign(input: { CampaignId: string }, ctx: Ctx): T.GetDomainDeliverabilityCampaignResponse {
  const b = ctx.backend;
  const mails = campaigns(b, undefined).get(input.CampaignId);
  if (!mails) throw notFound(`Campaign ${input.CampaignId} does not exist.`);
  subscribed(b, domainOf(mails[0].from));
  return { DomainDeliverabilityCampaign: campaign(b, input.CampaignId, mails) };
}

export function listDomainDeliverabilityCampaigns(input: T.ListDomainDeliverabilityCampaignsRequest, ctx: Ctx): T.ListDomainDeliverabilityCampaignsResponse {
  const b = ctx.backend;
  subscribed(b, input.SubscribedDomain);
  const all = [...campaigns(b, input.SubscribedDomain, input.StartDate, input.EndDate)].map(([id, mails]) => campaign(b, id, mails));
  const { out, NextToken } = page(all, (c) => `${(c.FirstSeenDateTime as Date).toISOString()}|${c.CampaignId}`, input.NextToken, input.PageSize ?? 100);
  return { DomainDeliverabilityCampaigns: out, NextToken };
}

const DAY = 24 * 3600_000;

export function getDomainStatisticsReport(input: T.GetDomainStatisticsReportRequest, ctx: Ctx): T.GetDomainStatisticsReportResponse {
  const b = ctx.backend;
  subscribed(b, input.Domain);
  const days = new Map<number, Map<string, number>>();
  const overall = new Map<string, number>();
  let opened = 0;
  let total = 0;
  for (const m of campaigns(b, input.Domain, input.StartDate, input.EndDate).values()) {
    for (const mail of m) {
      const day = Math.floor(mail.timestamp.getTime() / DAY) * DAY;
      const perIsp = days.get(day) ?? new Map<string, number>();
      for (const o of outcomes(mail)) {
        total++;
        if (!o.outcomes.includes('DELIVERY')) continue;
        const isp = ispOf(o.recipient);
        perIsp.set(isp, (perIsp.get(isp) ?? 0) + 1);
        overall.set(isp, (overall.get(isp) ?? 0) + 1);
      }
      opened += new Set((b.engagement.get(mail.messageId) ?? []).filter((e) => e.type === 'OPEN').map((e) => e.recipient)).size;
      days.set(day, perIsp);
    }
  }
  const placements = (perIsp: Map<string, number>) => [...perIsp].map(([IspName, n]) => ({ IspName, InboxRawCount: n, SpamRawCount: 0, InboxPercentage: 100, SpamPercentage: 0 }));
  const volume = (perIsp: Map<string, number>) => {
    const inbox = [...perIsp.values()].reduce((a, n) => a + n, 0);
    return { InboxRawCount: inbox, SpamRawCount: 0, ProjectedInbox: inbox, ProjectedSpam: 0 };
  };
  return {
    OverallVolume: { VolumeStatistics: volume(overall), ReadRatePercent: total ? (100 * opened) / total : 0, DomainIspPlacements: placements(overall) },
    DailyVolumes: [...days]
      .sort((x, y) => x[0] - y[0])
      .map(([day, perIsp]) => ({ StartDate: new Date(day), VolumeStatistics: volume(perIsp), DomainIspPlacements: placements(perIsp) })),
  };
}

/** Each named IP or domain's listings: none unless a test recorded some in `backend.blacklistings`. */
export function getBlacklistReports(input: T.GetBlacklistReportsRequest, ctx: Ctx): T.GetBlacklistReportsResponse {
  const b = ctx.backend;
  // Keyed by the caller's names: a null prototype, so `__proto__` is an ordinary name.
  const report: Record<string, T.BlacklistEntry[]> = Object.create(null);
  for (const name of input.BlacklistItemNames) {
    if (!b.dedicatedIps.has(name) && !b.blacklistings.has(name)) throw notFound(`${name} is not a dedicated IP of this account.`);
    report[name] = (b.blacklistings.get(name) ?? []).map((e) => ({ ...e }));
  }
  return { BlacklistReport: report };
}
