/** Log streams: create, delete, and DescribeLogStreams by name (prefix) or by last event time. */
import { invalidParameter } from '../exceptions';
import type { LogStream } from '../models/resources';
import { type Ctx, decodeToken, encodeToken, groupOf, limitOf } from './common';

function describeStream(s: LogStream) {
  return {
    logStreamName: s.name,
    creationTime: s.creationTime,
    firstEventTimestamp: s.firstEventTimestamp,
    lastEventTimestamp: s.lastEventTimestamp,
    lastIngestionTime: s.lastIngestionTime,
    uploadSequenceToken: s.uploadSequenceToken,
    arn: s.arn,
    storedBytes: s.storedBytes,
  };
}

export function createLogStream(input: { logGroupName: string; logStreamName: string }, ctx: Ctx): void {
  ctx.backend.createStream(ctx.backend.group(input.logGroupName), input.logStreamName);
}

export function deleteLogStream(input: { logGroupName: string; logStreamName: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupName);
  ctx.backend.stream(g, input.logStreamName);
  g.streams.delete(input.logStreamName);
  g.streamNames.delete(input.logStreamName);
}

type Position = { name: string } | { t: number; name: string };

export function describeLogStreams(
  input: { logGroupName?: string; logGroupIdentifier?: string; logStreamNamePrefix?: string; orderBy?: string; descending?: boolean; nextToken?: string; limit?: number },
  ctx: Ctx,
) {
  const byTime = input.orderBy === 'LastEventTime';
  if (byTime && input.logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const limit = limitOf(input.limit, 50);
  const g = groupOf(input, ctx);
  const after = decodeToken<Position>(input.nextToken, (v) => typeof v === 'object' && v !== null && typeof (v as Position).name === 'string');
  const desc = input.descending === true;
  let ordered: LogStream[];
  if (byTime) {
    // Streams without events sort as time 0; ties by name.
    const key = (s: LogStream) => s.lastEventTimestamp ?? 0;
    ordered = [...g.streams.values()].sort((a, b) => key(a) - key(b) || (a.name < b.name ? -1 : 1));
    if (desc) ordered.reverse();
    if (after && 't' in after) {
      const cmp = (s: LogStream) => (key(s) - after.t || (s.name < after.name ? -1 : s.name > after.name ? 1 : 0)) * (desc ? -1 : 1);
      ordered = ordered.filter((s) => cmp(s) > 0);
    }
    const page = ordered.slice(0, limit);
    const last = page[page.length - 1];
    return { logStreams: page.map(describeStream), nextToken: ordered.length > limit ? encodeToken({ t: key(last), name: last.name }) : undefined };
  }
  const prefix = input.logStreamNamePrefix ?? '';
  const page: LogStream[] = [];
  let more = false;
  if (!desc) {
    const resume = after !== undefined && after.name >= prefix;
    for (const name of g.streamNames.from(resume ? after.name : prefix || undefined, resume)) {
      if (!name.startsWith(prefix)) break;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(g.streams.get(name) as LogStream);
    }
  } else {
    const names = [...g.streamNames].filter((n) => n.startsWith(prefix) && (after === undefined || n < after.name)).reverse();
    page.push(...names.slice(0, limit).map((n) => g.streams.get(n) as LogStream));
    more = names.length > limit;
  }
  return { logStreams: page.map(describeStream), nextToken: more ? encodeToken({ name: page[page.length - 1].name }) : undefined };
}
