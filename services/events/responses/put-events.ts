/**
 * PutEvents and PutPartnerEvents: each entry checked on its own (an entry
 * that fails gets ErrorCode/ErrorMessage, the others go through), the
 * request refused whole when over 10 entries or 256 KB (sized as in
 * "Calculating PutEvents event entry size": Time 14 bytes, Source,
 * DetailType, Detail and each Resource in UTF-8).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { constraint, validation } from '../exceptions';
import { type EventsBackend, eventTime } from '../models/backend';
import type { BusEvent } from '../models/resources';
import type { Ctx } from './common';

const MAX_BYTES = 262_144;

interface Entry {
  Time?: Date;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

type Result = { EventId?: string; ErrorCode?: string; ErrorMessage?: string };

function entrySize(e: Entry): number {
  let size = e.Time !== undefined ? 14 : 0;
  for (const text of [e.Source, e.DetailType, e.Detail, ...(e.Resources ?? [])]) size += text === undefined ? 0 : Buffer.byteLength(text);
  return size;
}

function checkBatch(entries: Entry[]): void {
  if (entries.length === 0 || entries.length > 10) {
    throw constraint('[...]', 'entries', `Member must have length ${entries.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 10'}`);
  }
  if (entries.reduce((n, e) => n + entrySize(e), 0) > MAX_BYTES) throw validation('Total size of the entries in the request is over the limit.');
}

/** The event an entry makes, or the entry's error. */
function toEvent(e: Entry, backend: EventsBackend, partner: boolean): BusEvent | Result {
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    if (e[member] === undefined || e[member] === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.` };
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail as string);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (!partner && (e.Source as string).startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': e.DetailType as string,
    source: e.Source as string,
    account: backend.account,
    time: eventTime(e.Time ? e.Time.getTime() : clock.now()),
    region: backend.region,
    resources: e.Resources ?? [],
    detail,
  };
}

export async function putEvents(input: { Entries: Entry[]; EndpointId?: string }, ctx: Ctx) {
  checkBatch(input.Entries);
  const Entries: Result[] = [];
  for (const e of input.Entries) {
    const made = toEvent(e, ctx.backend, false);
    if (!('id' in made)) {
      Entries.push(made);
      continue;
    }
    try {
      const bus = await busFor(e.EventBusName, ctx);
      bus.backend.dispatch(bus.backend.bus(bus.name), made);
      Entries.push({ EventId: made.id });
    } catch (err) {
      if (!isAwsError(err)) throw err;
      Entries.push({ ErrorCode: err.code, ErrorMessage: err.message });
    }
  }
  return { FailedEntryCount: Entries.filter((r) => r.ErrorCode).length, Entries };
}

/** A bus by name (this account) or ARN (any account and region of the mock). */
async function busFor(nameOrArn: string | undefined, ctx: Ctx): Promise<{ backend: EventsBackend; name: string | undefined }> {
  const m = nameOrArn?.startsWith('arn:') ? /^arn:[^:]+:events:([^:]*):(\d{12}):event-bus\/(.+)$/.exec(nameOrArn) : undefined;
  if (nameOrArn?.startsWith('arn:') && !m) throw validation(`Parameter EventBusName is not valid.`);
  if (!m || (m[1] === ctx.region && m[2] === ctx.account)) return { backend: ctx.backend, name: m ? m[3] : nameOrArn };
  return { backend: await ctx.backends.get<EventsBackend>('events', m[2], m[1]), name: m[3] };
}

/** A SaaS partner sends events from its event source to the customer's partner bus. */
export async function putPartnerEvents(input: { Entries: Entry[] }, ctx: Ctx) {
  checkBatch(input.Entries);
  const Entries: Result[] = [];
  for (const e of input.Entries) {
    const source = e.Source === undefined ? undefined : ctx.backend.partnerSources.get(e.Source);
    if (e.Source !== undefined && !source) {
      Entries.push({ ErrorCode: 'InvalidArgument', ErrorMessage: `Event source ${e.Source} does not exist.` });
      continue;
    }
    const made = toEvent(e, ctx.backend, true);
    if (!('id' in made) || !source) {
      Entries.push('id' in made ? {} : made);
      continue;
    }
    const customer = await ctx.backends.get<EventsBackend>('events', source.account, ctx.region);
    made.account = source.account;
    const bus = customer.buses.get(source.name);
    if (bus) customer.dispatch(bus, made);
    Entries.push({ EventId: made.id });
  }
  return { FailedEntryCount: Entries.filter((r) => r.ErrorCode).length, Entries };
}
