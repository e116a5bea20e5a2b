/**
 * Alarms: metric alarms (one metric, or metric math) and composite alarms
 * (an AlarmRule over other alarms), their state, and the evaluation of a
 * metric alarm's last EvaluationPeriods periods with DatapointsToAlarm and
 * TreatMissingData, worded as CloudWatch words its state reasons.
 */
import type * as T from '../types';
import type { Rule } from './composite-rule';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

interface AlarmBase {
  name: string;
  arn: string;
  description?: string;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  state: AlarmState;
  stateReason: string;
  stateReasonData?: string;
  stateUpdated: number;
  stateTransitioned: number;
  configUpdated: number;
  tags: Map<string, string>;
  /** The pending evaluation task (metric alarms). */
  timer?: { cancel(): void };
}

export interface MetricAlarm extends AlarmBase {
  kind: 'metric';
  input: T.PutMetricAlarmInput;
}

export interface CompositeAlarm extends AlarmBase {
  kind: 'composite';
  input: T.PutCompositeAlarmInput;
  rule: Rule;
}

/** A log alarm (PutLogAlarm): a Logs Insights query run on a schedule, judged M out of N results. */
export interface LogAlarm extends AlarmBase {
  kind: 'log';
  input: T.PutLogAlarmInput;
  /** The latest query results, oldest first: breaching, not breaching, or missing (no value). */
  results: Array<{ at: number; values: number[] }>;
}

export type Alarm = MetricAlarm | CompositeAlarm | LogAlarm;

/** The DescribeAlarms / history type name of an alarm. */
export const alarmType = (a: Alarm) => (a.kind === 'metric' ? 'MetricAlarm' : a.kind === 'log' ? 'LogAlarm' : 'CompositeAlarm');

export const COMPARE: Record<string, (v: number, t: number) => boolean> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

export const WORDS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export interface Verdict {
  state: AlarmState;
  reason: string;
  reasonData: string;
}

/** "dd/MM/yy HH:mm:ss", the timestamp form of CloudWatch state reasons. */
function short(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

const num = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/**
 * Judges the datapoints of the last N periods (oldest first, undefined = missing).
 * `current` is kept when TreatMissingData is "ignore" and every point is missing.
 */
/** Anomaly band operators: a datapoint against the band's lower and upper values at its time. */
const BAND_COMPARE: Partial<Record<string, (v: number, lo: number, hi: number) => boolean>> = {
  LessThanLowerOrGreaterThanUpperThreshold: (v, lo, hi) => v < lo || v > hi,
  LessThanLowerThreshold: (v, lo) => v < lo,
  GreaterThanUpperThreshold: (v, _lo, hi) => v > hi,
};

export function judge(
  alarm: MetricAlarm,
  points: Array<{ t: number; value: number | undefined; band?: [number, number] }>,
  current: AlarmState,
  now: number,
): Verdict {
  const input = alarm.input;
  const threshold = input.Threshold ?? 0;
  const op = input.ComparisonOperator ?? 'GreaterThanThreshold';
  const bandCompare: ((v: number, lo: number, hi: number) => boolean) | undefined = BAND_COMPARE[op];
  // A datapoint outside a band that has no value at its time does not breach.
  const compareAt = (p: { value: number; band?: [number, number] }) =>
    bandCompare ? p.band !== undefined && bandCompare(p.value, p.band[0], p.band[1]) : (COMPARE[op] ?? COMPARE.GreaterThanThreshold)(p.value, threshold);
  const n = points.length;
  const m = input.DatapointsToAlarm ?? n;
  const treat = input.TreatMissingData ?? 'missing';
  const present = points.filter((p) => p.value !== undefined) as Array<{ t: number; value: number; band?: [number, number] }>;
  const breaching = present.filter(compareAt).length + (treat === 'breaching' ? n - present.length : 0);
  const data = JSON.stringify({
    version: '1.0',
    queryDate: new Date(now).toISOString().replace('Z', '+0000'),
    statistic: input.Statistic,
    period: input.Period,
    recentDatapoints: present.map((p) => p.value),
    threshold,
    evaluatedDatapoints: present.map((p) => ({ timestamp: new Date(p.t).toISOString().replace('Z', '+0000'), value: p.value })),
  });
  if (present.length === 0 && treat !== 'breaching' && treat !== 'notBreaching') {
    if (treat === 'ignore') return { state: current, reason: alarm.stateReason, reasonData: alarm.stateReasonData ?? data };
    return {
      state: 'INSUFFICIENT_DATA',
      reason: `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`,
      reasonData: data,
    };
  }
  const shown = present
    .slice()
    .reverse()
    .map((p) => `${num(p.value)} (${short(p.t)})`)
    .join(', ');
  const state: AlarmState = breaching >= m ? 'ALARM' : 'OK';
  const count = state === 'ALARM' ? breaching : present.length - present.filter(compareAt).length;
  const verb = state === 'ALARM' ? 'was' : 'was not';
  if (bandCompare) {
    const bands = present.slice().reverse().map((p) => (p.band ? `${num(p.band[0])}..${num(p.band[1])}` : 'none')).join(', ');
    const words = { LessThanLowerOrGreaterThanUpperThreshold: 'outside', LessThanLowerThreshold: 'less than the lower bound of', GreaterThanUpperThreshold: 'greater than the upper bound of' }[op];
    const reason =
      `Thresholds Crossed: ${count} out of the last ${n} datapoints [${shown}] ${verb} ${words} the band [${bands}] ` +
      `(minimum ${m} datapoint${m === 1 ? '' : 's'} for ${state === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`;
    return { state, reason, reasonData: data };
  }
  const reason =
    `Threshold Crossed: ${count} out of the last ${n} datapoints [${shown}] ${verb} ${WORDS[op] ?? op} the threshold (${num(threshold)}) ` +
    `(minimum ${m} datapoint${m === 1 ? '' : 's'} for ${state === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`;
  return { state, reason, reasonData: data };
}

/** Regions by the long names alarm notifications use. */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-central-1': 'EU (Frankfurt)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
};

