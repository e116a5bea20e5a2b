/**
 * Log events: PutLogEvents (AWS's batch rules live in the backend),
 * GetLogEvents with forward/backward tokens, FilterLogEvents across streams
 * with filter patterns and pagination.
 *
 * GetLogEvents tokens are `f/<56 digits>/s` and `b/<56 digits>/s` as AWS
 * shapes them; the digits are a (timestamp, arrival) cursor, so tokens stay
 * valid while events are added. A page past the end returns the token it
 * was given, which is how AWS tells a reader it has caught up.
 */
import { invalidParameter } from '../exceptions';
import { eventId } from '../models/delivery';
import { compilePattern } from '../models/filter-pattern';
import { type LogEvent, type LogStream, lowerBound } from '../models/resources';
import { type Ctx, decodeToken, encodeToken, groupOf, limitOf } from './common';

const PAGE_BYTES = 1_048_576;

export function putLogEvents(
  input: { logGroupName: string; logStreamName: string; logEvents: Array<{ timestamp: number; message: string }>; sequenceToken?: string },
  ctx: Ctx,
) {
  const result = ctx.backend.putLogEvents(input.logGroupName, input.logStreamName, input.logEvents);
  return { nextSequenceToken: result.nextSequenceToken, rejectedLogEventsInfo: result.rejected };
}

interface Cursor {
  t: number;
  s: number;
}

function token(dir: 'f' | 'b', c: Cursor): string {
  return `${dir}/${String(c.t).padStart(20, '0')}${String(c.s).padStart(36, '0')}/s`;
}

function parseToken(text: string): { dir: 'f' | 'b'; cursor: Cursor } {
  const m = /^([fb])\/(\d{20})(\d{36})(\/s)?$/.exec(text);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return { dir: m[1] as 'f' | 'b', cursor: { t: Number(m[2]), s: Number(m[3]) } };
}

const cursorOf = (e: LogEvent): Cursor => ({ t: e.timestamp, s: e.seq });

export function getLogEvents(
  input: { logGroupName?: string; logGroupIdentifier?: string; logStreamName: string; startTime?: number; endTime?: number; nextToken?: string; limit?: number; startFromHead?: boolean },
  ctx: Ctx,
) {
  const limit = limitOf(input.limit, 10_000);
  const g = groupOf(input, ctx);
  const stream = ctx.backend.stream(g, input.logStreamName);
  const events = stream.events;
  // [lo, hi): the events in the requested time range.
  let lo = input.startTime !== undefined ? lowerBound(events, input.startTime) : 0;
  let hi = input.endTime !== undefined ? lowerBound(events, input.endTime) : events.length;
  const given = input.nextToken !== undefined ? parseToken(input.nextToken) : undefined;
  const forward = given ? given.dir === 'f' : input.startFromHead === true;
  if (given?.dir === 'f') lo = Math.max(lo, lowerBound(events, given.cursor.t, given.cursor.s + 1));
  if (given?.dir === 'b') hi = Math.min(hi, lowerBound(events, given.cursor.t, given.cursor.s));
  let page: LogEvent[];
  if (forward) {
    page = takeWithin(events, lo, Math.max(lo, hi), limit, 1);
  } else {
    page = takeWithin(events, Math.max(lo, hi) - 1, lo - 1, limit, -1).reverse();
  }
  const first = page[0];
  const last = page[page.length - 1];
  const edge: Cursor = given?.cursor ?? { t: 0, s: 0 };
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: last ? token('f', cursorOf(last)) : given?.dir === 'f' ? (input.nextToken as string) : token('f', edge),
    nextBackwardToken: first ? token('b', cursorOf(first)) : given?.dir === 'b' ? (input.nextToken as string) : token('b', edge),
  };
}

/** Up to `limit` events from `from` towards `to` (exclusive), within one page's byte budget. */
function takeWithin(events: LogEvent[], from: number, to: number, limit: number, step: 1 | -1): LogEvent[] {
  const out: LogEvent[] = [];
  let bytes = 0;
  for (let i = from; i !== to && out.length < limit; i += step) {
    bytes += Buffer.byteLength(events[i].message) + 26;
    if (bytes > PAGE_BYTES && out.length > 0) break;
    out.push(events[i]);
  }
  return out;
}

export function filterLogEvents(
  input: {
    logGroupName?: string;
    logGroupIdentifier?: string;
    logStreamNames?: string[];
    logStreamNamePrefix?: string;
    startTime?: number;
    endTime?: number;
    filterPattern?: string;
    nextToken?: string;
    limit?: number;
  },
  ctx: Ctx,
) {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot specify both LogStreamNames and LogStreamNamePrefix.');
  }
  const limit = limitOf(input.limit, 10_000);
  const pattern = compilePattern(input.filterPattern);
  const g = groupOf(input, ctx);
  const after = decodeToken<Cursor>(input.nextToken, (v) => typeof (v as Cursor)?.t === 'number' && typeof (v as Cursor)?.s === 'number');
  let streams: LogStream[];
  if (input.logStreamNames) streams = input.logStreamNames.map((n) => g.streams.get(n)).filter((s): s is LogStream => s !== undefined);
  else {
    const prefix = input.logStreamNamePrefix ?? '';
    streams = [];
    for (const name of g.streamNames.from(prefix || undefined)) {
      if (!name.startsWith(prefix)) break;
      streams.push(g.streams.get(name) as LogStream);
    }
  }
  const start = input.startTime ?? 0;
  const end = input.endTime ?? Number.MAX_SAFE_INTEGER;
  // One head per stream, merged in (timestamp, arrival) order.
  const heads = streams.map((s) => ({
    s,
    i: after ? Math.max(lowerBound(s.events, start), lowerBound(s.events, after.t, after.s + 1)) : lowerBound(s.events, start),
  }));
  const out: Array<{ stream: LogStream; event: LogEvent }> = [];
  let next: string | undefined;
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) {
      const e = h.s.events[h.i];
      if (!e || e.timestamp > end) continue;
      const b = best ? best.s.events[best.i] : undefined;
      if (!b || e.timestamp < b.timestamp || (e.timestamp === b.timestamp && e.seq < b.seq)) best = h;
    }
    if (!best) break;
    const event = best.s.events[best.i++];
    if (!pattern.matches(event.message)) continue;
    if (out.length === limit) {
      const last = out[out.length - 1].event;
      next = encodeToken(cursorOf(last));
      break;
    }
    out.push({ stream: best.s, event });
  }
  return {
    events: out.map(({ stream, event }) => ({
      logStreamName: stream.name,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventId(event),
    })),
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: next === undefined })),
    nextToken: next,
  };
}

