/** StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask (dead-letter redrive). */
import type { MoveTask } from '../models/move-tasks';
import type * as T from '../types';
import { type Ctx, checkRange, requireMembers } from './common';

export function startMessageMoveTask(input: T.StartMessageMoveTaskRequest, ctx: Ctx) {
  requireMembers(input, 'SourceArn');
  const task = ctx.backend.moveTasks.start(input.SourceArn, input.DestinationArn, input.MaxNumberOfMessagesPerSecond);
  return { TaskHandle: task.handle };
}

function entry(t: MoveTask) {
  return {
    TaskHandle: t.status === 'RUNNING' ? t.handle : undefined,
    Status: t.status,
    SourceArn: t.sourceArn,
    DestinationArn: t.destinationArn,
    MaxNumberOfMessagesPerSecond: t.rate,
    ApproximateNumberOfMessagesMoved: t.moved,
    ApproximateNumberOfMessagesToMove: t.toMove,
    FailureReason: t.failureReason,
    StartedTimestamp: t.startedAt,
  };
}

export function listMessageMoveTasks(input: T.ListMessageMoveTasksRequest, ctx: Ctx) {
  requireMembers(input, 'SourceArn');
  checkRange(input.MaxResults, 'MaxResults', 1, 10, 'MaxResults must be an integer between 1 and 10.');
  const tasks = ctx.backend.moveTasks.list(input.SourceArn).slice(0, input.MaxResults ?? 1);
  return { Results: tasks.map(entry) };
}

export function cancelMessageMoveTask(input: T.CancelMessageMoveTaskRequest, ctx: Ctx) {
  requireMembers(input, 'TaskHandle');
  const task = ctx.backend.moveTasks.cancel(input.TaskHandle);
  return { ApproximateNumberOfMessagesMoved: task.moved };
}
