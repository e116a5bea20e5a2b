/**
 * StartLiveTail: a Live Tail session over up to 10 log groups (names or
 * ARNs; stream filters need exactly one group), answered as an event stream
 * (src/protocols/event-stream.ts) of sessionStart and sessionUpdate events.
 */
import { invalidParameter } from '../exceptions';
import { compilePattern } from '../models/filter-pattern';
import { LiveTail } from '../models/live-tail';
import type * as T from '../types';
import type { Ctx } from './common';

export function startLiveTail(input: T.StartLiveTailRequest, ctx: Ctx): T.StartLiveTailResponse {
  const { logGroupIdentifiers, logStreamNames, logStreamNamePrefixes, logEventFilterPattern } = input;
  if (logStreamNames && logStreamNamePrefixes) {
    throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
  }
  if ((logStreamNames || logStreamNamePrefixes) && logGroupIdentifiers.length !== 1) {
    throw invalidParameter('Only one log group can be specified when logStreamNames or logStreamNamePrefixes are specified.');
  }
  const groups = new Map<string, string>();
  for (const identifier of logGroupIdentifiers) groups.set(ctx.backend.group(identifier).name, identifier);
  const pattern = compilePattern(logEventFilterPattern);
  const backend = ctx.backend;
  const tail = new LiveTail(
    { groups, streamNames: logStreamNames, streamPrefixes: logStreamNamePrefixes, pattern },
    {
      requestId: ctx.requestId,
      logGroupIdentifiers,
      ...(logStreamNames ? { logStreamNames } : {}),
      ...(logStreamNamePrefixes ? { logStreamNamePrefixes } : {}),
      logEventFilterPattern: logEventFilterPattern ?? '',
    },
    (closed) => backend.liveTails.delete(closed),
  );
  backend.liveTails.add(tail);
  // The generated type names one union value; the protocol layer takes an async iterable of them.
  return { responseStream: tail.updates() as unknown as T.StartLiveTailResponseStream };
}
