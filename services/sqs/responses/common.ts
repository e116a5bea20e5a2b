/**
 * What every SQS handler needs: finding the queue a QueueUrl names (in this
 * account, another account, or — for legacy query calls posted to the queue
 * URL — the request path), required-member checks, and batch-entry checks.
 */
import { isAwsError } from '../../../src/core/errors';
import type { RequestContext } from '../../../src/core/service';
import { batchErrors, invalidValue, missingParameter, queueDoesNotExist } from '../exceptions';
import type { SqsBackend } from '../models/backend';
import type { Queue } from '../models/queue';

export type Ctx = RequestContext<SqsBackend>;

/** MissingParameter for the first absent member (SQS checks these before anything else). */
export function requireMembers(input: object, ...names: string[]): void {
  const record = input as Record<string, unknown>;
  for (const name of names) {
    if (record[name] === undefined || record[name] === null || record[name] === '') throw missingParameter(name);
  }
}

/**
 * Queue URLs already read (`https://host/<account>/<name>` → account and name): every message
 * call names its queue by URL, and a URL object per call cost about 1 µs. Only full URLs are
 * kept (a bare name's account is the caller's), and the memo is bounded.
 */
const parsedUrls = new Map<string, { account: string; name: string }>();

/** Account and queue name from a queue URL (`https://host/<account>/<name>`), or a bare name. */
export function parseQueueUrl(queueUrl: string, ctx: Ctx): { account: string; name: string } {
  const known = parsedUrls.get(queueUrl);
  if (known) return known;
  let path: string;
  const absolute = /^[a-z]+:\/\//i.test(queueUrl);
  try {
    path = absolute ? new URL(queueUrl).pathname : queueUrl;
  } catch {
    throw queueDoesNotExist();
  }
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 1) return { account: ctx.account, name: parts[0] };
  if (parts.length !== 2 || !/^\d{12}$/.test(parts[0])) throw queueDoesNotExist();
  const parsed = { account: parts[0], name: decodeURIComponent(parts[1]) };
  if (absolute) {
    if (parsedUrls.size >= 1024) parsedUrls.clear();
    parsedUrls.set(queueUrl, parsed);
  }
  return parsed;
}

export async function backendFor(ctx: Ctx, account: string): Promise<SqsBackend> {
  if (account === ctx.account) return ctx.backend;
  // No account of that id can own a queue: answered without making state for it.
  if (!/^\d{12}$/.test(account)) throw queueDoesNotExist();
  return ctx.backends.get<SqsBackend>('sqs', account, ctx.region);
}

/** The queue a request names; legacy query clients post to the queue URL and may omit QueueUrl. */
export async function queueOf(input: { QueueUrl?: string }, ctx: Ctx): Promise<{ queue: Queue; backend: SqsBackend }> {
  let url = input.QueueUrl;
  if (!url) {
    const path = ctx.request.url.pathname;
    if (path.split('/').filter(Boolean).length !== 2) throw missingParameter('QueueUrl');
    url = path;
  }
  const { account, name } = parseQueueUrl(url, ctx);
  // The caller's own account (nearly every call) needs no await.
  const backend = account === ctx.account ? ctx.backend : await backendFor(ctx, account);
  return { queue: backend.getQueue(name), backend };
}

export function queueUrl(queue: Queue, ctx: Ctx): string {
  return queue.url(ctx.endpoint);
}

export function checkRange(value: number | undefined, parameter: string, min: number, max: number, reason: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw invalidValue(value, parameter, reason);
}

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Batch-level checks: at least one entry, at most ten, valid and distinct ids. */
export function checkBatch(entries: Array<{ Id?: string }> | undefined, entryShape: string): void {
  if (!entries || entries.length === 0) throw batchErrors.empty(entryShape);
  if (entries.length > 10) throw batchErrors.tooMany(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.Id || !BATCH_ID.test(e.Id)) throw batchErrors.invalidId();
    if (seen.has(e.Id)) throw batchErrors.notDistinct(e.Id);
    seen.add(e.Id);
  }
}

/** Runs one batch entry; an AwsError becomes that entry's failure, never the request's. */
export function runEntries<E extends { Id: string }, S>(
  entries: E[],
  run: (entry: E) => S,
): { Successful: S[]; Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }> } {
  const Successful: S[] = [];
  const Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }> = [];
  for (const entry of entries) {
    try {
      Successful.push(run(entry));
    } catch (err) {
      if (!isAwsError(err)) throw err;
      Failed.push({ Id: entry.Id, SenderFault: err.fault === 'client', Code: err.code, Message: err.message });
    }
  }
  return { Successful, Failed };
}
