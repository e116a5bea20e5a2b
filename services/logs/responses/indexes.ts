/** Field index policies (log group level) and the field indexes they produce. */
import { clock } from '../../../src/core/clock';
import { invalidParameter, notFound } from '../exceptions';
import { parseSelection } from '../models/account-policies';
import { indexedFields } from '../models/index-policies';
import { discoverFields, type LogRecord } from '../models/insights';
import type { LogGroup } from '../models/resources';
import type { Ctx } from './common';

function describePolicy(g: LogGroup, ctx: Ctx) {
  if (g.indexPolicy) {
    return { logGroupIdentifier: g.bareArn, lastUpdateTime: g.indexPolicy.lastUpdateTime, policyDocument: g.indexPolicy.policyDocument, source: 'LOG_GROUP' };
  }
  // Without its own policy, a group shows the account-level policy that selects it.
  for (const p of ctx.backend.accountPolicies.values()) {
    if (p.policyType === 'FIELD_INDEX_POLICY' && parseSelection(p.selectionCriteria).matches(g.name)) {
      return { logGroupIdentifier: g.bareArn, lastUpdateTime: p.lastUpdatedTime, policyDocument: p.policyDocument, policyName: p.policyName, source: 'ACCOUNT' };
    }
  }
  return undefined;
}

export function putIndexPolicy(input: { logGroupIdentifier: string; policyDocument: string }, ctx: Ctx) {
  indexedFields(input.policyDocument);
  const g = ctx.backend.group(input.logGroupIdentifier);
  if (g.logGroupClass !== 'STANDARD') throw invalidParameter('Only log groups in the Standard log class support field index policies.');
  g.indexPolicy = { policyDocument: input.policyDocument, lastUpdateTime: clock.now() };
  return { indexPolicy: describePolicy(g, ctx) };
}

export function describeIndexPolicies(input: { logGroupIdentifiers: string[]; nextToken?: string }, ctx: Ctx) {
  const policies = input.logGroupIdentifiers.flatMap((id) => describePolicy(ctx.backend.group(id), ctx) ?? []);
  return { indexPolicies: policies };
}

export function deleteIndexPolicy(input: { logGroupIdentifier: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupIdentifier);
  if (!g.indexPolicy) throw notFound('The specified log group has no field index policy.');
  g.indexPolicy = undefined;
}

/** The effective policy's fields that appear in the group's events, with the first and last such event. */
export function describeFieldIndexes(input: { logGroupIdentifiers: string[]; nextToken?: string }, ctx: Ctx) {
  const out = [];
  for (const id of input.logGroupIdentifiers) {
    const g = ctx.backend.group(id);
    const policy = describePolicy(g, ctx);
    if (!policy) continue;
    const fields = indexedFields(policy.policyDocument);
    const seen = new Map<string, { first: number; last: number }>();
    for (const s of g.streams.values()) {
      for (const e of s.events) {
        const r: LogRecord = {};
        discoverFields(e.message, r);
        for (const name of fields.keys()) {
          if (!(name in r)) continue;
          const span = seen.get(name);
          seen.set(name, { first: Math.min(span?.first ?? e.timestamp, e.timestamp), last: Math.max(span?.last ?? e.timestamp, e.timestamp) });
        }
      }
    }
    for (const [name, span] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push({
        logGroupIdentifier: policy.source === 'LOG_GROUP' ? g.bareArn : undefined,
        fieldIndexName: name,
        lastScanTime: clock.now(),
        firstEventTime: span.first,
        lastEventTime: span.last,
        type: fields.get(name),
      });
    }
  }
  return { fieldIndexes: out };
}
