/**
 * Schedules: create / update (validated whole before any change), get,
 * delete, list. Expressions: at(), rate(), cron() in ScheduleExpressionTimezone
 * (src/core/events/schedule.ts); the next firing is queued at once.
 */
import { clock } from '../../../src/core/clock';
import { parseSchedule } from '../../../src/core/events/schedule';
import { parseArn } from '../../../src/core/ids';
import { conflict, validation } from '../exceptions';
import type { Schedule } from '../models/backend';
import type { CreateScheduleInput, UpdateScheduleInput } from '../types';
import { type Ctx, checkMax, checkName, page } from './common';

/** Create and Update take the same members. */
type ScheduleInput = CreateScheduleInput | UpdateScheduleInput;

const JSON_INPUT_SERVICES = new Set(['lambda', 'states', 'events']);
const ROLE_ARN = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Everything a schedule needs, checked before anything is stored. */
function build(input: ScheduleInput, ctx: Ctx, created?: Date): Schedule {
  checkName(input.Name, 'name');
  checkName(input.GroupName, 'groupName');
  const group = ctx.backend.group(input.GroupName);
  const now = clock.now();
  const timingAnchor = input.StartDate?.getTime() ?? now;
  const timing = parseSchedule(input.ScheduleExpression, {
    anchor: timingAnchor,
    timezone: input.ScheduleExpressionTimezone,
    allowAt: true,
  });
  if (!timing) throw validation(`Invalid Schedule Expression ${input.ScheduleExpression}.`);
  if (input.StartDate && input.EndDate && input.EndDate.getTime() <= input.StartDate.getTime()) {
    throw validation('The EndDate must be after the StartDate.');
  }
  const window = input.FlexibleTimeWindow;
  if (window.Mode === 'OFF' && window.MaximumWindowInMinutes !== undefined) {
    throw validation('MaximumWindowInMinutes must not be set when the FlexibleTimeWindow mode is OFF.');
  }
  if (window.Mode === 'FLEXIBLE' && (window.MaximumWindowInMinutes === undefined || window.MaximumWindowInMinutes < 1 || window.MaximumWindowInMinutes > 1440)) {
    throw validation('MaximumWindowInMinutes must be between 1 and 1440 when the FlexibleTimeWindow mode is FLEXIBLE.');
  }
  const target = input.Target;
  if (!ROLE_ARN.test(target.RoleArn)) throw validation(`Invalid RoleArn ${target.RoleArn}.`);
  const service = parseArn(target.Arn)?.service;
  if (!service) throw validation(`Invalid target Arn ${target.Arn}.`);
  if (target.Input !== undefined && JSON_INPUT_SERVICES.has(service)) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw validation('Target Input must be a well-formed JSON for this target.');
    }
  }
  if (service === 'events' && !target.EventBridgeParameters) throw validation('EventBridgeParameters are required for an EventBridge target.');
  if (target.RetryPolicy?.MaximumRetryAttempts !== undefined && (target.RetryPolicy.MaximumRetryAttempts < 0 || target.RetryPolicy.MaximumRetryAttempts > 185)) {
    throw validation('MaximumRetryAttempts must be between 0 and 185.');
  }
  const date = clock.date();
  return {
    name: input.Name,
    groupName: group.name,
    arn: ctx.backend.arn(`schedule/${group.name}/${input.Name}`),
    scheduleExpression: input.ScheduleExpression,
    timezone: input.ScheduleExpressionTimezone,
    timingAnchor,
    startDate: input.StartDate,
    endDate: input.EndDate,
    description: input.Description,
    state: input.State ?? 'ENABLED',
    kmsKeyArn: input.KmsKeyArn,
    target,
    flexibleTimeWindow: window,
    actionAfterCompletion: input.ActionAfterCompletion ?? 'NONE',
    creationDate: created ?? date,
    lastModificationDate: date,
  };
}

export function createSchedule(input: ScheduleInput, ctx: Ctx) {
  const group = ctx.backend.group(input.GroupName);
  if (group.schedules.has(input.Name)) throw conflict(`Schedule ${input.Name} already exists.`);
  const s = build(input, ctx);
  group.schedules.set(s.name, s);
  ctx.backend.arm(s);
  return { ScheduleArn: s.arn };
}

export function updateSchedule(input: ScheduleInput, ctx: Ctx) {
  const existing = ctx.backend.schedule(input.Name, input.GroupName);
  const s = build(input, ctx, existing.creationDate);
  existing.timer?.cancel();
  ctx.backend.group(input.GroupName).schedules.set(s.name, s);
  ctx.backend.arm(s);
  return { ScheduleArn: s.arn };
}

export function getSchedule(input: { Name: string; GroupName?: string }, ctx: Ctx) {
  const s = ctx.backend.schedule(input.Name, input.GroupName);
  return {
    Arn: s.arn,
    GroupName: s.groupName,
    Name: s.name,
    ScheduleExpression: s.scheduleExpression,
    StartDate: s.startDate,
    EndDate: s.endDate,
    Description: s.description,
    ScheduleExpressionTimezone: s.timezone,
    State: s.state,
    CreationDate: s.creationDate,
    LastModificationDate: s.lastModificationDate,
    KmsKeyArn: s.kmsKeyArn,
    Target: s.target,
    FlexibleTimeWindow: s.flexibleTimeWindow,
    ActionAfterCompletion: s.actionAfterCompletion,
  };
}

export function deleteSchedule(input: { Name: string; GroupName?: string }, ctx: Ctx) {
  ctx.backend.remove(ctx.backend.schedule(input.Name, input.GroupName));
  return {};
}

export function listSchedules(input: { GroupName?: string; NamePrefix?: string; State?: string; NextToken?: string; MaxResults?: number }, ctx: Ctx) {
  const max = checkMax(input.MaxResults);
  const groups = input.GroupName !== undefined ? [ctx.backend.group(input.GroupName)] : [...ctx.backend.groups.values()];
  const all = groups.flatMap((g) => [...g.schedules.values()]).filter(
    (s) => s.name.startsWith(input.NamePrefix ?? '') && (input.State === undefined || s.state === input.State),
  );
  const key = (s: Schedule) => `${s.groupName}/${s.name}`;
  const { out, NextToken } = page(all, key, input.NextToken, max);
  return {
    Schedules: out.map((s) => ({
      Arn: s.arn,
      Name: s.name,
      GroupName: s.groupName,
      State: s.state,
      CreationDate: s.creationDate,
      LastModificationDate: s.lastModificationDate,
      Target: { Arn: s.target.Arn },
    })),
    NextToken,
  };
}
