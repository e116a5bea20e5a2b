/**
 * Metric and composite alarms: Put, Describe (filters, pagination), ForMetric,
 * Delete, SetAlarmState, history, and enabling / disabling actions.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import {
  invalidNextToken,
  invalidParameterCombination,
  invalidParameterValue,
  limitExceeded,
  missingParameter,
  resourceNotFound,
  resourceNotFoundException,
} from '../exceptions';
import { type Alarm, type AlarmState, type CompositeAlarm, type LogAlarm, type MetricAlarm, alarmType } from '../models/alarms';
import { rateMs } from '../models/log-alarms';
import { parseRule, ruleAlarms } from '../models/composite-rule';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';
import { checkPeriod } from './metrics';

function base(name: string, ctx: Ctx, input: { AlarmDescription?: string; ActionsEnabled?: boolean; OKActions?: string[]; AlarmActions?: string[]; InsufficientDataActions?: string[]; Tags?: T.Tag[] }) {
  const now = clock.now();
  for (const action of [...(input.OKActions ?? []), ...(input.AlarmActions ?? []), ...(input.InsufficientDataActions ?? [])]) {
    if (!action.startsWith('arn:')) throw invalidParameterValue(`Invalid arn syntax: ${action}`);
  }
  return {
    name,
    arn: ctx.backend.alarmArn(name),
    description: input.AlarmDescription,
    actionsEnabled: input.ActionsEnabled ?? true,
    okActions: input.OKActions ?? [],
    alarmActions: input.AlarmActions ?? [],
    insufficientDataActions: input.InsufficientDataActions ?? [],
    state: 'INSUFFICIENT_DATA' as AlarmState,
    stateReason: 'Unchecked: Initial alarm creation',
    stateUpdated: now,
    stateTransitioned: now,
    configUpdated: now,
    tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])),
  };
}

const BAND_OPERATORS = new Set(['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold']);

/** Anomaly detection alarms: ThresholdMetricId names an ANOMALY_DETECTION_BAND query, with a band operator and no Threshold. */
function checkBand(input: T.PutMetricAlarmInput): void {
  const bandOperator = input.ComparisonOperator !== undefined && BAND_OPERATORS.has(input.ComparisonOperator);
  if (input.ThresholdMetricId === undefined) {
    if (bandOperator) throw invalidParameterCombination(`The comparison operator ${input.ComparisonOperator} needs a ThresholdMetricId.`);
    return;
  }
  if (input.Threshold !== undefined) throw invalidParameterCombination('The parameters Threshold and ThresholdMetricId are mutually exclusive.');
  if (input.ComparisonOperator !== undefined && !bandOperator) {
    throw invalidParameterCombination(`The comparison operator ${input.ComparisonOperator} cannot be used with a ThresholdMetricId.`);
  }
  const band = input.Metrics?.find((q) => q.Id === input.ThresholdMetricId);
  if (!band || !/^\s*ANOMALY_DETECTION_BAND\s*\(/i.test(band.Expression ?? '')) {
    throw invalidParameterValue(`ThresholdMetricId ${input.ThresholdMetricId} must name an ANOMALY_DETECTION_BAND expression in Metrics.`);
  }
}

export function putMetricAlarm(input: T.PutMetricAlarmInput, ctx: Ctx) {
  const single = input.MetricName !== undefined || input.Namespace !== undefined;
  if (single && input.Metrics) {
    throw invalidParameterCombination('The parameters MetricName and Metrics are mutually exclusive and you have specified both.');
  }
  if (!single && !input.Metrics) throw missingParameter('The parameter MetricName or Metrics is required.');
  if (single) {
    if (input.MetricName === undefined) throw missingParameter('The parameter MetricName is required.');
    if (input.Namespace === undefined) throw missingParameter('The parameter Namespace is required.');
    if ((input.Statistic === undefined) === (input.ExtendedStatistic === undefined)) {
      throw invalidParameterCombination('Exactly one of the parameters Statistic and ExtendedStatistic must be specified.');
    }
    if (input.Period === undefined) throw missingParameter('The parameter Period is required.');
  }
  checkBand(input);
  // An anomaly detection alarm returns its metric and its band; any other alarm on Metrics returns one query.
  const returning = input.ThresholdMetricId !== undefined ? 2 : 1;
  if (input.Metrics && input.Metrics.filter((q) => q.ReturnData !== false).length !== returning) {
    throw invalidParameterValue(
      returning === 1 ? 'Exactly one element of the metrics list should return data.' : 'An anomaly detection alarm returns exactly its metric and its band.',
    );
  }
  if (input.EvaluationPeriods === undefined) throw missingParameter('The parameter EvaluationPeriods is required.');
  if (input.ComparisonOperator === undefined) throw missingParameter('The parameter ComparisonOperator is required.');
  if (input.Threshold === undefined && input.ThresholdMetricId === undefined) throw missingParameter('The parameter Threshold is required.');
  const period = input.Period ?? input.Metrics?.find((q) => q.MetricStat)?.MetricStat?.Period ?? 60;
  // Alarms evaluate periods of 10, 20 or 30 seconds (high resolution) or whole minutes.
  if (period < 60 && ![10, 20, 30].includes(period)) throw invalidParameterValue('The parameter Period must be 10, 20, 30 or a multiple of 60.');
  checkPeriod(period);
  if (period * input.EvaluationPeriods > 86400 && period < 3600) {
    throw invalidParameterCombination('Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).');
  }
  if (input.DatapointsToAlarm !== undefined && input.DatapointsToAlarm > input.EvaluationPeriods) {
    throw invalidParameterValue('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
  }
  const alarm: MetricAlarm = { kind: 'metric', input: { ...input, Tags: undefined }, ...base(input.AlarmName, ctx, input) };
  const current = ctx.backend.alarms.get(input.AlarmName);
  if (current && current.kind !== 'metric') throw invalidParameterValue(`The alarm ${input.AlarmName} is a ${current.kind} alarm.`);
  ctx.backend.putAlarm(alarm);
}

export function putCompositeAlarm(input: T.PutCompositeAlarmInput, ctx: Ctx) {
  const rule = parseRule(input.AlarmRule);
  const names = ruleAlarms(rule);
  if (names.length > 100) throw limitExceeded('The AlarmRule can reference at most 100 alarms.');
  for (const ref of names) {
    const name = ref.startsWith('arn:') ? ref.split(':alarm:')[1] : ref;
    if (name === input.AlarmName) throw invalidParameterValue('A composite alarm cannot reference itself in its AlarmRule.');
    if (name === undefined || !ctx.backend.alarms.has(name)) {
      throw invalidParameterValue(`Could not save the composite alarm as alarms [${ref}] in the alarm rule do not exist`);
    }
  }
  const current = ctx.backend.alarms.get(input.AlarmName);
  if (current && current.kind !== 'composite') throw invalidParameterValue(`The alarm ${input.AlarmName} is a ${current.kind} alarm.`);
  const alarm: CompositeAlarm = { kind: 'composite', input: { ...input, Tags: undefined }, rule, ...base(input.AlarmName, ctx, input) };
  ctx.backend.putAlarm(alarm);
}

const LOG_OPERATORS = new Set(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']);
const TREATMENTS = new Set(['missing', 'breaching', 'notBreaching', 'ignore']);

/** PutLogAlarm: a scheduled Logs Insights query judged M out of N results (models/log-alarms.ts). */
export async function putLogAlarm(input: T.PutLogAlarmInput, ctx: Ctx) {
  const q = input.ScheduledQueryConfiguration;
  const schedule = q.ScheduleConfiguration;
  if (rateMs(schedule.ScheduleExpression) === undefined) {
    throw invalidParameterValue(`The ScheduleExpression ${schedule.ScheduleExpression} is invalid; specify a rate() expression, for example rate(5 minutes).`);
  }
  const end = schedule.EndTimeOffset ?? 0;
  if (end < 0 || schedule.StartTimeOffset <= end) {
    throw invalidParameterValue('EndTimeOffset must be non-negative and less than StartTimeOffset.');
  }
  const groups = q.LogGroupIdentifiers ?? [];
  if (groups.length < 1 || groups.length > 50) throw invalidParameterValue('LogGroupIdentifiers must contain between 1 and 50 entries.');
  if (input.QueryResultsToEvaluate < 1) throw invalidParameterValue('QueryResultsToEvaluate must be at least 1.');
  if (input.QueryResultsToAlarm < 1 || input.QueryResultsToAlarm > input.QueryResultsToEvaluate) {
    throw invalidParameterValue('QueryResultsToAlarm must be between 1 and QueryResultsToEvaluate.');
  }
  if (!LOG_OPERATORS.has(input.ComparisonOperator)) throw invalidParameterValue(`The comparison operator ${input.ComparisonOperator} is not supported by log alarms.`);
  if (input.TreatMissingData !== undefined && !TREATMENTS.has(input.TreatMissingData)) {
    throw invalidParameterValue(`The value ${input.TreatMissingData} for parameter TreatMissingData is invalid.`);
  }
  // The log groups must exist in the Logs backend.
  const logs = await ctx.backends.get<{ group(nameOrArn: string): unknown }>('logs', ctx.account, ctx.region);
  for (const g of groups) logs.group(g);
  const current = ctx.backend.alarms.get(input.AlarmName);
  if (current && current.kind !== 'log') throw new AwsError('ResourceConflict', `The alarm ${input.AlarmName} is a ${current.kind} alarm.`, { status: 409 });
  const alarm: LogAlarm = { kind: 'log', input: { ...input, Tags: undefined }, results: [], ...base(input.AlarmName, ctx, input) };
  ctx.backend.putAlarm(alarm);
}

/** The members every kind of alarm shows in DescribeAlarms. */
function alarmOut(a: Alarm) {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: new Date(a.configUpdated),
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    StateValue: a.state,
    StateReason: a.stateReason,
    StateReasonData: a.stateReasonData,
    StateUpdatedTimestamp: new Date(a.stateUpdated),
    StateTransitionedTimestamp: new Date(a.stateTransitioned),
  };
}

function logOut(a: LogAlarm) {
  const i = a.input;
  return {
    ...alarmOut(a),
    ScheduledQueryConfiguration: i.ScheduledQueryConfiguration,
    QueryResultsToEvaluate: i.QueryResultsToEvaluate,
    QueryResultsToAlarm: i.QueryResultsToAlarm,
    Threshold: i.Threshold,
    ComparisonOperator: i.ComparisonOperator,
    TreatMissingData: i.TreatMissingData ?? 'missing',
    ActionLogLineCount: i.ActionLogLineCount,
    ActionLogLineRoleArn: i.ActionLogLineRoleArn,
    WarmUpConfiguration: i.WarmUpConfiguration,
    ActionConfiguration: i.ActionConfiguration,
  };
}

function metricOut(a: MetricAlarm) {
  const i = a.input;
  return {
    ...alarmOut(a),
    MetricName: i.MetricName,
    Namespace: i.Namespace,
    Statistic: i.Statistic,
    ExtendedStatistic: i.ExtendedStatistic,
    Dimensions: i.Dimensions ?? (i.Metrics ? undefined : []),
    Period: i.Period,
    Unit: i.Unit,
    EvaluationPeriods: i.EvaluationPeriods,
    DatapointsToAlarm: i.DatapointsToAlarm,
    Threshold: i.Threshold,
    ComparisonOperator: i.ComparisonOperator,
    TreatMissingData: i.TreatMissingData,
    EvaluateLowSampleCountPercentile: i.EvaluateLowSampleCountPercentile,
    Metrics: i.Metrics,
    ThresholdMetricId: i.ThresholdMetricId,
  };
}

function compositeOut(a: CompositeAlarm) {
  return {
    ...alarmOut(a),
    AlarmRule: a.input.AlarmRule,
    ActionsSuppressor: a.input.ActionsSuppressor,
    ActionsSuppressorWaitPeriod: a.input.ActionsSuppressorWaitPeriod,
    ActionsSuppressorExtensionPeriod: a.input.ActionsSuppressorExtensionPeriod,
  };
}

export function describeAlarms(input: T.DescribeAlarmsInput, ctx: Ctx) {
  if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
    throw invalidParameterCombination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.');
  }
  const family = [input.AlarmNames && 'AlarmNames', input.AlarmNamePrefix !== undefined && 'AlarmNamePrefix', input.ChildrenOfAlarmName !== undefined && 'ChildrenOfAlarmName', input.ParentsOfAlarmName !== undefined && 'ParentsOfAlarmName'].filter(Boolean);
  if (family.length > 1) throw invalidParameterCombination(`The parameters ${family[0]} and ${family[1]} are mutually exclusive and you have specified both.`);
  // Without AlarmTypes, only metric alarms are returned (composite ones must be asked for).
  const types = new Set(input.AlarmTypes ?? ['MetricAlarm']);
  const limit = input.MaxRecords ?? 50;
  const after = decodeToken(input.NextToken);
  const names = input.AlarmNames ? new Set(input.AlarmNames) : undefined;
  let children: Set<string> | undefined;
  if (input.ChildrenOfAlarmName !== undefined) {
    const parent = ctx.backend.alarms.get(input.ChildrenOfAlarmName);
    children = new Set(parent?.kind === 'composite' ? ruleAlarms(parent.rule).map((r) => (r.startsWith('arn:') ? r.split(':alarm:')[1] : r)) : []);
  }
  const matches = (a: Alarm): boolean => {
    if (!types.has(alarmType(a))) return false;
    if (names && !names.has(a.name)) return false;
    if (input.AlarmNamePrefix !== undefined && !a.name.startsWith(input.AlarmNamePrefix)) return false;
    if (input.StateValue !== undefined && a.state !== input.StateValue) return false;
    if (input.ActionPrefix !== undefined && ![...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((x) => x.startsWith(input.ActionPrefix as string))) return false;
    if (children && !children.has(a.name)) return false;
    if (input.ParentsOfAlarmName !== undefined) {
      const child = input.ParentsOfAlarmName;
      if (a.kind !== 'composite' || !ruleAlarms(a.rule).some((r) => r === child || r.endsWith(`:alarm:${child}`))) return false;
    }
    return true;
  };
  const page: Alarm[] = [];
  let more = false;
  for (const name of ctx.backend.alarmNames.from(after, true)) {
    const alarm = ctx.backend.alarms.get(name);
    if (!alarm || !matches(alarm)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(alarm);
  }
  return {
    MetricAlarms: types.has('MetricAlarm') ? page.filter((a): a is MetricAlarm => a.kind === 'metric').map(metricOut) : undefined,
    CompositeAlarms: types.has('CompositeAlarm') ? page.filter((a): a is CompositeAlarm => a.kind === 'composite').map(compositeOut) : undefined,
    LogAlarms: types.has('LogAlarm') ? page.filter((a): a is LogAlarm => a.kind === 'log').map(logOut) : undefined,
    NextToken: more ? encodeToken(page[page.length - 1].name) : undefined,
  };
}

const sameDims = (a: T.Dimension[] = [], b: T.Dimension[] = []) =>
  a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

export function describeAlarmsForMetric(input: T.DescribeAlarmsForMetricInput, ctx: Ctx) {
  const out = [];
  for (const alarm of ctx.backend.alarms.values()) {
    if (alarm.kind !== 'metric') continue;
    const i = alarm.input;
    if (i.Namespace !== input.Namespace || i.MetricName !== input.MetricName) continue;
    if (!sameDims(i.Dimensions, input.Dimensions)) continue;
    if (input.Statistic !== undefined && i.Statistic !== input.Statistic) continue;
    if (input.ExtendedStatistic !== undefined && i.ExtendedStatistic !== input.ExtendedStatistic) continue;
    if (input.Period !== undefined && i.Period !== input.Period) continue;
    if (input.Unit !== undefined && i.Unit !== input.Unit) continue;
    out.push(metricOut(alarm));
  }
  return { MetricAlarms: out.sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1)) };
}

export function deleteAlarms(input: T.DeleteAlarmsInput, ctx: Ctx) {
  if (input.AlarmNames.length > 100) throw invalidParameterValue('The collection AlarmNames must not have a size greater than 100.');
  const composites = input.AlarmNames.filter((n) => ctx.backend.alarms.get(n)?.kind === 'composite');
  if (composites.length > 1) throw invalidParameterValue('You can delete at most one composite alarm per request.');
  // Unknown names are skipped; the others are deleted (as CloudWatch does).
  for (const name of input.AlarmNames) ctx.backend.deleteAlarm(name);
}

export async function setAlarmState(input: T.SetAlarmStateInput, ctx: Ctx) {
  const alarm = ctx.backend.alarms.get(input.AlarmName);
  if (!alarm) throw resourceNotFound(`Alarm ${input.AlarmName} not found`);
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw new AwsError('InvalidFormat', 'Unable to parse the StateReasonData: it must be valid JSON.', { status: 400 });
    }
  }
  await ctx.backend.setState(alarm, input.StateValue as AlarmState, input.StateReason, input.StateReasonData);
}

