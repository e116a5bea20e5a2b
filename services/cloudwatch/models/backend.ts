/**
 * CloudWatchBackend: metrics, alarms, alarm history, dashboards and tags of
 * one account and region. Metric alarms are evaluated on the core clock at
 * the end of every period (through the core event loop, so fake timers and
 * aws.clock.advance() drive them); a state change is recorded in history,
 * re-evaluates the composite alarms that read it, and, when actions are
 * enabled, publishes the alarm notification to the SNS topics of the new
 * state's actions. Other services may record metrics with `putMetric`.
 */
import { clock } from '../../../src/core/clock';
import { type TaskHandle, eventLoop } from '../../../src/core/events';
import { arn, parseArn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { invalidParameterValue } from '../exceptions';
import type * as T from '../types';
import {
  type Alarm,
  type AlarmState,
  type CompositeAlarm,
  type MetricAlarm,
  type PreviousState,
  alarmType,
  judge,
  lambdaEvent,
  notification,
} from './alarms';
import type { AnomalyDetectorRecord } from './anomaly';
import { evaluateRule } from './composite-rule';
import type { InsightRuleRecord } from './insight-rules';
import { scheduleLogAlarm } from './log-alarms';
import { type MetricStreamRecord, type StreamFailure, startStreaming } from './metric-streams';
import { isInsightsQuery, parseInsights, runInsights } from './metrics-insights';
import { type MuteRule, muteStatus, targets } from './mute-rules';
import { AccountSettings } from './settings';
import { type Series, evaluate } from './math';
import { type Dimension, MetricSeries, type Sample, seriesKey, statistic } from './metrics';
import { SEARCH_LIMIT, searchPredicate } from './search';

export interface HistoryItem {
  alarmName: string;
  alarmType: 'MetricAlarm' | 'CompositeAlarm' | 'LogAlarm';
  timestamp: number;
  type: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  summary: string;
  data: string;
}

export interface Dashboard {
  name: string;
  arn: string;
  body: string;
  lastModified: number;
}

/** The data an anomaly detection alarm's band is drawn from: the last day. */
const BAND_BASELINE_MS = 24 * 3600_000;

/** A metric series without data for two weeks drops out of ListMetrics. */
export const METRIC_EXPIRY_MS = 14 * 24 * 3600_000;

interface LambdaInvoker {
  invoke(functionArn: string, payload: string, options: { invocationType: 'Event' }): Promise<unknown>;
}

interface SnsPublisher {
  publish(topicArn: string, message: string, options?: { subject?: string }): Promise<unknown>;
}

/** Every period start (aligned to multiples of the period since the epoch) in [start, end). */
function grid(start: number, end: number, periodSec: number): number[] {
  const ms = periodSec * 1000;
  const out: number[] = [];
  for (let t = Math.floor(start / ms) * ms; t < end; t += ms) out.push(t);
  return out;
}

export class CloudWatchBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly series = new Map<string, MetricSeries>();
  readonly seriesKeys = new SortedKeySet();
  readonly alarms = new Map<string, Alarm>();
  readonly alarmNames = new SortedKeySet();
  readonly history: HistoryItem[] = [];
  readonly dashboards = new Map<string, Dashboard>();
  readonly dashboardNames = new SortedKeySet();
  /** Anomaly detectors by their key (models/anomaly.ts). */
  readonly anomalyDetectors = new Map<string, AnomalyDetectorRecord>();
  /** Metric streams by name, and the pending once-a-minute send (models/metric-streams.ts). */
  readonly metricStreams = new Map<string, MetricStreamRecord>();
  readonly metricStreamNames = new SortedKeySet();
  readonly metricStreamFailures: StreamFailure[] = [];
  streamTimer?: TaskHandle;
  /** Contributor Insights rules by name (models/insight-rules.ts). */
  readonly insightRules = new Map<string, InsightRuleRecord>();
  readonly insightRuleNames = new SortedKeySet();
  /** Alarm mute rules by name (models/mute-rules.ts). */
  readonly muteRules = new Map<string, MuteRule>();
  readonly muteRuleNames = new SortedKeySet();
  /** OTel enrichment, the default dataset's KMS key, resource metrics configurations (models/settings.ts). */
  readonly settings = new AccountSettings();
  /** Tags of dashboards and other taggable resources by ARN (alarms keep their own). */
  readonly resourceTags = new Map<string, Map<string, string>>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  dispose(): void {
    for (const alarm of this.alarms.values()) alarm.timer?.cancel();
    this.streamTimer?.cancel();
  }

  /** After a restore (snapshot or state directory): alarms evaluate and metric streams send again on the clock. */
  restored(): void {
    const now = clock.now();
    for (const alarm of this.alarms.values()) {
      if (alarm.kind === 'metric') this.schedule(alarm);
      else if (alarm.kind === 'log') scheduleLogAlarm(this, alarm, now);
    }
    this.streamTimer = undefined;
    if (this.metricStreams.size > 0) startStreaming(this);
  }

  alarmArn(name: string): string {
    return arn({ service: 'cloudwatch', region: this.region, account: this.account, resource: `alarm:${name}` });
  }

  muteRuleArn(name: string): string {
    return arn({ service: 'cloudwatch', region: this.region, account: this.account, resource: `alarm-mute-rule:${name}` });
  }

  metricStreamArn(name: string): string {
    return arn({ service: 'cloudwatch', region: this.region, account: this.account, resource: `metric-stream/${name}` });
  }

  dashboardArn(name: string): string {
    return arn({ service: 'cloudwatch', region: '', account: this.account, resource: `dashboard/${name}` });
  }

  // ---- metrics

  /** Records one sample (what PutMetricData does per datum, after its checks). */
  putMetric(namespace: string, name: string, dimensions: Dimension[], sample: Sample): void {
    const key = seriesKey(namespace, name, dimensions);
    let s = this.series.get(key);
    if (!s) {
      s = new MetricSeries(namespace, name, [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : 1)));
      this.series.set(key, s);
      this.seriesKeys.add(key);
    }
    s.add(sample, clock.now());
  }

  findSeries(metric: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] }): MetricSeries | undefined {
    return this.series.get(seriesKey(metric.Namespace ?? '', metric.MetricName ?? '', metric.Dimensions ?? []));
  }

  /** One statistic of a metric per period over [start, end). */
  statSeries(metric: T.Metric, stat: string, periodSec: number, start: number, end: number, unit?: string): Series {
    const out: Series = new Map();
    const s = this.findSeries(metric);
    if (!s) return out;
    for (const [t, b] of s.aggregate(start, end, periodSec * 1000, unit)) {
      const v = statistic(b, stat);
      if (v !== undefined) out.set(t, v);
    }
    return out;
  }

  /** Evaluates GetMetricData queries (MetricStat and Expression) into series by query id. */
  query(queries: T.MetricDataQuery[], start: number, end: number): Map<string, Series | Series[] | number> {
    const results = new Map<string, Series | Series[] | number>();
    const stats = queries.filter((q) => q.MetricStat);
    for (const q of stats) {
      const ms = q.MetricStat as T.MetricStat;
      results.set(q.Id, this.statSeries(ms.Metric, ms.Stat, q.Period ?? ms.Period, start, end, ms.Unit));
    }
    // Metrics Insights queries (SELECT ...) read the stored series directly.
    for (const q of queries) {
      if (q.Expression === undefined || !isInsightsQuery(q.Expression)) continue;
      results.set(q.Id, runInsights(parseInsights(q.Expression), this.series.values(), q.Period ?? 60, start, end));
    }
    const pending = queries.filter((q) => q.Expression !== undefined && !isInsightsQuery(q.Expression));
    // An expression's period: its own, else its metrics' (the shortest), else a minute.
    const metricPeriods = stats.map((q) => q.Period ?? (q.MetricStat as T.MetricStat).Period);
    const basePeriod = metricPeriods.length > 0 ? Math.min(...metricPeriods) : 60;
    let period = basePeriod;
    // Expressions may reference each other: evaluate in rounds until none can progress.
    for (let round = 0; pending.length > 0 && round <= queries.length; round++) {
      for (let i = 0; i < pending.length; i++) {
        const q = pending[i];
        period = q.Period ?? basePeriod;
        try {
          const value = evaluate(q.Expression as string, {
            series: (id) => {
              const v = results.get(id);
              if (v === undefined) {
                if (queries.some((x) => x.Id === id)) throw new Deferred();
                return undefined;
              }
              return v instanceof Map ? v : undefined;
            },
            metrics: (prefix) =>
              stats.filter((x) => prefix === undefined || x.Id.startsWith(prefix)).map((x) => results.get(x.Id) as Series),
            period,
            timestamps: () => grid(start, end, period),
            search: (text, stat, searchPeriod) => this.search(text, stat, searchPeriod, start, end),
          });
          results.set(q.Id, value);
          pending.splice(i--, 1);
        } catch (err) {
          if (!(err instanceof Deferred)) throw err;
          if (round === queries.length) {
            throw invalidParameterValue(`Error in expression '${q.Expression}': Circular dependency between expressions.`);
          }
        }
      }
    }
    return results;
  }

  /** SEARCH(): one statistic of every metric the expression matches (recently active, at most SEARCH_LIMIT). */
  search(expression: string, stat: string, periodSec: number, start: number, end: number): Series[] {
    const matches = searchPredicate(expression);
    const now = clock.now();
    const out: Series[] = [];
    for (const key of this.seriesKeys.from(undefined, true)) {
      const s = this.series.get(key) as MetricSeries;
      if (now - s.lastPut > METRIC_EXPIRY_MS || !matches(s)) continue;
      out.push(this.statSeries({ Namespace: s.namespace, MetricName: s.name, Dimensions: s.dimensions }, stat, periodSec, start, end));
      if (out.length === SEARCH_LIMIT) break;
    }
    return out;
  }

  // ---- alarms

  putAlarm(alarm: Alarm): void {
    const existing = this.alarms.get(alarm.name);
    const now = clock.now();
    if (existing) {
      existing.timer?.cancel();
      alarm.state = existing.state;
      alarm.stateReason = existing.stateReason;
      alarm.stateReasonData = existing.stateReasonData;
      alarm.stateUpdated = existing.stateUpdated;
      alarm.stateTransitioned = existing.stateTransitioned;
      alarm.tags = existing.tags;
    }
    this.alarms.set(alarm.name, alarm);
    this.alarmNames.add(alarm.name);
    this.record(alarm, 'ConfigurationUpdate', `Alarm "${alarm.name}" ${existing ? 'updated' : 'created'}`, {
      version: '1.0',
      type: existing ? 'Update' : 'Create',
      [existing ? 'updatedAlarm' : 'createdAlarm']: { alarmName: alarm.name },
    }, now);
    if (alarm.kind === 'metric') this.schedule(alarm);
    else if (alarm.kind === 'log') scheduleLogAlarm(this, alarm, now);
    else this.evaluateComposite(alarm);
  }

  deleteAlarm(name: string): void {
    const alarm = this.alarms.get(name);
    if (!alarm) return;
    alarm.timer?.cancel();
    this.alarms.delete(name);
    this.alarmNames.delete(name);
    this.record(alarm, 'ConfigurationUpdate', `Alarm "${name}" deleted`, { version: '1.0', type: 'Delete', deletedAlarm: { alarmName: name } }, clock.now());
  }

  private record(alarm: Alarm, type: HistoryItem['type'], summary: string, data: unknown, at: number): void {
    this.history.push({
      alarmName: alarm.name,
      alarmType: alarmType(alarm),
      timestamp: at,
      type,
      summary,
      data: JSON.stringify(data),
    });
  }

  /**
   * The next evaluation: the end of the current period, aligned to the epoch,
   * or (`after` a previous one) the period end after it, so a clock jump
   * evaluates each period it passed; a jump over more periods than the alarm
   * reads evaluates only the last EvaluationPeriods + 1 of them.
   */
  private schedule(alarm: MetricAlarm, after?: number): void {
    const periodMs = (alarm.input.Period ?? 60) * 1000;
    const current = Math.floor(clock.now() / periodMs) * periodMs;
    const earliest = current - ((alarm.input.EvaluationPeriods ?? 1) + 1) * periodMs;
    const at = after === undefined ? current + periodMs : Math.max(after + periodMs, earliest);
    alarm.timer = eventLoop(this.backends).schedule(
      async () => {
        if (this.alarms.get(alarm.name) !== alarm) return;
        await this.evaluateMetricAlarm(alarm, at);
        this.schedule(alarm, at);
      },
      { at, label: `cloudwatch alarm ${alarm.name}` },
    );
  }

  /** Evaluates a metric alarm over the EvaluationPeriods periods that end at `at`. */
  async evaluateMetricAlarm(alarm: MetricAlarm, at: number): Promise<void> {
    const input = alarm.input;
    const n = input.EvaluationPeriods ?? 1;
    const periodSec = input.Period ?? input.Metrics?.find((q) => q.MetricStat)?.MetricStat?.Period ?? 60;
    const periodMs = periodSec * 1000;
    const start = at - n * periodMs;
    let series: Series;
    let band: Series[] | undefined;
    if (input.Metrics) {
      // An anomaly band needs a baseline: its queries read the last day, not only the evaluated periods.
      const from = input.ThresholdMetricId !== undefined ? Math.min(start, at - BAND_BASELINE_MS) : start;
      const results = this.query(input.Metrics, from, at);
      const returned = input.Metrics.find((q) => q.ReturnData !== false && q.Id !== input.ThresholdMetricId) ?? input.Metrics[0];
      const value = results.get(returned.Id);
      series = value instanceof Map ? value : new Map();
      if (input.ThresholdMetricId !== undefined) {
        const b = results.get(input.ThresholdMetricId);
        band = Array.isArray(b) ? b : undefined;
      }
    } else {
      const stat = input.ExtendedStatistic ?? input.Statistic ?? 'Average';
      series = this.statSeries(input, stat, periodSec, start, at, input.Unit);
    }
    const points = Array.from({ length: n }, (_, i) => {
      const t = start + i * periodMs;
      const lower = band?.[0]?.get(t);
      const upper = band?.[1]?.get(t);
      return { t, value: series.get(t), band: lower !== undefined && upper !== undefined ? ([lower, upper] as [number, number]) : undefined };
    });
    const verdict = judge(alarm, points, alarm.state, at);
    await this.setState(alarm, verdict.state, verdict.reason, verdict.reasonData, at);
  }

  /** Moves an alarm to `state` (history, composite parents, actions); a no-op when the state is unchanged. */
  async setState(alarm: Alarm, state: AlarmState, reason: string, reasonData: string | undefined, at = clock.now()): Promise<void> {
    const old = alarm.state;
    const previous: PreviousState = { value: old, reason: alarm.stateReason, reasonData: alarm.stateReasonData, timestamp: alarm.stateUpdated };
    alarm.stateReason = reason;
    alarm.stateReasonData = reasonData;
    if (old === state) return;
    alarm.state = state;
    alarm.stateUpdated = at;
    alarm.stateTransitioned = at;
    this.record(alarm, 'StateUpdate', `Alarm updated from ${old} to ${state}`, {
      version: '1.0',
      oldState: { stateValue: old },
      newState: { stateValue: state, stateReason: reason, ...(reasonData ? { stateReasonData: JSON.parse(reasonData) } : {}) },
    }, at);
    for (const parent of this.alarms.values()) {
      if (parent.kind === 'composite' && parent !== alarm) this.evaluateComposite(parent);
    }
    await this.act(alarm, previous);
  }

  evaluateComposite(alarm: CompositeAlarm): void {
    const stateOf = (ref: string) => {
      const name = ref.startsWith('arn:') ? parseArn(ref)?.resource.replace(/^alarm:/, '') : ref;
      return name === undefined ? undefined : this.alarms.get(name)?.state;
    };
    const firing = evaluateRule(alarm.rule, stateOf);
    const state: AlarmState = firing ? 'ALARM' : 'OK';
    const reason = `AlarmRule ${alarm.input.AlarmRule} evaluated to ${firing ? 'TRUE' : 'FALSE'}`;
    void this.setState(alarm, state, reason, undefined);
  }

  /**
   * Delivers the new state's actions: SNS topics get the alarm notification,
   * Lambda functions are invoked asynchronously with the alarm event; other
   * kinds (Auto Scaling, EC2, SSM) are recorded as failed actions.
   */
  private async act(alarm: Alarm, previous: PreviousState): Promise<void> {
    if (!alarm.actionsEnabled || this.muted(alarm.name, clock.now())) return;
    const actions =
      alarm.state === 'ALARM' ? alarm.alarmActions : alarm.state === 'OK' ? alarm.okActions : alarm.insufficientDataActions;
    if (actions.length === 0) return;
    const { subject, message } = notification(alarm, previous.value, this.account, this.region);
    for (const action of actions) {
      const target = parseArn(action);
      let ok = false;
      let why = '';
      try {
        if (target?.service === 'sns') {
          const sns = await this.backends.get<SnsPublisher>('sns', target.account, target.region);
          await sns.publish(action, message, { subject });
          ok = true;
        } else if (target?.service === 'lambda') {
          const lambda = await this.backends.get<LambdaInvoker>('lambda', target.account, target.region);
          await lambda.invoke(action, lambdaEvent(alarm, previous, this.account, this.region), { invocationType: 'Event' });
          ok = true;
        } else {
          why = 'mockaws delivers SNS and Lambda alarm actions only';
        }
      } catch (err) {
        why = err instanceof Error ? err.message : String(err);
      }
      this.record(
        alarm,
        'Action',
        ok ? `Successfully executed action ${action}` : `Failed to execute action ${action}. Received error: "${why}"`,
        { actionState: ok ? 'Succeeded' : 'Failed', stateUpdateTimestamp: alarm.stateUpdated, ...(ok ? {} : { error: why }) },
        clock.now(),
      );
    }
  }

  /** Whether an ACTIVE mute rule targets the alarm at `now`. */
  muted(alarmName: string, now: number): boolean {
    for (const rule of this.muteRules.values()) {
      if (targets(rule, alarmName) && muteStatus(rule, now) === 'ACTIVE') return true;
    }
    return false;
  }

  /**
   * Deletes a mute rule. AWS: "any alarms that are currently being muted by
   * that rule are immediately unmuted. If those alarms are in an ALARM state,
   * their configured actions will trigger."
   */
  async deleteMuteRule(name: string): Promise<void> {
    const rule = this.muteRules.get(name);
    if (!rule) return;
    const now = clock.now();
    const wasActive = muteStatus(rule, now) === 'ACTIVE';
    this.muteRules.delete(name);
    this.muteRuleNames.delete(name);
    this.resourceTags.delete(rule.arn);
    if (!wasActive) return;
    for (const alarmName of rule.input.MuteTargets?.AlarmNames ?? []) {
      const alarm = this.alarms.get(alarmName);
      if (alarm?.state !== 'ALARM') continue;
      await this.act(alarm, { value: alarm.state, reason: alarm.stateReason, reasonData: alarm.stateReasonData, timestamp: alarm.stateUpdated });
    }
  }
}

class Deferred extends Error {}
