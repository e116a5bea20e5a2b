/** Metric filters and subscription filters (stored per log group), and TestMetricFilter. */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { constraint, invalidParameter, limitExceeded, notFound } from '../exceptions';
import { compilePattern } from '../models/filter-pattern';
import { checkTransformation } from '../models/metrics';
import { checkDestination } from '../models/delivery';
import type { MetricFilter, SubscriptionFilter } from '../models/resources';
import type { MetricTransformation, PutSubscriptionFilterRequest } from '../types';
import { type Ctx, decodeToken, encodeToken, limitOf } from './common';

const FILTER_NAME = /^[^:*]{1,512}$/;

function checkFilterName(name: string): void {
  if (!FILTER_NAME.test(name)) throw constraint(name, 'filterName', 'Member must satisfy regular expression pattern: [^:*]*');
}

/** Names in order after the token, with a prefix; one page. */
function page<T extends { filterName: string }>(items: Iterable<T>, prefix: string | undefined, token: string | undefined, limit: number) {
  const after = decodeToken<string>(token, (v) => typeof v === 'string');
  const sorted = [...items].filter((f) => f.filterName.startsWith(prefix ?? '')).sort((a, b) => (a.filterName < b.filterName ? -1 : 1));
  const rest = after === undefined ? sorted : sorted.filter((f) => f.filterName > after);
  const out = rest.slice(0, limit);
  return { out, nextToken: rest.length > limit ? encodeToken(out[out.length - 1].filterName) : undefined };
}

export function putMetricFilter(
  input: { logGroupName: string; filterName: string; filterPattern: string; metricTransformations: MetricTransformation[]; applyOnTransformedLogs?: boolean },
  ctx: Ctx,
): void {
  checkFilterName(input.filterName);
  compilePattern(input.filterPattern);
  if (input.metricTransformations.length !== 1) {
    throw constraint('[...]', 'metricTransformations', 'Member must have length less than or equal to 1');
  }
  for (const t of input.metricTransformations) checkTransformation(t);
  const g = ctx.backend.group(input.logGroupName);
  if (!g.metricFilters.has(input.filterName) && g.metricFilters.size >= 100) throw limitExceeded();
  g.metricFilters.set(input.filterName, {
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    metricTransformations: input.metricTransformations,
    creationTime: clock.now(),
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
  });
}

export function deleteMetricFilter(input: { logGroupName: string; filterName: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupName);
  if (!g.metricFilters.delete(input.filterName)) throw notFound('The specified resource does not exist.');
}

export function describeMetricFilters(
  input: { logGroupName?: string; filterNamePrefix?: string; nextToken?: string; limit?: number; metricName?: string; metricNamespace?: string },
  ctx: Ctx,
) {
  if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) {
    throw invalidParameter('metricName and metricNamespace must be specified together.');
  }
  if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) {
    throw invalidParameter('logGroupName is required when filterNamePrefix is specified.');
  }
  const limit = limitOf(input.limit, 50);
  const groups = input.logGroupName !== undefined ? [ctx.backend.group(input.logGroupName)] : [...ctx.backend.groups.values()];
  const all: Array<MetricFilter & { logGroupName: string }> = [];
  for (const g of groups) {
    for (const f of g.metricFilters.values()) {
      const matchesMetric =
        input.metricName === undefined ||
        f.metricTransformations.some((t) => t.metricName === input.metricName && t.metricNamespace === input.metricNamespace);
      if (matchesMetric) all.push({ ...f, logGroupName: g.name });
    }
  }
  const { out, nextToken } = page(all, input.filterNamePrefix, input.nextToken, limit);
  return { metricFilters: out, nextToken };
}

export function testMetricFilter(input: { filterPattern: string; logEventMessages: string[] }) {
  const pattern = compilePattern(input.filterPattern);
  const selectors = [...input.filterPattern.matchAll(/\$(\.[\w.[\]]+|[A-Za-z_]\w*)/g)].map((m) => `$${m[1]}`);
  const matches = input.logEventMessages.flatMap((message, i) => {
    if (!pattern.matches(message)) return [];
    const extractedValues: Record<string, string> = {};
    for (const s of selectors) {
      const v = pattern.value(message, s);
      if (v !== undefined) extractedValues[s] = v;
    }
    // Space-delimited patterns expose every named field as $name.
    if (input.filterPattern.trim().startsWith('[')) {
      for (const name of input.filterPattern.slice(1, -1).split(',').map((f) => f.trim().split(/[\s=!<>]/)[0])) {
        if (name && name !== '...') {
          const v = pattern.value(message, `$${name}`);
          if (v !== undefined) extractedValues[`$${name}`] = v;
        }
      }
    }
    return [{ eventNumber: i + 1, eventMessage: message, extractedValues }];
  });
  return { matches };
}

const DESTINATION_SERVICES = new Set(['lambda', 'kinesis', 'firehose', 'logs']);

export async function putSubscriptionFilter(input: PutSubscriptionFilterRequest, ctx: Ctx): Promise<void> {
  checkFilterName(input.filterName);
  compilePattern(input.filterPattern);
  const target = parseArn(input.destinationArn);
  if (!target || !DESTINATION_SERVICES.has(target.service)) {
    throw invalidParameter(`Invalid destination arn: ${input.destinationArn}`);
  }
  if ((target.service === 'kinesis' || target.service === 'firehose') && input.roleArn === undefined) {
    throw invalidParameter('roleArn is required for Kinesis and Firehose destinations.');
  }
  const g = ctx.backend.group(input.logGroupName);
  // Two subscription filters per log group (AWS quota).
  if (!g.subscriptionFilters.has(input.filterName) && g.subscriptionFilters.size >= 2) throw limitExceeded();
  await checkDestination(ctx.backend, input.destinationArn);
  const filter: SubscriptionFilter = {
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    destinationArn: input.destinationArn,
    roleArn: input.roleArn,
    distribution: input.distribution ?? 'ByLogStream',
    creationTime: clock.now(),
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
  };
  g.subscriptionFilters.set(input.filterName, filter);
}

export function deleteSubscriptionFilter(input: { logGroupName: string; filterName: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupName);
  if (!g.subscriptionFilters.delete(input.filterName)) throw notFound('The specified subscription filter does not exist.');
}

export function describeSubscriptionFilters(input: { logGroupName: string; filterNamePrefix?: string; nextToken?: string; limit?: number }, ctx: Ctx) {
  const limit = limitOf(input.limit, 50);
  const g = ctx.backend.group(input.logGroupName);
  const { out, nextToken } = page(g.subscriptionFilters.values(), input.filterNamePrefix, input.nextToken, limit);
  return { subscriptionFilters: out.map((f) => ({ ...f, logGroupName: g.name })), nextToken };
}
