/** Activities and task tokens: activity CRUD, GetActivityTask (long poll on the clock), SendTaskSuccess/Failure/Heartbeat. */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidArn } from '../exceptions';
import type { Activity } from '../models/resources';
import type * as T from '../types';
import { checkName, type Ctx, page, setTags } from './common';

export function createActivity(input: T.CreateActivityInput, ctx: Ctx): T.CreateActivityOutput {
  checkName(input.name);
  const b = ctx.backend;
  const activityArn = b.arn(`activity:${input.name}`);
  const existing = b.activities.get(activityArn);
  if (existing) {
    setTags(activityArn, existing.tags, input.tags);
    return { activityArn, creationDate: existing.creationDate };
  }
  const activity: Activity = { name: input.name, arn: activityArn, creationDate: clock.date(), tags: new Map(), queue: [], pollers: [] };
  setTags(activityArn, activity.tags, input.tags);
  b.activities.set(activityArn, activity);
  return { activityArn, creationDate: activity.creationDate };
}

export function describeActivity(input: T.DescribeActivityInput, ctx: Ctx): T.DescribeActivityOutput {
  const a = ctx.backend.activity(input.activityArn);
  return { activityArn: a.arn, name: a.name, creationDate: a.creationDate };
}

export function deleteActivity(input: T.DeleteActivityInput, ctx: Ctx): T.DeleteActivityOutput {
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/.test(input.activityArn)) throw invalidArn(input.activityArn);
  ctx.backend.activities.delete(input.activityArn);
  return {};
}

export function listActivities(input: T.ListActivitiesInput, ctx: Ctx): T.ListActivitiesOutput {
  const { out, nextToken } = page([...ctx.backend.activities.values()], input.nextToken, input.maxResults);
  return { activities: out.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: a.creationDate })), nextToken };
}

export async function getActivityTask(input: T.GetActivityTaskInput, ctx: Ctx): Promise<T.GetActivityTaskOutput> {
  const activity = ctx.backend.activity(input.activityArn);
  const task = await ctx.backend.takeActivityTask(activity, input.workerName ?? '');
  return task ? { taskToken: task.token, input: task.input } : {};
}

export function sendTaskSuccess(input: T.SendTaskSuccessInput, ctx: Ctx): T.SendTaskSuccessOutput {
  let output: unknown;
  try {
    output = JSON.parse(input.output);
  } catch (err) {
    throw new AwsError('InvalidOutput', `Invalid Output: '${(err as Error).message}'`);
  }
  ctx.backend.token(input.taskToken).resume(output);
  return {};
}

export function sendTaskFailure(input: T.SendTaskFailureInput, ctx: Ctx): T.SendTaskFailureOutput {
  ctx.backend.token(input.taskToken).fail(input.error ?? '', input.cause ?? '');
  return {};
}

export function sendTaskHeartbeat(input: T.SendTaskHeartbeatInput, ctx: Ctx): T.SendTaskHeartbeatOutput {
  ctx.backend.token(input.taskToken).heartbeat();
  return {};
}
