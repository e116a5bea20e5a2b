/**
 * Log alarms (PutLogAlarm): on each run of the schedule (`rate(...)`, on the
 * core clock) the alarm's Logs Insights query runs in the Logs backend over
 * [run - StartTimeOffset, run - EndTimeOffset], followed by
 * `| stats <AggregationExpression>`; every aggregated value of the result is
 * compared with the threshold (a result breaches when one of its values
 * does). The alarm is ALARM when QueryResultsToAlarm of the latest
 * QueryResultsToEvaluate results breach; results without a value are missing
 * data, treated as TreatMissingData says.
 */
import { eventLoop } from '../../../src/core/events';
import { COMPARE, type AlarmState, type LogAlarm, WORDS } from './alarms';
import type { CloudWatchBackend } from './backend';

const RATE = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The schedule's interval in ms, or undefined when it is not a rate() expression (singular unit exactly for 1). */
export function rateMs(expression: string): number | undefined {
  const m = RATE.exec(expression);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].replace(/s$/, '');
  if (n < 1 || (n === 1) !== (m[2] === unit)) return undefined;
  return n * UNIT_MS[unit];
}

interface QueryResults {
  results?: Array<Array<{ field?: string; value?: string }>>;
}

/** One run of the query: the aggregated values (fields named like `count(*)`, `avg(x)`) of every row. */
async function runQuery(backend: CloudWatchBackend, alarm: LogAlarm, at: number): Promise<number[]> {
  const q = alarm.input.ScheduledQueryConfiguration;
  const scope = { account: backend.account, region: backend.region };
  const { queryId } = (await backend.backends.call('logs', 'StartQuery', {
    logGroupIdentifiers: q.LogGroupIdentifiers,
    startTime: Math.floor((at - q.ScheduleConfiguration.StartTimeOffset * 1000) / 1000),
    endTime: Math.floor((at - (q.ScheduleConfiguration.EndTimeOffset ?? 0) * 1000) / 1000) - 1,
    queryString: `${q.QueryString} | stats ${q.AggregationExpression}`,
  }, scope)) as { queryId: string };
  const out = (await backend.backends.call('logs', 'GetQueryResults', { queryId }, scope)) as QueryResults;
  const values: number[] = [];
  for (const row of out.results ?? []) {
    for (const cell of row) {
      if (cell.field?.includes('(') && cell.value !== undefined && Number.isFinite(Number(cell.value))) values.push(Number(cell.value));
    }
  }
  return values;
}

/** Runs the query, keeps the result and judges the latest QueryResultsToEvaluate results. */
export async function evaluateLogAlarm(backend: CloudWatchBackend, alarm: LogAlarm, at: number): Promise<void> {
  let values: number[] = [];
  try {
    values = await runQuery(backend, alarm, at);
  } catch {
    // A query that fails (a log group deleted since) gives no value: missing data.
  }
  const input = alarm.input;
  alarm.results.push({ at, values });
  if (alarm.results.length > input.QueryResultsToEvaluate) alarm.results.splice(0, alarm.results.length - input.QueryResultsToEvaluate);
  const compare = COMPARE[input.ComparisonOperator];
  const treat = input.TreatMissingData ?? 'missing';
  const present = alarm.results.filter((r) => r.values.length > 0);
  let state: AlarmState;
  let breaching = 0;
  if (present.length === 0) {
    if (treat === 'ignore') return;
    state = treat === 'breaching' ? 'ALARM' : treat === 'notBreaching' ? 'OK' : 'INSUFFICIENT_DATA';
  } else {
    breaching = present.filter((r) => r.values.some((v) => compare(v, input.Threshold))).length;
    if (treat === 'breaching') breaching += alarm.results.length - present.length;
    state = breaching >= input.QueryResultsToAlarm ? 'ALARM' : 'OK';
  }
  const shown = alarm.results.map((r) => (r.values.length ? r.values.join(', ') : 'missing')).join('; ');
  const reason =
    state === 'INSUFFICIENT_DATA'
      ? `Insufficient Data: the last ${alarm.results.length} query results returned no value.`
      : `Threshold Crossed: ${breaching} out of the last ${alarm.results.length} query results [${shown}] ${breaching === 1 ? 'was' : 'were'} ${WORDS[input.ComparisonOperator]} the threshold (${input.Threshold}) (minimum ${input.QueryResultsToAlarm} query results for ALARM transition).`;
  await backend.setState(alarm, state, reason, JSON.stringify({ version: '1.0', queryResults: alarm.results.map((r) => ({ timestamp: new Date(r.at).toISOString(), values: r.values })), threshold: input.Threshold }), at);
}

/** Schedules the next run, one interval after `after` (the alarm's creation at first). */
export function scheduleLogAlarm(backend: CloudWatchBackend, alarm: LogAlarm, after: number): void {
  const interval = rateMs(alarm.input.ScheduledQueryConfiguration.ScheduleConfiguration.ScheduleExpression) as number;
  const at = after + interval;
  alarm.timer = eventLoop(backend.backends).schedule(
    async () => {
      if (backend.alarms.get(alarm.name) !== alarm) return;
      await evaluateLogAlarm(backend, alarm, at);
      scheduleLogAlarm(backend, alarm, at);
    },
    { at, label: `cloudwatch log alarm ${alarm.name}` },
  );
}
