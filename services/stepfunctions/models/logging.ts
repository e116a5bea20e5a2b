/**
 * Execution history to CloudWatch Logs, as a state machine's
 * loggingConfiguration asks: level ALL logs every event, ERROR the failures,
 * FATAL the execution's own failures; includeExecutionData keeps inputs and
 * outputs. Events go to the log group of the destination ARN through the
 * Logs backend's appendEvents, in a stream per execution.
 */
import type { HistoryEvent } from '../types';
import type { StepFunctionsBackend } from './backend';
import type { Execution } from './resources';

interface LogsApi {
  appendEvents(group: string, stream: string, events: { timestamp: number; message: string }[]): void;
}

const FATAL = new Set(['ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);
const isError = (type: string) => FATAL.has(type) || /(Failed|TimedOut|Aborted)$/.test(type);

export function logEvent(backend: StepFunctionsBackend, exec: Execution, e: HistoryEvent): void {
  const config = exec.revision.loggingConfiguration;
  const level = config.level ?? 'OFF';
  if (level === 'OFF' || (level === 'ERROR' && !isError(e.type)) || (level === 'FATAL' && !FATAL.has(e.type))) return;
  for (const d of config.destinations ?? []) {
    const arn = d.cloudWatchLogsLogGroup?.logGroupArn;
    const m = arn ? /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(arn) : null;
    if (!m) continue;
    const { type, id, previousEventId, timestamp, ...rest } = e;
    const details = Object.values(rest)[0] as Record<string, unknown> | undefined;
    const shown = config.includeExecutionData || !details ? details : Object.fromEntries(Object.entries(details).filter(([k]) => !['input', 'output', 'parameters'].includes(k)));
    const message = JSON.stringify({
      id: String(id),
      type,
      details: shown ?? {},
      previous_event_id: String(previousEventId ?? 0),
      event_timestamp: String(timestamp.getTime()),
      execution_arn: exec.arn,
    });
    const stream = `states/${exec.machine.name}/${exec.startDate.toISOString().slice(0, 10)}/${exec.name}`;
    backend.backends
      .get<LogsApi>('logs', m[2], m[1])
      .then((logs) => logs.appendEvents(m[3], stream, [{ timestamp: timestamp.getTime(), message }]))
      .catch(() => undefined); // a missing logs backend loses the line, never the execution
  }
}
