/** Metric streams: Put / Get / List / Start / Stop / Delete (delivery: models/metric-streams.ts). */
import { clock } from '../../../src/core/clock';
import { invalidParameterCombination, invalidParameterValue, resourceNotFoundException } from '../exceptions';
import { type MetricStreamRecord, startStreaming } from '../models/metric-streams';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

function checkFilters(filters: T.MetricStreamFilter[] | undefined, member: string): void {
  for (const f of filters ?? []) {
    if (f.Namespace === undefined && f.MetricNames?.length) {
      throw invalidParameterValue(`A filter in ${member} with MetricNames must name its Namespace.`);
    }
  }
}

export function putMetricStream(input: T.PutMetricStreamInput, ctx: Ctx) {
  if (input.IncludeFilters?.length && input.ExcludeFilters?.length) {
    throw invalidParameterCombination('You cannot include both IncludeFilters and ExcludeFilters in the same operation.');
  }
  checkFilters(input.IncludeFilters, 'IncludeFilters');
  checkFilters(input.ExcludeFilters, 'ExcludeFilters');
  for (const arnValue of [input.FirehoseArn, input.RoleArn]) {
    if (!arnValue.startsWith('arn:')) throw invalidParameterValue(`${arnValue} is not a valid ARN.`);
  }
  const b = ctx.backend;
  const now = clock.now();
  const existing = b.metricStreams.get(input.Name);
  const stream: MetricStreamRecord = {
    name: input.Name,
    arn: b.metricStreamArn(input.Name),
    firehoseArn: input.FirehoseArn,
    roleArn: input.RoleArn,
    outputFormat: input.OutputFormat,
    includeFilters: input.IncludeFilters ?? [],
    excludeFilters: input.ExcludeFilters ?? [],
    statistics: input.StatisticsConfigurations ?? [],
    includeLinkedAccountsMetrics: input.IncludeLinkedAccountsMetrics ?? false,
    // An update keeps the state; a new stream starts running.
    state: existing?.state ?? 'running',
    created: existing?.created ?? now,
    updated: now,
  };
  b.metricStreams.set(stream.name, stream);
  b.metricStreamNames.add(stream.name);
  // Tags are set only when the stream is created (TagResource changes them later).
  if (!existing && input.Tags?.length) b.resourceTags.set(stream.arn, new Map(input.Tags.map((t) => [t.Key, t.Value])));
  startStreaming(b);
  return { Arn: stream.arn };
}

export function getMetricStream(input: T.GetMetricStreamInput, ctx: Ctx) {
  const s = ctx.backend.metricStreams.get(input.Name);
  if (!s) throw resourceNotFoundException(`Metric Stream ${input.Name} does not exist.`);
  return {
    Arn: s.arn,
    Name: s.name,
    IncludeFilters: s.includeFilters,
    ExcludeFilters: s.excludeFilters,
    FirehoseArn: s.firehoseArn,
    RoleArn: s.roleArn,
    State: s.state,
    CreationDate: new Date(s.created),
    LastUpdateDate: new Date(s.updated),
    OutputFormat: s.outputFormat,
    StatisticsConfigurations: s.statistics,
    IncludeLinkedAccountsMetrics: s.includeLinkedAccountsMetrics,
  };
}

export function listMetricStreams(input: T.ListMetricStreamsInput, ctx: Ctx) {
  const b = ctx.backend;
  const page = b.metricStreamNames.page(decodeToken(input.NextToken), input.MaxResults ?? 100);
  const entries = page.keys.map((name) => {
    const s = b.metricStreams.get(name) as MetricStreamRecord;
    return {
      Arn: s.arn,
      CreationDate: new Date(s.created),
      LastUpdateDate: new Date(s.updated),
      Name: s.name,
      FirehoseArn: s.firehoseArn,
      State: s.state,
      OutputFormat: s.outputFormat,
    };
  });
  return { Entries: entries, NextToken: page.next !== undefined ? encodeToken(page.next) : undefined };
}

/** Start / Stop: names that are not streams are skipped (the operations have no not-found error). */
function setState(names: string[], state: 'running' | 'stopped', ctx: Ctx): Record<string, never> {
  const now = clock.now();
  for (const name of names) {
    const s = ctx.backend.metricStreams.get(name);
    if (!s || s.state === state) continue;
    s.state = state;
    s.updated = now;
  }
  return {};
}

export function startMetricStreams(input: T.StartMetricStreamsInput, ctx: Ctx) {
  return setState(input.Names, 'running', ctx);
}

export function stopMetricStreams(input: T.StopMetricStreamsInput, ctx: Ctx) {
  return setState(input.Names, 'stopped', ctx);
}

export function deleteMetricStream(input: T.DeleteMetricStreamInput, ctx: Ctx) {
  const b = ctx.backend;
  const s = b.metricStreams.get(input.Name);
  if (s) {
    b.metricStreams.delete(s.name);
    b.metricStreamNames.delete(s.name);
    b.resourceTags.delete(s.arn);
  }
  return {};
}