export function regionName(region: string): string {
  return REGION_NAMES[region] ?? region;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/** The JSON an SNS action delivers when an alarm changes state, in CloudWatch's layout. */
export function notification(alarm: Alarm, oldState: AlarmState, account: string, region: string): { subject: string; message: string } {
  const body: Record<string, unknown> = {
    AlarmName: alarm.name,
    AlarmDescription: alarm.description ?? null,
    AWSAccountId: account,
    AlarmConfigurationUpdatedTimestamp: iso(alarm.configUpdated),
    NewStateValue: alarm.state,
    NewStateReason: alarm.stateReason,
    StateChangeTime: iso(alarm.stateUpdated),
    Region: regionName(region),
    AlarmArn: alarm.arn,
    OldStateValue: oldState,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
  };
  if (alarm.kind === 'composite') {
    body.AlarmRule = alarm.input.AlarmRule;
  } else if (alarm.kind === 'log') {
    const i = alarm.input;
    body.Trigger = {
      ScheduledQueryConfiguration: i.ScheduledQueryConfiguration,
      QueryResultsToEvaluate: i.QueryResultsToEvaluate,
      QueryResultsToAlarm: i.QueryResultsToAlarm,
      ComparisonOperator: i.ComparisonOperator,
      Threshold: i.Threshold,
      TreatMissingData: i.TreatMissingData ?? 'missing',
    };
  } else {
    const i = alarm.input;
    body.Trigger = i.Metrics
      ? { Period: i.Period ?? null, EvaluationPeriods: i.EvaluationPeriods, ComparisonOperator: i.ComparisonOperator, Threshold: i.Threshold, TreatMissingData: i.TreatMissingData ?? 'missing', EvaluateLowSampleCountPercentile: i.EvaluateLowSampleCountPercentile ?? '', Metrics: i.Metrics }
      : {
          MetricName: i.MetricName,
          Namespace: i.Namespace,
          StatisticType: i.ExtendedStatistic ? 'ExtendedStatistic' : 'Statistic',
          Statistic: i.ExtendedStatistic ?? i.Statistic?.toUpperCase(),
          Unit: i.Unit ?? null,
          Dimensions: (i.Dimensions ?? []).map((d) => ({ value: d.Value, name: d.Name })),
          Period: i.Period,
          EvaluationPeriods: i.EvaluationPeriods,
          DatapointsToAlarm: i.DatapointsToAlarm ?? i.EvaluationPeriods,
          ComparisonOperator: i.ComparisonOperator,
          Threshold: i.Threshold,
          TreatMissingData: i.TreatMissingData ?? 'missing',
          EvaluateLowSampleCountPercentile: i.EvaluateLowSampleCountPercentile ?? '',
        };
  }
  return { subject: `${alarm.state}: "${alarm.name}" in ${regionName(region)}`, message: JSON.stringify(body) };
}

/** The state an alarm left, for the Lambda event's previousState. */
export interface PreviousState {
  value: AlarmState;
  reason: string;
  reasonData?: string;
  timestamp: number;
}

/** The event a Lambda alarm action receives (source aws.cloudwatch, alarmData with both states). */
export function lambdaEvent(alarm: Alarm, previous: PreviousState, account: string, region: string): string {
  const state = (value: AlarmState, reason: string, reasonData: string | undefined, at: number) => ({
    value,
    reason,
    ...(reasonData === undefined ? {} : { reasonData }),
    timestamp: iso(at),
  });
  const configuration: Record<string, unknown> = { description: alarm.description };
  if (alarm.kind === 'composite') {
    configuration.alarmRule = alarm.input.AlarmRule;
  } else if (alarm.kind === 'log') {
    const q = alarm.input.ScheduledQueryConfiguration;
    configuration.query = { queryString: q.QueryString, logGroupIdentifiers: q.LogGroupIdentifiers, aggregationExpression: q.AggregationExpression };
  } else {
    const i = alarm.input;
    const dimensions = Object.fromEntries((i.Dimensions ?? []).map((d) => [d.Name, d.Value]));
    configuration.metrics = i.Metrics
      ? i.Metrics.map((q) => ({
          id: q.Id,
          ...(q.Expression !== undefined ? { expression: q.Expression } : {}),
          ...(q.MetricStat
            ? {
                metricStat: {
                  metric: {
                    namespace: q.MetricStat.Metric.Namespace,
                    name: q.MetricStat.Metric.MetricName,
                    dimensions: Object.fromEntries((q.MetricStat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value])),
                  },
                  period: q.MetricStat.Period,
                  stat: q.MetricStat.Stat,
                },
              }
            : {}),
          returnData: q.ReturnData ?? true,
        }))
      : [
          {
            id: alarm.name,
            metricStat: {
              metric: { namespace: i.Namespace, name: i.MetricName, dimensions },
              period: i.Period,
              stat: i.ExtendedStatistic ?? i.Statistic,
              ...(i.Unit ? { unit: i.Unit } : {}),
            },
            returnData: true,
          },
        ];
  }
  return JSON.stringify({
    source: 'aws.cloudwatch',
    alarmArn: alarm.arn,
    accountId: account,
    time: iso(alarm.stateUpdated),
    region,
    alarmData: {
      alarmName: alarm.name,
      state: state(alarm.state, alarm.stateReason, alarm.stateReasonData, alarm.stateUpdated),
      previousState: state(previous.value, previous.reason, previous.reasonData, previous.timestamp),
      configuration,
    },
  });
}
