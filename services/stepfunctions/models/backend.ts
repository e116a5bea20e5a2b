/**
 * StepFunctionsBackend: state machines (with versions and aliases),
 * activities and executions for one account and region, and the task
 * tokens running executions wait on. Executions run on the core event loop
 * (models/run.ts, interpreter/).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { activityNotFound, executionExists, executionNotFound, invalidArn, invalidInput, machineNotFound, notFound, notRedrivable, taskNotFound, taskTimedOut, invalidToken } from '../exceptions';
import { StatesError } from '../interpreter/errors';
import type { MapRunConfig, MapRunRecord, TaskTokenWaiter } from '../interpreter/host';
import { Runtime } from '../interpreter/runtime';
import type { Activity, ActivityTask, Execution, MapRun, RecordedTask, Revision, StateMachine, StateMachineAlias, StateMachineVersion } from './resources';
import { launch } from './run';

interface TokenEntry {
  exec: Execution;
  waiter: TaskTokenWaiter;
}

export class StepFunctionsBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly machines = new Map<string, StateMachine>();
  readonly activities = new Map<string, Activity>();
  readonly executions = new Map<string, Execution>();
  readonly tokens = new Map<string, TokenEntry>();
  private readonly closedTokens = new Set<string>();
  readonly mapRuns = new Map<string, MapRun>();
  /** Tasks on services mockaws does not run (ECS, Batch, Glue...), oldest first, until the test answers them. */
  readonly recordedTasks: RecordedTask[] = [];

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  arn(resource: string): string {
    return arn({ service: 'states', region: this.region, account: this.account, resource });
  }

  // ---- state machines, versions, aliases ----

  /** A state machine by its ARN; InvalidArn when the ARN is not one, StateMachineDoesNotExist when it is gone. */
  machine(machineArn: string): StateMachine {
    const m = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/.exec(machineArn);
    if (!m) throw invalidArn(machineArn);
    const found = this.machines.get(machineArn);
    if (!found) throw machineNotFound(machineArn);
    return found;
  }

  /**
   * What a StartExecution ARN names: the state machine, one of its versions
   * (`…:3`) or an alias (`…:prod`, which picks a version by weight).
   */
  resolve(target: string): { machine: StateMachine; revision: Revision; version?: StateMachineVersion; alias?: StateMachineAlias } {
    const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+)(?::([^:]+))?$/.exec(target);
    if (!m) throw invalidArn(target);
    const machine = this.machines.get(m[1]);
    if (!machine) throw machineNotFound(target);
    if (m[2] === undefined) return { machine, revision: machine };
    if (/^\d+$/.test(m[2])) {
      const version = machine.versions.get(Number(m[2]));
      if (!version) throw notFound(`State Machine Version Does Not Exist: '${target}'`);
      return { machine, revision: version, version };
    }
    const alias = machine.aliases.get(m[2]);
    if (!alias) throw notFound(`Resource not found: '${target}'`);
    const versionArn = pickWeighted(alias.routing);
    const version = machine.versions.get(Number(versionArn.split(':').pop()));
    if (!version) throw notFound(`State Machine Version Does Not Exist: '${versionArn}'`);
    return { machine, revision: version, version, alias };
  }

  /** DescribeStateMachine's target: a state machine or one of its versions. */
  resolveDescribable(target: string): { machine: StateMachine; version?: StateMachineVersion } {
    const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+)(?::(\d+))?$/.exec(target);
    if (!m) throw invalidArn(target);
    const machine = this.machines.get(m[1]);
    if (!machine) throw machineNotFound(target);
    if (m[2] === undefined) return { machine };
    const version = machine.versions.get(Number(m[2]));
    if (!version) throw machineNotFound(target);
    return { machine, version };
  }

  publish(machine: StateMachine, description?: string): StateMachineVersion {
    const latest = [...machine.versions.values()].pop();
    if (latest && latest.revisionId === machine.revisionId && latest.description === description) return latest;
    const version: StateMachineVersion = {
      arn: `${machine.arn}:${machine.nextVersion}`,
      version: machine.nextVersion++,
      definition: machine.definition,
      def: machine.def,
      roleArn: machine.roleArn,
      loggingConfiguration: machine.loggingConfiguration,
      tracingConfiguration: machine.tracingConfiguration,
      revisionId: machine.revisionId,
      description,
      creationDate: clock.date(),
    };
    machine.versions.set(version.version, version);
    return version;
  }

  // ---- activities ----

  activity(activityArn: string): Activity {
    if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/.test(activityArn)) throw invalidArn(activityArn);
    const found = this.activities.get(activityArn);
    if (!found) throw activityNotFound(activityArn);
    return found;
  }

  /** Hands the task to a waiting GetActivityTask, else queues it; returns what withdraws it. */
  queueActivityTask(activityArn: string, task: ActivityTask): () => void {
    const activity = this.activities.get(activityArn);
    if (!activity) {
      // the state fails when its activity is gone
      throw new StatesError('States.Runtime', `Activity Does Not Exist: '${activityArn}'`);
    }
    const poller = activity.pollers.shift();
    if (poller) poller(task);
    else activity.queue.push(task);
    return () => {
      const i = activity.queue.indexOf(task);
      if (i >= 0) activity.queue.splice(i, 1);
    };
  }

  /** GetActivityTask: a queued task now, else wait up to 60 s of clock time for one (then no token). */
  takeActivityTask(activity: Activity, worker: string): Promise<ActivityTask | undefined> {
    while (activity.queue.length && !activity.queue[0].live()) activity.queue.shift();
    const now = activity.queue.shift();
    if (now) {
      now.started(worker);
      return Promise.resolve(now);
    }
    return new Promise((resolve) => {
      const poll = (task: ActivityTask | undefined) => {
        handle.cancel();
        if (task) task.started(worker);
        resolve(task);
      };
      const handle = eventLoop(this.backends).schedule(
        () => {
          const i = activity.pollers.indexOf(poll);
          if (i >= 0) activity.pollers.splice(i, 1);
          resolve(undefined);
        },
        { at: clock.now() + 60_000, label: 'stepfunctions:activity-poll' },
      );
      activity.pollers.push(poll);
    });
  }

  // ---- task tokens ----

  registerToken(token: string, exec: Execution, waiter: TaskTokenWaiter): () => void {
    this.tokens.set(token, { exec, waiter });
    return () => {
      this.tokens.delete(token);
      this.closedTokens.add(token);
    };
  }

  /**
   * The waiter behind a token a caller sent back: InvalidToken for a
   * malformed one, TaskTimedOut for one whose task has closed (answered,
   * timed out, execution ended), TaskDoesNotExist for one never issued.
   */
  token(token: string): TaskTokenWaiter {
    const entry = this.tokens.get(token);
    if (entry && entry.exec.status === 'RUNNING') return entry.waiter;
    if (!/^[A-Za-z0-9_-]{100,}$/.test(token)) throw invalidToken();
    if (entry || this.closedTokens.has(token)) throw taskTimedOut();
    throw taskNotFound();
  }

  // ---- executions ----

  execution(executionArn: string): Execution {
    if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution|express):[^:]+:[^:]+$/.test(executionArn)) throw invalidArn(executionArn);
    const found = this.executions.get(executionArn);
    if (!found) throw executionNotFound(executionArn);
    return found;
  }

  startExecution(target: string, options: { name?: string; input?: string; traceHeader?: string }): Execution {
    const { machine, revision, version, alias } = this.resolve(target);
    const name = options.name ?? randomUUID();
    const input = options.input ?? '{}';
    try {
      JSON.parse(input);
    } catch (err) {
      throw invalidInput((err as Error).message);
    }
    const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
    const execArn = this.arn(`${kind}:${machine.name}:${name}`);
    const existing = this.executions.get(execArn);
    if (existing) {
      // a STANDARD start with the same name and input while it runs is idempotent
      if (existing.status === 'RUNNING' && existing.input === input && machine.type === 'STANDARD') return existing;
      throw executionExists(execArn);
    }
    const exec: Execution = {
      arn: execArn,
      name,
      machine,
      revision,
      versionArn: version?.arn,
      aliasArn: alias?.arn,
      type: machine.type,
      input,
      traceHeader: options.traceHeader,
      status: 'RUNNING',
      startDate: clock.date(),
      rt: new Runtime(this.backends),
      redriveCount: 0,
      mapRuns: [],
      listeners: [],
    };
    this.executions.set(execArn, exec);
    machine.executions.push(exec);
    launch(this, exec);
    return exec;
  }

  /** states:startExecution from a running execution; `done` hears of the child's end (.sync). */
  async startChildExecution(input: Record<string, unknown>, done?: (describe: Record<string, unknown>) => void): Promise<Record<string, unknown>> {
    const target = String(input.StateMachineArn ?? '');
    const where = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):/.exec(target);
    const backend = where && (where[1] !== this.region || where[2] !== this.account) ? await this.backends.get<StepFunctionsBackend>('stepfunctions', where[2], where[1]) : this;
    const child = backend.startExecution(target, { name: input.Name as string | undefined, input: (input.Input as string | undefined) ?? '{}' });
    if (done) child.listeners.push(() => done(describeExecution(child)));
    return { ExecutionArn: child.arn, StartDate: child.startDate };
  }

  /** RedriveExecution: the execution runs again from the state it failed in, history kept. */
  redrive(exec: Execution): Date {
    const from = exec.thread;
    if (!from?.at) throw notRedrivable(`Execution is not redrivable: '${exec.arn}'`);
    exec.status = 'RUNNING';
    exec.redriveCount++;
    exec.redriveDate = clock.date();
    exec.stopDate = exec.output = exec.error = exec.cause = undefined;
    exec.rt.revive();
    launch(this, exec, { from });
    return exec.redriveDate;
  }

  /** A distributed Map of `exec` starts: its map run, whose counts follow the iterations. */
  startMapRun(exec: Execution, label: string, config: MapRunConfig): MapRunRecord {
    const run: MapRun = {
      arn: this.arn(`mapRun:${exec.machine.name}/${label}:${randomUUID()}`),
      execution: exec,
      status: 'RUNNING',
      startDate: clock.date(),
      maxConcurrency: config.maxConcurrency,
      toleratedFailureCount: config.toleratedFailureCount,
      toleratedFailurePercentage: config.toleratedFailurePercentage,
      counts: { pending: config.total, running: 0, succeeded: 0, failed: 0, total: config.total },
    };
    exec.mapRuns.push(run);
    this.mapRuns.set(run.arn, run);
    return {
      arn: run.arn,
      item: (outcome) => {
        const c = run.counts;
        if (outcome === 'running') {
          c.pending--;
          c.running++;
        } else {
          c.running--;
          c[outcome]++;
        }
      },
      end: (status) => {
        run.status = status;
        run.stopDate = clock.date();
      },
    };
  }

  mapRun(mapRunArn: string): MapRun {
    if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:mapRun:[^:]+\/[^:]+:[^:]+$/.test(mapRunArn)) throw invalidArn(mapRunArn);
    const found = this.mapRuns.get(mapRunArn);
    if (!found) throw notFound(`Resource not found: '${mapRunArn}'`);
    return found;
  }

  recordTask(exec: Execution, task: { resource: string; parameters: unknown; resume(output: unknown): void; fail(error: string, cause: string): void }): () => void {
    const entry: RecordedTask = {
      executionArn: exec.arn,
      resource: task.resource,
      parameters: task.parameters,
      succeed: (output) => {
        withdraw();
        task.resume(output);
      },
      fail: (error, cause = '') => {
        withdraw();
        task.fail(error, cause);
      },
    };
    const withdraw = () => {
      const i = this.recordedTasks.indexOf(entry);
      if (i >= 0) this.recordedTasks.splice(i, 1);
    };
    this.recordedTasks.push(entry);
    return withdraw;
  }

  /** Resolves when `exec` ends. */
  finished(exec: Execution): Promise<void> {
    if (exec.status !== 'RUNNING') return Promise.resolve();
    return new Promise((resolve) => exec.listeners.push(resolve));
  }
}

export function describeExecution(e: Execution): Record<string, unknown> {
  return {
    executionArn: e.arn,
    stateMachineArn: e.machine.arn,
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    stopDate: e.stopDate,
    input: e.input,
    inputDetails: { included: true },
    output: e.output,
    outputDetails: e.output !== undefined ? { included: true } : undefined,
    error: e.error,
    cause: e.cause,
    traceHeader: e.traceHeader,
    stateMachineVersionArn: e.versionArn,
    stateMachineAliasArn: e.aliasArn,
    redriveCount: e.type === 'STANDARD' ? e.redriveCount : undefined,
    redriveDate: e.redriveDate,
  };
}

function pickWeighted(routing: { stateMachineVersionArn: string; weight: number }[]): string {
  const total = routing.reduce((s, r) => s + r.weight, 0);
  let x = Math.random() * total;
  for (const r of routing) {
    x -= r.weight;
    if (x < 0) return r.stateMachineVersionArn;
  }
  return routing[routing.length - 1].stateMachineVersionArn;
}
