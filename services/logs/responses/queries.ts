/**
 * Logs Insights: StartQuery runs the query at once over the events in
 * [startTime, endTime] (epoch seconds) and GetQueryResults answers
 * Complete with its rows; saved query definitions.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { invalidParameter, notFound } from '../exceptions';
import { discoverFields, formatTimestamp, type LogRecord, parseQuery, run } from '../models/insights';
import type { Query } from '../models/insights-store';
import { type LogEvent, type LogGroup, type LogStream, lowerBound } from '../models/resources';
import { type Ctx, decodeToken, encodeToken, groupOf, limitOf } from './common';

export function startQuery(
  input: { logGroupName?: string; logGroupNames?: string[]; logGroupIdentifiers?: string[]; startTime: number; endTime: number; queryString: string; limit?: number },
  ctx: Ctx,
) {
  const names = [input.logGroupName, ...(input.logGroupNames ?? []), ...(input.logGroupIdentifiers ?? [])].filter((n): n is string => n !== undefined);
  if (names.length === 0) throw invalidParameter('Query must specify either logGroupName, logGroupNames or logGroupIdentifiers.');
  if (input.endTime < input.startTime) throw invalidParameter('End time should not be before the start time');
  const limit = limitOf(input.limit, 10_000);
  const commands = parseQuery(input.queryString);
  const groups = names.map((n) => ctx.backend.group(n));
  const from = input.startTime * 1000;
  const to = input.endTime * 1000 + 999;
  const records: LogRecord[] = [];
  let bytes = 0;
  for (const g of groups) {
    for (const s of g.streams.values()) {
      for (let i = lowerBound(s.events, from); i < s.events.length && s.events[i].timestamp <= to; i++) {
        const e = s.events[i];
        bytes += Buffer.byteLength(e.message);
        records.push(recordOf(ctx, g, s, e));
      }
    }
  }
  const { rows, matched } = run(commands, records, limit);
  const query: Query = {
    queryId: randomUUID(),
    queryString: input.queryString,
    logGroupNames: groups.map((g) => g.name),
    createTime: clock.now(),
    status: 'Complete',
    results: rows,
    statistics: { recordsMatched: matched, recordsScanned: records.length, bytesScanned: bytes },
  };
  ctx.backend.queries.set(query.queryId, query);
  return { queryId: query.queryId };
}

/** An event as Insights sees it: its JSON fields, then the system fields; `@ptr` names it for GetLogRecord. */
function recordOf(ctx: Ctx, g: LogGroup, s: LogStream, e: LogEvent): LogRecord {
  const r: LogRecord = {};
  discoverFields(e.message, r);
  return Object.assign(r, {
    '@timestamp': e.timestamp,
    '@message': e.message,
    '@logStream': s.name,
    '@log': `${ctx.account}:${g.name}`,
    '@ingestionTime': e.ingestionTime,
    '@ptr': Buffer.from(`${g.name}:${s.name}:${e.seq}`).toString('base64'),
  });
}

/**
 * GetLogRecord: every field of the event a `@ptr` names (group, stream and
 * arrival number), timestamps formatted as Insights shows them.
 */
export function getLogRecord(input: { logRecordPointer: string }, ctx: Ctx) {
  const [groupName = '', streamName = '', seqText = ''] = Buffer.from(input.logRecordPointer, 'base64').toString().split(':');
  const seq = Number(seqText);
  if (!/^\d+$/.test(seqText)) throw invalidParameter('The specified log record pointer is not valid.');
  const g = ctx.backend.group(groupName);
  const s = g.streams.get(streamName);
  const e = s?.events.find((x) => x.seq === seq);
  if (!s || !e) throw notFound('The specified log record does not exist.');
  const logRecord: Record<string, string> = {};
  for (const [field, v] of Object.entries(recordOf(ctx, g, s, e))) {
    if (field === '@ptr') continue;
    logRecord[field] = (field === '@timestamp' || field === '@ingestionTime') && typeof v === 'number' ? formatTimestamp(v) : String(v);
  }
  return { logRecord };
}

/** ListLogGroupsForQuery: the groups a query ran over, as ARNs (without `:*`), 50–500 a page. */
export function listLogGroupsForQuery(input: { queryId: string; nextToken?: string; maxResults?: number }, ctx: Ctx) {
  const q = queryOf(input.queryId, ctx);
  const max = input.maxResults ?? 50;
  const from = decodeToken<number>(input.nextToken, (v) => Number.isInteger(v)) ?? 0;
  const all = q.logGroupNames.map((n) => `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${n}`);
  const page = all.slice(from, from + max);
  return { logGroupIdentifiers: page, nextToken: from + max < all.length ? encodeToken(from + max) : undefined };
}

