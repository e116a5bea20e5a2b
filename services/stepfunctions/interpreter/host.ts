/** What the interpreter needs from the service around it (the backend implements it per execution). */
import type { BackendAccess } from '../../../src/core/service';
import type { Runtime, Signal } from './runtime';

export interface TaskTokenWaiter {
  resume(output: unknown): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
}

export interface ExecutionHost {
  rt: Runtime;
  account: string;
  region: string;
  backends: BackendAccess;
  /** The static part of the context object ($$.Execution, $$.StateMachine). */
  context: { Execution: Record<string, unknown>; StateMachine: Record<string, unknown> };
  /** Registers a token SendTaskSuccess/Failure/Heartbeat can reach; returns what unregisters it. */
  registerToken(token: string, waiter: TaskTokenWaiter): () => void;
  /** Queues a task for an activity's workers; returns what withdraws it. */
  scheduleActivity(activityArn: string, token: string, input: string, started: (worker: string) => void): () => void;
  /**
   * Starts an execution of another state machine (states:startExecution);
   * `done` hears of its end (for .sync).
   */
  startExecution(input: Record<string, unknown>, done?: (describe: Record<string, unknown>) => void): Promise<Record<string, unknown>>;
  signal: Signal;
  /** A distributed Map's run, recorded for DescribeMapRun / ListMapRuns. */
  startMapRun?(label: string, config: MapRunConfig): MapRunRecord;
  /**
   * A task on a service mockaws does not run (ECS, Batch, Glue...): recorded
   * for the test, which answers it (RecordedTask.succeed / fail).
   */
  recordTask?(task: { resource: string; parameters: unknown; resume(output: unknown): void; fail(error: string, cause: string): void }): () => void;
  /** TestState: one attempt, no retry wait (a matching retrier makes the state RETRIABLE). */
  singleAttempt?: boolean;
  /** TestState's mock: the Task's result or error instead of calling the resource. */
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
  /** TestState's inspection data: each processing step's value. */
  inspect?(step: string, value: unknown): void;
}

export interface MapRunConfig {
  total: number;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

export interface MapRunRecord {
  arn: string;
  item(outcome: 'running' | 'succeeded' | 'failed'): void;
  end(status: 'SUCCEEDED' | 'FAILED' | 'ABORTED'): void;
}
