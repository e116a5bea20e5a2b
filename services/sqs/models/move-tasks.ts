/**
 * Message move tasks (dead-letter queue redrive). Without a rate a task moves
 * everything at once and completes; with MaxNumberOfMessagesPerSecond it
 * moves rate × elapsed clock seconds, advanced lazily whenever the tasks are
 * looked at, so fake timers can watch a task run, be cancelled, or finish.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidParameterValue, resourceNotFound } from '../exceptions';
import type { SqsBackend } from './backend';
import type { Queue } from './queue';

export type TaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTask {
  handle: string;
  status: TaskStatus;
  sourceArn: string;
  destinationArn?: string;
  rate?: number;
  moved: number;
  toMove: number;
  startedAt: number;
  failureReason?: string;
}

export class MoveTasks {
  private readonly tasks: MoveTask[] = [];

  constructor(private readonly backend: SqsBackend) {}

  start(sourceArn: string, destinationArn: string | undefined, rate: number | undefined): MoveTask {
    const source = this.backend.byArn(sourceArn);
    if (!source) throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    if (this.backend.deadLetterSources(sourceArn).length === 0) {
      throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    }
    if (destinationArn !== undefined && !this.backend.byArn(destinationArn)) {
      throw resourceNotFound('The resource that you specified for the DestinationArn parameter doesn\'t exist.');
    }
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw invalidParameterValue('Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.');
    }
    this.advance();
    if (this.tasks.some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
      throw new AwsError(
        'UnsupportedOperation',
        'There is already a task running. Only one active task is allowed for each source queue arn at a given time.',
      );
    }
    const now = clock.now();
    const task: MoveTask = {
      handle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64'),
      status: 'RUNNING',
      sourceArn,
      destinationArn,
      rate,
      moved: 0,
      toMove: source.store.size,
      startedAt: now,
    };
    this.tasks.unshift(task);
    this.step(task, source, now);
    return task;
  }

  list(sourceArn: string): MoveTask[] {
    if (!this.backend.byArn(sourceArn)) {
      throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    }
    this.advance();
    return this.tasks.filter((t) => t.sourceArn === sourceArn);
  }

  cancel(handle: string): MoveTask {
    this.advance();
    const task = this.tasks.find((t) => t.handle === handle);
    if (task?.status !== 'RUNNING') throw resourceNotFound('Task does not exist.');
    task.status = 'CANCELLED';
    return task;
  }

  /** Brings every running task up to the current clock. */
  advance(): void {
    if (this.tasks.length === 0) return;
    const now = clock.now();
    for (const task of this.tasks) {
      if (task.status !== 'RUNNING') continue;
      const source = this.backend.byArn(task.sourceArn);
      if (!source) {
        task.status = 'FAILED';
        task.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
        continue;
      }
      this.step(task, source, now);
    }
  }

  private step(task: MoveTask, source: Queue, now: number): void {
    source.refresh(now);
    const allowed = task.rate === undefined ? Number.POSITIVE_INFINITY : Math.floor(((now - task.startedAt) / 1000) * task.rate);
    for (const msg of source.store.inOrder()) {
      if (task.moved >= allowed) return;
      if (msg.state !== 'visible') continue;
      const target = this.backend.byArn(task.destinationArn ?? msg.deadLetterSourceArn ?? '');
      if (!target) continue;
      source.store.remove(msg);
      target.acceptMoved(msg, undefined, now);
      task.moved++;
    }
    task.status = 'COMPLETED';
  }
}
