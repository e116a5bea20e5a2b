/**
 * Run Command: commands and their per-instance invocations. Nothing runs on
 * an instance here; each invocation ends with the outcome the test set
 * (`setOutcome`), Success with empty output by default.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';

export interface CommandOutcome {
  status: 'Success' | 'Failed' | 'TimedOut' | 'Cancelled';
  responseCode: number;
  stdout: string;
  stderr: string;
}

export interface Invocation {
  instanceId: string;
  status: string;
  statusDetails: string;
  responseCode: number;
  stdout: string;
  stderr: string;
  startedAt: number;
  endedAt: number;
  pluginName: string;
}

export interface CommandRecord {
  commandId: string;
  documentName: string;
  documentVersion: string;
  comment?: string;
  parameters: Record<string, string[]>;
  instanceIds: string[];
  targets: { Key?: string; Values?: string[] }[];
  requestedAt: number;
  expiresAt: number;
  status: string;
  timeoutSeconds?: number;
  maxConcurrency: string;
  maxErrors: string;
  outputS3BucketName?: string;
  outputS3KeyPrefix?: string;
  outputS3Region?: string;
  serviceRole?: string;
  invocations: Invocation[];
}

export type OutcomeRule = Partial<CommandOutcome> | ((command: CommandRecord, instanceId: string) => Partial<CommandOutcome>);

const DEFAULT_OUTCOME: CommandOutcome = { status: 'Success', responseCode: 0, stdout: '', stderr: '' };

export class CommandStore {
  readonly commands: CommandRecord[] = [];
  readonly byId = new Map<string, CommandRecord>();
  private outcome: OutcomeRule = DEFAULT_OUTCOME;

  /** What the next commands' invocations end with: fixed, or computed per command and instance. */
  setOutcome(rule: OutcomeRule): void {
    this.outcome = rule;
  }

  private outcomeFor(command: CommandRecord, instanceId: string): CommandOutcome {
    const partial = typeof this.outcome === 'function' ? this.outcome(command, instanceId) : this.outcome;
    return { ...DEFAULT_OUTCOME, ...partial };
  }

  send(fields: Omit<CommandRecord, 'commandId' | 'requestedAt' | 'expiresAt' | 'status' | 'invocations'>, pluginName: string): CommandRecord {
    const now = clock.now();
    const command: CommandRecord = {
      ...fields,
      commandId: randomUUID(),
      requestedAt: now,
      expiresAt: now + (fields.timeoutSeconds ?? 3600) * 1000,
      status: 'Success',
      invocations: [],
    };
    for (const instanceId of fields.instanceIds) {
      const o = this.outcomeFor(command, instanceId);
      command.invocations.push({
        instanceId,
        status: o.status,
        statusDetails: o.status === 'TimedOut' ? 'DeliveryTimedOut' : o.status,
        responseCode: o.responseCode,
        stdout: o.stdout,
        stderr: o.stderr,
        startedAt: now,
        endedAt: now,
        pluginName,
      });
    }
    // The command's status sums its invocations' (Run Command user guide, "Understanding command statuses").
    const statuses = command.invocations.map((i) => i.status);
    command.status = statuses.every((s) => s === 'Success') ? 'Success' : statuses.includes('Failed') ? 'Failed' : statuses.includes('TimedOut') ? 'TimedOut' : 'Cancelled';
    this.commands.push(command);
    this.byId.set(command.commandId, command);
    return command;
  }
}
