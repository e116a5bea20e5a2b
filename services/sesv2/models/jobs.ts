/**
 * Export and import jobs. A job is CREATED, runs once the clock has moved
 * JOB_RUN_MS past its creation (a `clock.at` wait, and on any read of jobs),
 * and ends COMPLETED or FAILED. Exports write what the fake recorded (message
 * insights or metrics) to S3; imports read a file from S3 into the
 * suppression list or a contact list. S3 is reached through
 * `backends.call` only, so S3's own rules (bucket exists, access) apply.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type * as T from '../types';
import { checkAddress } from './addresses';
import type { SesBackend } from './backend';
import { dailyCounts, recipientEvents } from './insights';
import { ispOf } from './resources';

/** A job runs this long (on the clock) after it is created. */
export const JOB_RUN_MS = 1000;

type JobStatus = 'CREATED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface ExportJob {
  id: string;
  sourceType: 'METRICS_DATA' | 'MESSAGE_INSIGHTS';
  source: T.ExportDataSource;
  destination: T.ExportDestination;
  status: JobStatus;
  created: Date;
  completed?: Date;
  failure?: string;
  stats?: { ProcessedRecordsCount: number; ExportedRecordsCount: number };
  /** The exported file, kept when no S3Url was given. */
  output?: string;
}

export interface ImportJob {
  id: string;
  destination: T.ImportDestination;
  source: T.ImportDataSource;
  status: JobStatus;
  created: Date;
  completed?: Date;
  failure?: string;
  processed: number;
  failed: number;
}

export const jobId = (): string => randomUUID();

/** `s3://bucket/key` → its parts (the model's pattern guarantees a key). */
export function s3Location(url: string): { Bucket: string; Key: string } {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  return { Bucket: m?.[1] ?? '', Key: m?.[2] ?? '' };
}

/** Arms the run of every job still waiting (after a create, or a snapshot restore). */
export function armJobs(b: SesBackend): void {
  for (const job of [...b.exportJobs.values(), ...b.importJobs.values()]) {
    if (job.status !== 'CREATED' || b.timers.has(job.id)) continue;
    b.timers.set(
      job.id,
      clock.at(job.created.getTime() + JOB_RUN_MS, () => {
        b.timers.delete(job.id);
        void runIfLive(b);
      }),
    );
  }
}

/** A backend a snapshot restore replaced runs nothing: only the live one writes to S3. */
async function runIfLive(b: SesBackend): Promise<void> {
  if ((await b.backends.get('sesv2', b.account, b.region)) === b) await runDueJobs(b);
}

/** Runs every job whose time has come; reads of jobs call it so a read never sees a stale state. */
export async function runDueJobs(b: SesBackend): Promise<void> {
  const due = clock.now() - JOB_RUN_MS;
  for (const job of b.exportJobs.values()) if (job.status === 'CREATED' && job.created.getTime() <= due) await runExport(b, job);
  for (const job of b.importJobs.values()) if (job.status === 'CREATED' && job.created.getTime() <= due) await runImport(b, job);
}

