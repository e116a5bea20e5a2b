/**
 * Contributor Insights rules (schema CloudWatchLogRule, version 1) and their
 * reports. A report is computed when asked, from the events the Logs backend
 * holds in the rule's log groups (names, or prefixes ending in `*`): JSON
 * events (LogFormat JSON) are matched by the rule's Filters, grouped by its
 * Keys (JSON paths such as `$.ip`) and counted (AggregateOn Count) or summed
 * (Sum of ValueOf), per period and in all.
 */
import { invalidParameterValue } from '../exceptions';
import type * as T from '../types';

export interface InsightRuleRecord {
  name: string;
  arn: string;
  state: 'ENABLED' | 'DISABLED';
  definition: string;
  parsed: RuleDefinition;
  applyOnTransformedLogs: boolean;
  /** Set on managed rules (PutManagedInsightRules): their template and resource. */
  managed?: { templateName: string; resourceArn: string };
}

interface RuleFilter {
  Match: string;
  In?: unknown[];
  NotIn?: unknown[];
  StartsWith?: string[];
  GreaterThan?: number;
  LessThan?: number;
  EqualTo?: unknown;
  IsPresent?: boolean;
}

export interface RuleDefinition {
  LogGroupNames: string[];
  LogFormat: 'JSON' | 'CLF';
  Keys: string[];
  ValueOf?: string;
  Filters: RuleFilter[];
  AggregateOn: 'Count' | 'Sum';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks a rule definition; anything off is InvalidParameterValue. */
export function parseDefinition(text: string): RuleDefinition {
  const bad = (why: string) => invalidParameterValue(`The rule definition is invalid: ${why}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('it is not valid JSON.');
  }
  if (!isObject(json)) throw bad('it must be a JSON object.');
  const schema = json.Schema;
  if (!isObject(schema) || schema.Name !== 'CloudWatchLogRule' || schema.Version !== 1) throw bad('Schema must be {"Name": "CloudWatchLogRule", "Version": 1}.');
  const groups = json.LogGroupNames;
  if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string')) throw bad('LogGroupNames must list log group names.');
  if (json.LogFormat !== 'JSON' && json.LogFormat !== 'CLF') throw bad('LogFormat must be JSON or CLF.');
  const c = json.Contribution;
  if (!isObject(c)) throw bad('Contribution is required.');
  const keys = c.Keys;
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 4 || !keys.every((k) => typeof k === 'string')) throw bad('Contribution.Keys must hold 1 to 4 keys.');
  if (c.ValueOf !== undefined && typeof c.ValueOf !== 'string') throw bad('Contribution.ValueOf must be a key.');
  const filters = c.Filters ?? [];
  if (!Array.isArray(filters) || !filters.every((f) => isObject(f) && typeof f.Match === 'string')) throw bad('each of Contribution.Filters needs a Match.');
  if (json.AggregateOn !== 'Count' && json.AggregateOn !== 'Sum') throw bad('AggregateOn must be Count or Sum.');
  if (json.AggregateOn === 'Sum' && c.ValueOf === undefined) throw bad('AggregateOn Sum needs Contribution.ValueOf.');
  return {
    LogGroupNames: groups as string[],
    LogFormat: json.LogFormat,
    Keys: keys as string[],
    ValueOf: c.ValueOf as string | undefined,
    Filters: filters as RuleFilter[],
    AggregateOn: json.AggregateOn,
  };
}

/** `$.a.b` of a JSON event. */
function pathValue(event: unknown, path: string): unknown {
  let v: unknown = event;
  for (const part of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (!isObject(v)) return undefined;
    v = v[part];
  }
  return v;
}

function passes(f: RuleFilter, event: unknown): boolean {
  const v = pathValue(event, f.Match);
  if (f.IsPresent !== undefined && (v !== undefined) !== f.IsPresent) return false;
  if (f.In && !f.In.includes(v)) return false;
  if (f.NotIn?.includes(v)) return false;
  if (f.StartsWith && !(typeof v === 'string' && f.StartsWith.some((p) => v.startsWith(p)))) return false;
  if (f.EqualTo !== undefined && v !== f.EqualTo) return false;
  if (f.GreaterThan !== undefined && !(typeof v === 'number' && v > f.GreaterThan)) return false;
  if (f.LessThan !== undefined && !(typeof v === 'number' && v < f.LessThan)) return false;
  return true;
}

export interface LogEventSource {
  /** The events of every log group the patterns name, in [start, end). */
  events(patterns: string[], start: number, end: number): Array<{ timestamp: number; message: string }>;
}

export function report(rule: RuleDefinition, input: T.GetInsightRuleReportInput, events: Array<{ timestamp: number; message: string }>): T.GetInsightRuleReportOutput {
  const periodMs = input.Period * 1000;
  const start = input.StartTime.getTime();
  // contributor key → period start → value
  const contributors = new Map<string, { keys: string[]; total: number; byPeriod: Map<number, number> }>();
  const periods = new Map<number, number[]>();
  for (const e of events) {
    if (rule.LogFormat !== 'JSON') continue;
    let json: unknown;
    try {
      json = JSON.parse(e.message);
    } catch {
      continue;
    }
    if (!rule.Filters.every((f) => passes(f, json))) continue;
    const keys = rule.Keys.map((k) => pathValue(json, k));
    if (keys.some((k) => k === undefined)) continue;
    const raw = rule.AggregateOn === 'Sum' ? Number(pathValue(json, rule.ValueOf as string)) : 1;
    if (!Number.isFinite(raw)) continue;
    const t = start + Math.floor((e.timestamp - start) / periodMs) * periodMs;
    const id = JSON.stringify(keys.map(String));
    let c = contributors.get(id);
    if (!c) contributors.set(id, (c = { keys: keys.map(String), total: 0, byPeriod: new Map() }));
    c.total += raw;
    c.byPeriod.set(t, (c.byPeriod.get(t) ?? 0) + raw);
    periods.set(t, [...(periods.get(t) ?? []), raw]);
  }
  // OrderBy Sum ranks contributors by their total, Maximum by their largest value in one period.
  const rank = (c: { total: number; byPeriod: Map<number, number> }) => (input.OrderBy === 'Maximum' ? Math.max(...c.byPeriod.values()) : c.total);
  const ranked = [...contributors.values()].sort((a, b) => rank(b) - rank(a));
  const metrics = new Set(input.Metrics ?? []);
  const datapoints = [...periods.keys()].sort((a, b) => a - b).map((t) => {
    const values = periods.get(t) as number[];
    const perContributor = ranked.map((c) => c.byPeriod.get(t)).filter((v): v is number => v !== undefined);
    const all: T.InsightRuleMetricDatapoint = {
      Timestamp: new Date(t),
      UniqueContributors: perContributor.length,
      MaxContributorValue: Math.max(...perContributor),
      SampleCount: values.length,
      Average: values.reduce((a, b) => a + b, 0) / values.length,
      Sum: values.reduce((a, b) => a + b, 0),
      Minimum: Math.min(...values),
      Maximum: Math.max(...values),
    };
    const out: T.InsightRuleMetricDatapoint = { Timestamp: all.Timestamp };
    for (const m of metrics) (out as unknown as Record<string, unknown>)[m] = (all as unknown as Record<string, unknown>)[m];
    return out;
  });
  return {
    KeyLabels: rule.Keys,
    AggregationStatistic: rule.AggregateOn,
    AggregateValue: ranked.reduce((n, c) => n + c.total, 0),
    ApproximateUniqueCount: ranked.length,
    Contributors: ranked.slice(0, input.MaxContributorCount ?? 10).map((c) => ({
      Keys: c.keys,
      ApproximateAggregateValue: c.total,
      Datapoints: [...c.byPeriod.entries()].sort(([a], [b]) => a - b).map(([t, v]) => ({ Timestamp: new Date(t), ApproximateValue: v })),
    })),
    MetricDatapoints: datapoints,
  };
}