function queryOf(queryId: string, ctx: Ctx): Query {
  const q = ctx.backend.queries.get(queryId);
  if (!q) throw notFound('Query does not exist.');
  return q;
}

export function getQueryResults(input: { queryId: string }, ctx: Ctx) {
  const q = queryOf(input.queryId, ctx);
  return { queryLanguage: 'CWLI', results: q.results, statistics: q.statistics, status: q.status };
}

export function stopQuery(input: { queryId: string }, ctx: Ctx) {
  const q = queryOf(input.queryId, ctx);
  // Only a query still running can be stopped; ours finish when started.
  if (q.status !== 'Running' && q.status !== 'Scheduled') return { success: false };
  q.status = 'Cancelled';
  return { success: true };
}

export function describeQueries(input: { logGroupName?: string; status?: string; maxResults?: number; nextToken?: string }, ctx: Ctx) {
  const max = limitOf(input.maxResults, 1000, 1000, 'maxResults');
  const after = decodeToken<number>(input.nextToken, (v) => typeof v === 'number');
  const all = [...ctx.backend.queries.values()].filter(
    (q) => (input.logGroupName === undefined || q.logGroupNames.includes(input.logGroupName)) && (input.status === undefined || q.status === input.status),
  );
  const start = after ?? 0;
  const page = all.slice(start, start + max);
  return {
    queries: page.map((q) => ({
      queryLanguage: 'CWLI',
      queryId: q.queryId,
      queryString: q.queryString,
      status: q.status,
      createTime: q.createTime,
      logGroupName: q.logGroupNames[0],
    })),
    nextToken: start + max < all.length ? encodeToken(start + max) : undefined,
  };
}

export function putQueryDefinition(input: { name: string; queryDefinitionId?: string; logGroupNames?: string[]; queryString: string }, ctx: Ctx) {
  const defs = ctx.backend.queryDefinitions;
  if (input.queryDefinitionId !== undefined && !defs.has(input.queryDefinitionId)) {
    throw notFound('The specified query definition does not exist.');
  }
  const id = input.queryDefinitionId ?? randomUUID();
  defs.set(id, { queryDefinitionId: id, name: input.name, queryString: input.queryString, logGroupNames: input.logGroupNames, lastModified: clock.now() });
  return { queryDefinitionId: id };
}

export function describeQueryDefinitions(input: { queryDefinitionNamePrefix?: string; maxResults?: number; nextToken?: string }, ctx: Ctx) {
  const max = limitOf(input.maxResults, 1000, 1000, 'maxResults');
  const after = decodeToken<number>(input.nextToken, (v) => typeof v === 'number');
  const all = [...ctx.backend.queryDefinitions.values()]
    .filter((d) => d.name.startsWith(input.queryDefinitionNamePrefix ?? ''))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const start = after ?? 0;
  return {
    queryDefinitions: all.slice(start, start + max).map((d) => ({ ...d, queryLanguage: 'CWLI' })),
    nextToken: start + max < all.length ? encodeToken(start + max) : undefined,
  };
}

export function deleteQueryDefinition(input: { queryDefinitionId: string }, ctx: Ctx) {
  if (!ctx.backend.queryDefinitions.delete(input.queryDefinitionId)) throw notFound('The specified query definition does not exist.');
  return { success: true };
}

const MINUTE = 60_000;
/** The fields CloudWatch Logs adds to every event. */
const SYSTEM_FIELDS = ['@ingestionTime', '@log', '@logStream', '@message', '@timestamp'];

/**
 * GetLogGroupFields: the fields of the events in 8 minutes either side of
 * `time` (epoch seconds), else the last 15 minutes, with the (rounded)
 * percentage of events holding each; system fields on every event, JSON
 * messages' fields flattened with dots. Most frequent first.
 */
export function getLogGroupFields(input: { logGroupName?: string; logGroupIdentifier?: string; time?: number }, ctx: Ctx) {
  const group = groupOf(input, ctx);
  const from = input.time === undefined ? clock.now() - 15 * MINUTE : input.time * 1000 - 8 * MINUTE;
  const to = input.time === undefined ? clock.now() : input.time * 1000 + 8 * MINUTE;
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of group.streams.values()) {
    for (let i = lowerBound(s.events, from); i < s.events.length && s.events[i].timestamp <= to; i++) {
      total++;
      const fields: LogRecord = {};
      discoverFields(s.events[i].message, fields);
      for (const name of Object.keys(fields)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  if (total === 0) return { logGroupFields: [] };
  for (const name of SYSTEM_FIELDS) counts.set(name, total);
  const logGroupFields = [...counts]
    .map(([name, n]) => ({ name, percent: Math.round((n * 100) / total) }))
    .sort((a, b) => b.percent - a.percent || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { logGroupFields };
}