function finish(job: ExportJob | ImportJob, error?: string): void {
  job.status = error === undefined ? 'COMPLETED' : 'FAILED';
  job.failure = error;
  job.completed = clock.date();
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV (a header line, then one line per row) or JSON (one object per line). */
function format(rows: Array<Record<string, unknown>>, columns: string[], dataFormat: string): string {
  if (dataFormat === 'JSON') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`;
}

const INSIGHT_COLUMNS = ['messageId', 'sendTimestamp', 'fromEmailAddress', 'destination', 'subject', 'isp', 'lastDeliveryEvent', 'lastEngagementEvent', 'emailTags'];

/** Message insights rows: one per recipient of each message sent in the range, after the filters. */
function insightRows(b: SesBackend, source: T.MessageInsightsDataSource): { rows: Array<Record<string, unknown>>; processed: number } {
  const rows: Array<Record<string, unknown>> = [];
  let processed = 0;
  const deliveryOrder = ['SEND', 'BOUNCE', 'DELIVERY', 'COMPLAINT'];
  for (const email of b.sent) {
    const t = email.timestamp.getTime();
    if (t < source.StartDate.getTime() || t >= source.EndDate.getTime()) continue;
    for (const recipient of email.recipients) {
      processed++;
      const events = recipientEvents(b, email, recipient);
      const delivery = events.filter((e) => deliveryOrder.includes(e.Type)).sort((x, y) => deliveryOrder.indexOf(x.Type) - deliveryOrder.indexOf(y.Type));
      const lastDelivery = delivery[delivery.length - 1];
      const lastDeliveryEvent = lastDelivery?.Type === 'BOUNCE' ? `${lastDelivery.Details?.Bounce?.BounceType ?? 'PERMANENT'}_BOUNCE` : lastDelivery?.Type;
      const engagement = events.filter((e) => e.Type === 'OPEN' || e.Type === 'CLICK').map((e) => e.Type);
      const lastEngagementEvent = engagement.includes('CLICK') ? 'CLICK' : engagement.includes('OPEN') ? 'OPEN' : undefined;
      const row = {
        messageId: email.messageId,
        sendTimestamp: email.timestamp.toISOString(),
        fromEmailAddress: email.from,
        destination: recipient,
        subject: email.subject,
        isp: ispOf(recipient),
        lastDeliveryEvent,
        lastEngagementEvent,
        emailTags: Object.entries(email.tags).map(([k, v]) => `${k}=${v}`).join(';'),
      };
      if (source.Include && !matchesFilters(row, source.Include)) continue;
      if (source.Exclude && hasAnyFilter(source.Exclude) && matchesFilters(row, source.Exclude)) continue;
      rows.push(row);
    }
  }
  return { rows: rows.slice(0, source.MaxResults ?? 10000), processed };
}

function hasAnyFilter(f: T.MessageInsightsFilters): boolean {
  return Object.values(f).some((v) => Array.isArray(v) && v.length > 0);
}

/** Every given filter must match (within a filter, any of its values). */
function matchesFilters(row: Record<string, unknown>, f: T.MessageInsightsFilters): boolean {
  const test = (values: string[] | undefined, actual: unknown, exact = true) =>
    !values?.length || values.some((v) => (exact ? String(actual ?? '').toLowerCase() === v.toLowerCase() : String(actual ?? '').includes(v)));
  return (
    test(f.FromEmailAddress, row.fromEmailAddress) &&
    test(f.Destination, row.destination) &&
    test(f.Subject, row.subject, false) &&
    test(f.Isp, row.isp) &&
    test(f.LastDeliveryEvent, row.lastDeliveryEvent) &&
    test(f.LastEngagementEvent, row.lastEngagementEvent)
  );
}

/** Metrics rows: one per day with mail, a column per metric and aggregation (VOLUME counts, RATE relative to SEND). */
function metricRows(b: SesBackend, source: T.MetricsDataSource): { rows: Array<Record<string, unknown>>; columns: string[]; processed: number } {
  const byDay = new Map<number, Record<string, unknown>>();
  const columns = ['timestamp'];
  let processed = 0;
  for (const m of source.Metrics) {
    const column = `${m.Name}_${m.Aggregation ?? 'VOLUME'}`.toLowerCase();
    columns.push(column);
    for (const [day, c] of dailyCounts(b, m.Name ?? 'SEND', source.Dimensions, source.StartDate, source.EndDate)) {
      processed += c.sends;
      const row = byDay.get(day) ?? { timestamp: new Date(day).toISOString() };
      row[column] = m.Aggregation === 'RATE' ? (c.sends ? c.volume / c.sends : 0) : c.volume;
      byDay.set(day, row);
    }
  }
  const rows = [...byDay].sort((x, y) => x[0] - y[0]).map(([, r]) => r);
  return { rows, columns, processed };
}

async function runExport(b: SesBackend, job: ExportJob): Promise<void> {
  job.status = 'PROCESSING';
  const dataFormat = job.destination.DataFormat;
  let body: string;
  let stats: ExportJob['stats'];
  if (job.source.MessageInsightsDataSource) {
    const { rows, processed } = insightRows(b, job.source.MessageInsightsDataSource);
    body = format(rows, INSIGHT_COLUMNS, dataFormat);
    stats = { ProcessedRecordsCount: processed, ExportedRecordsCount: rows.length };
  } else {
    const { rows, columns, processed } = metricRows(b, job.source.MetricsDataSource as T.MetricsDataSource);
    body = format(rows, columns, dataFormat);
    stats = { ProcessedRecordsCount: processed, ExportedRecordsCount: rows.length };
  }
  if (job.destination.S3Url) {
    const where = s3Location(job.destination.S3Url);
    try {
      await b.backends.call('s3', 'PutObject', { ...where, Body: Buffer.from(body), ContentType: dataFormat === 'JSON' ? 'application/json' : 'text/csv' }, { account: b.account, region: b.region });
    } catch (err) {
      finish(job, `Failed to write the export to ${job.destination.S3Url}: ${(err as Error).message}`);
      return;
    }
  } else {
    job.output = body;
  }
  job.stats = stats;
  finish(job);
}

async function bodyText(body: unknown): Promise<string> {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const b = body as { transformToString?: () => Promise<string>; [Symbol.asyncIterator]?: () => AsyncIterator<Uint8Array> };
  if (typeof b?.transformToString === 'function') return b.transformToString();
  if (b && typeof b[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of b as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
    return Buffer.concat(chunks).toString('utf8');
  }
  return '';
}

interface ImportRecord {
  emailAddress: string;
  reason?: string;
  unsubscribeAll?: boolean;
  attributesData?: string;
  topicPreferences?: Array<{ TopicName: string; SubscriptionStatus: string }>;
}

/** One record per line: CSV `address[,reason|unsubscribeAll]` (a header line naming emailAddress is skipped) or a JSON object. */
function records(text: string, dataFormat: string): Array<ImportRecord | undefined> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (dataFormat === 'JSON') {
    return lines.map((l) => {
      try {
        const r = JSON.parse(l) as ImportRecord;
        return typeof r?.emailAddress === 'string' ? r : undefined;
      } catch {
        return undefined;
      }
    });
  }
  if (lines.length && /^\s*"?emailAddress"?\s*(,|$)/i.test(lines[0])) lines.shift();
  return lines.map((l) => {
    const [emailAddress, second] = l.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return { emailAddress, reason: second, unsubscribeAll: second?.toLowerCase() === 'true' };
  });
}

async function runImport(b: SesBackend, job: ImportJob): Promise<void> {
  job.status = 'PROCESSING';
  let text: string;
  try {
    const out = await b.backends.call<{ Body: unknown }>('s3', 'GetObject', s3Location(job.source.S3Url), { account: b.account, region: b.region });
    text = await bodyText(out.Body);
  } catch (err) {
    finish(job, `Failed to read ${job.source.S3Url}: ${(err as Error).message}`);
    return;
  }
  const list = job.destination.ContactListDestination;
  const contactList = list ? b.contactLists.get(list.ContactListName) : undefined;
  if (list && !contactList) {
    finish(job, `List with name ${list.ContactListName} does not exist.`);
    return;
  }
  const suppressionAction = job.destination.SuppressionListDestination?.SuppressionListImportAction;
  for (const r of records(text, job.source.DataFormat)) {
    job.processed++;
    let email: string;
    try {
      email = checkAddress(r?.emailAddress ?? '');
    } catch {
      job.failed++;
      continue;
    }
    const key = email.toLowerCase();
    const now = clock.date();
    if (suppressionAction) {
      if (suppressionAction === 'DELETE') {
        b.suppressed.delete(key);
        continue;
      }
      const reason = r?.reason?.toUpperCase();
      if (reason !== 'BOUNCE' && reason !== 'COMPLAINT') {
        job.failed++;
        continue;
      }
      b.suppressed.set(key, { EmailAddress: email, Reason: reason, LastUpdateTime: now });
    } else if (contactList && list) {
      if (list.ContactListImportAction === 'DELETE') {
        contactList.contacts.delete(key);
        continue;
      }
      const prefs = (r?.topicPreferences ?? []).filter((p) => contactList.topics.some((t) => t.TopicName === p.TopicName));
      const existing = contactList.contacts.get(key);
      contactList.contacts.set(key, {
        email,
        topicPreferences: prefs,
        unsubscribeAll: Boolean(r?.unsubscribeAll),
        attributesData: r?.attributesData,
        created: existing?.created ?? now,
        updated: now,
      });
    }
  }
  finish(job);
}
