/** The resources of Step Functions: state machines with their versions and aliases, activities, executions. */
import type { MachineDef } from '../interpreter/definition';
import type { Runtime, Thread } from '../interpreter/runtime';
import type { LoggingConfiguration, RoutingConfigurationListItem, TracingConfiguration } from '../types';

export interface Revision {
  definition: string;
  def: MachineDef;
  roleArn: string;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  revisionId: string;
}

export interface StateMachineVersion extends Revision {
  arn: string;
  version: number;
  description?: string;
  creationDate: Date;
}

export interface StateMachineAlias {
  name: string;
  arn: string;
  description?: string;
  routing: RoutingConfigurationListItem[];
  creationDate: Date;
  updateDate: Date;
}

export interface StateMachine extends Revision {
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: Date;
  updateDate?: Date;
  description?: string;
  tags: Map<string, string>;
  versions: Map<number, StateMachineVersion>;
  nextVersion: number;
  aliases: Map<string, StateMachineAlias>;
  /** Its executions, oldest first (ListExecutions pages from the end). */
  executions: Execution[];
}

export interface ActivityTask {
  token: string;
  input: string;
  /** False once its execution ended or the task timed out (a worker never gets it then). */
  live: () => boolean;
  started: (worker: string) => void;
}

export interface Activity {
  name: string;
  arn: string;
  creationDate: Date;
  tags: Map<string, string>;
  queue: ActivityTask[];
  pollers: Array<(task: ActivityTask | undefined) => void>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface Execution {
  arn: string;
  name: string;
  machine: StateMachine;
  revision: Revision;
  versionArn?: string;
  aliasArn?: string;
  type: 'STANDARD' | 'EXPRESS';
  input: string;
  traceHeader?: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  rt: Runtime;
  /** The main thread (where a redrive restarts). */
  thread?: Thread;
  redriveCount: number;
  redriveDate?: Date;
  mapRuns: MapRun[];
  /** Callers waiting for the end (StartSyncExecution, .sync parents). */
  listeners: Array<() => void>;
}

export interface MapRun {
  arn: string;
  execution: Execution;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  counts: { pending: number; running: number; succeeded: number; failed: number; total: number };
}

/** A task on a service mockaws does not run, waiting for the test to answer it. */
export interface RecordedTask {
  executionArn: string;
  resource: string;
  parameters: unknown;
  /** Ends the task with this result (what the service would have answered). */
  succeed(output: unknown): void;
  /** Ends the task with this error. */
  fail(error: string, cause?: string): void;
}
