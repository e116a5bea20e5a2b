/**
 * Retry and Catch: which retrier or catcher an error matches, and how long
 * a retry waits (IntervalSeconds × BackoffRate^attempt, capped by
 * MaxDelaySeconds, FULL jitter picking a random share of it).
 */
import { StatesError } from './errors';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
}

const TIMEOUTS = new Set(['States.Timeout', 'States.HeartbeatTimeout']);
/** Errors nothing catches: they always fail the execution. */
const TERMINAL = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/** Whether `names` (an ErrorEquals list) matches `error`. */
export function errorMatches(names: string[], error: string): boolean {
  if (TERMINAL.has(error)) return false;
  return names.some(
    (n) =>
      n === error ||
      n === 'States.ALL' ||
      (n === 'States.TaskFailed' && !TIMEOUTS.has(error)) ||
      (n === 'States.Timeout' && error === 'States.HeartbeatTimeout'),
  );
}

export function asStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  return new StatesError('States.Runtime', err instanceof Error ? err.message : String(err));
}

/** The wait before retry number `attempt` (0-based), in ms; undefined when the retrier is exhausted. */
export function retryDelay(r: Retrier, attempt: number, random = Math.random): number | undefined {
  if (attempt >= (r.MaxAttempts ?? 3)) return undefined;
  let seconds = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** attempt;
  if (r.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