function setActions(names: string[], enabled: boolean, ctx: Ctx): void {
  for (const name of names) {
    const alarm = ctx.backend.alarms.get(name);
    if (alarm) alarm.actionsEnabled = enabled;
  }
}

export function enableAlarmActions(input: T.EnableAlarmActionsInput, ctx: Ctx) {
  setActions(input.AlarmNames, true, ctx);
}

export function disableAlarmActions(input: T.DisableAlarmActionsInput, ctx: Ctx) {
  setActions(input.AlarmNames, false, ctx);
}

export function describeAlarmHistory(input: T.DescribeAlarmHistoryInput, ctx: Ctx) {
  const types = new Set(input.AlarmTypes ?? ['MetricAlarm', 'CompositeAlarm']);
  const start = input.StartDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = input.EndDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const items = ctx.backend.history
    .map((h, index) => ({ h, index }))
    .filter(
      ({ h }) =>
        (input.AlarmName === undefined || h.alarmName === input.AlarmName) &&
        types.has(h.alarmType) &&
        (input.HistoryItemType === undefined || h.type === input.HistoryItemType) &&
        h.timestamp >= start &&
        h.timestamp <= end,
    );
  if (input.ScanBy !== 'TimestampAscending') items.reverse();
  let from = 0;
  const token = decodeToken(input.NextToken);
  if (token !== undefined) {
    from = items.findIndex(({ index }) => String(index) === token) + 1;
    if (from === 0) throw invalidParameterValue('The NextToken is invalid.');
  }
  const limit = input.MaxRecords ?? 100;
  const page = items.slice(from, from + limit);
  return {
    AlarmHistoryItems: page.map(({ h }) => ({
      AlarmName: h.alarmName,
      AlarmType: h.alarmType,
      Timestamp: new Date(h.timestamp),
      HistoryItemType: h.type,
      HistorySummary: h.summary,
      HistoryData: h.data,
    })),
    NextToken: from + limit < items.length ? encodeToken(String(page[page.length - 1].index)) : undefined,
  };
}

/**
 * DescribeAlarmContributors: the time series of a multi-timeseries alarm that
 * are in ALARM. The alarms this emulation evaluates (one metric, metric math,
 * composite) each watch a single series and so have no contributors; an
 * unknown alarm is ResourceNotFoundException.
 */
export function describeAlarmContributors(input: T.DescribeAlarmContributorsInput, ctx: Ctx) {
  if (!ctx.backend.alarms.has(input.AlarmName)) throw resourceNotFoundException(`Alarm ${input.AlarmName} does not exist.`);
  if (input.NextToken !== undefined) throw invalidNextToken();
  return { AlarmContributors: [] };
}
