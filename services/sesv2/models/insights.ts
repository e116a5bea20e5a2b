/**
 * What Virtual Deliverability Manager sees of the mail the fake sent: each
 * recipient's events (message insights) and the daily metric counts
 * (BatchGetMetricData, metric exports). VDM tracks only messages addressed
 * to one recipient and not to the mailbox simulator; the rest still appear
 * with their SEND event in message insights, as the model documents.
 */
import { simulated } from './addresses';
import type { SesBackend } from './backend';
import { outcomes } from './events';
import type { SentEmail } from './message';
import { ispOf } from './resources';

export interface InsightEvent {
  Type: string;
  Timestamp: Date;
  Details?: { Bounce?: { BounceType: string; BounceSubType: string; DiagnosticCode?: string }; Complaint?: { ComplaintFeedbackType: string } };
}

/** VDM's tracking rule: one recipient, not the mailbox simulator. */
export function tracked(email: SentEmail): boolean {
  return email.recipients.length === 1 && !simulated(email.recipients[0]);
}

/** The events of one recipient of a message, oldest first. */
export function recipientEvents(b: SesBackend, email: SentEmail, recipient: string): InsightEvent[] {
  const at = email.timestamp;
  const events: InsightEvent[] = [{ Type: 'SEND', Timestamp: at }];
  if (!tracked(email)) return events;
  const o = outcomes(email).find((x) => x.recipient === recipient);
  for (const type of o?.outcomes ?? []) {
    if (type === 'BOUNCE') events.push({ Type: 'BOUNCE', Timestamp: at, Details: { Bounce: { BounceType: 'PERMANENT', BounceSubType: o?.subType ?? 'General', DiagnosticCode: 'smtp; 550 5.1.1 user unknown' } } });
    else if (type === 'COMPLAINT') events.push({ Type: 'COMPLAINT', Timestamp: at, Details: { Complaint: { ComplaintFeedbackType: 'abuse' } } });
    else events.push({ Type: type, Timestamp: at });
  }
  for (const e of b.engagement.get(email.messageId) ?? []) if (e.recipient === recipient) events.push({ Type: e.type, Timestamp: e.timestamp });
  return events;
}

/** Metric names of BatchGetMetricData and metric exports. */
export const METRICS = ['SEND', 'COMPLAINT', 'PERMANENT_BOUNCE', 'TRANSIENT_BOUNCE', 'OPEN', 'CLICK', 'DELIVERY', 'DELIVERY_OPEN', 'DELIVERY_CLICK', 'DELIVERY_COMPLAINT'] as const;

/**
 * How many of `metric` one tracked message counts: a send, its delivery,
 * its bounce or complaint, its opens and clicks; the DELIVERY_* metrics
 * count deliveries that were then opened, clicked or complained about.
 */
function count(b: SesBackend, email: SentEmail, metric: string): number {
  const types = recipientEvents(b, email, email.recipients[0]).map((e) => e.Type);
  const has = (t: string) => types.includes(t);
  switch (metric) {
    case 'SEND':
      return 1;
    case 'DELIVERY':
      return has('DELIVERY') ? 1 : 0;
    case 'PERMANENT_BOUNCE':
      // A recipient on the account suppression list is not counted as a bounce (the model's rule).
      return has('BOUNCE') && !email.suppressed.length ? 1 : 0;
    case 'TRANSIENT_BOUNCE':
      return 0;
    case 'COMPLAINT':
      return has('COMPLAINT') ? 1 : 0;
    case 'OPEN':
      return types.filter((t) => t === 'OPEN').length;
    case 'CLICK':
      return types.filter((t) => t === 'CLICK').length;
    case 'DELIVERY_OPEN':
      return has('DELIVERY') && has('OPEN') ? 1 : 0;
    case 'DELIVERY_CLICK':
      return has('DELIVERY') && has('CLICK') ? 1 : 0;
    case 'DELIVERY_COMPLAINT':
      return has('DELIVERY') && has('COMPLAINT') ? 1 : 0;
    default:
      return 0;
  }
}

/** Whether a message matches a metric query's dimensions (identity, configuration set, ISP). */
export function matchesDimensions(email: SentEmail, dimensions: Record<string, string | string[]> | undefined): boolean {
  for (const [name, raw] of Object.entries(dimensions ?? {})) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => v.toLowerCase());
    const from = email.from.toLowerCase();
    const actual =
      name === 'EMAIL_IDENTITY' ? [from, from.slice(from.lastIndexOf('@') + 1)] : name === 'CONFIGURATION_SET' ? [email.configurationSet?.toLowerCase() ?? ''] : [ispOf(email.recipients[0]).toLowerCase()];
    if (!actual.some((a) => values.includes(a))) return false;
  }
  return true;
}

const DAY = 24 * 3600_000;

/** Daily sums of `metric` over tracked messages sent in [start, end): one point per day that has mail, oldest first. */
export function dailyCounts(b: SesBackend, metric: string, dimensions: Record<string, string | string[]> | undefined, start: Date, end: Date): Map<number, { volume: number; sends: number }> {
  const days = new Map<number, { volume: number; sends: number }>();
  for (const email of b.sent) {
    const t = email.timestamp.getTime();
    if (t < start.getTime() || t >= end.getTime() || !tracked(email) || !matchesDimensions(email, dimensions)) continue;
    const day = Math.floor(t / DAY) * DAY;
    const d = days.get(day) ?? { volume: 0, sends: 0 };
    d.volume += count(b, email, metric);
    d.sends += 1;
    days.set(day, d);
  }
  return new Map([...days].sort((x, y) => x[0] - y[0]));
}
