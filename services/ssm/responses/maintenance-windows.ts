/** Maintenance windows: the window, its targets and its tasks (CRUD). */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { ssmError, validation } from '../exceptions';
import type { MaintenanceWindow } from '../models/maintenance-windows';
import type * as T from '../types';
import { type Ctx, pageByOffset } from './common';

function windowOf(ctx: Ctx, id: string): MaintenanceWindow {
  const w = ctx.backend.windows.byId.get(id);
  if (!w) throw ssmError('DoesNotExistException', `Maintenance window ${id} does not exist`);
  return w;
}

/** cron(...), rate(...) or at(...) as the user guide defines them. */
function checkSchedule(schedule: string): void {
  if (!/^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/.test(schedule)) {
    throw validation(`Invalid schedule expression: ${schedule}`);
  }
}

function checkTiming(duration: number, cutoff: number): void {
  if (cutoff >= duration) throw validation('The cutoff time must be less than the duration of the maintenance window.');
}

function describeWindow(w: MaintenanceWindow) {
  return {
    WindowId: w.WindowId,
    Name: w.Name,
    Description: w.Description,
    StartDate: w.StartDate,
    EndDate: w.EndDate,
    Schedule: w.Schedule,
    ScheduleTimezone: w.ScheduleTimezone,
    ScheduleOffset: w.ScheduleOffset,
    Duration: w.Duration,
    Cutoff: w.Cutoff,
    AllowUnassociatedTargets: w.AllowUnassociatedTargets,
    Enabled: w.Enabled,
  };
}

export function createMaintenanceWindow(input: T.CreateMaintenanceWindowRequest, ctx: Ctx) {
  if (input.ClientToken) {
    for (const w of ctx.backend.windows.byId.values()) if (w.clientToken === input.ClientToken) return { WindowId: w.WindowId };
  }
  checkSchedule(input.Schedule);
  checkTiming(input.Duration, input.Cutoff);
  const w = ctx.backend.windows.create({
    Name: input.Name,
    Description: input.Description,
    StartDate: input.StartDate,
    EndDate: input.EndDate,
    Schedule: input.Schedule,
    ScheduleTimezone: input.ScheduleTimezone,
    ScheduleOffset: input.ScheduleOffset,
    Duration: input.Duration,
    Cutoff: input.Cutoff,
    AllowUnassociatedTargets: input.AllowUnassociatedTargets,
    clientToken: input.ClientToken,
  });
  for (const t of input.Tags ?? []) w.tags.set(t.Key, t.Value);
  return { WindowId: w.WindowId };
}

export function getMaintenanceWindow(input: T.GetMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  return { ...describeWindow(w), CreatedDate: new Date(w.createdAt), ModifiedDate: new Date(w.modifiedAt) };
}

export function updateMaintenanceWindow(input: T.UpdateMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const next = input.Replace
    ? { ...w, Description: undefined, StartDate: undefined, EndDate: undefined, ScheduleTimezone: undefined, ScheduleOffset: undefined }
    : { ...w };
  for (const key of ['Name', 'Description', 'StartDate', 'EndDate', 'Schedule', 'ScheduleTimezone', 'ScheduleOffset', 'Duration', 'Cutoff', 'AllowUnassociatedTargets', 'Enabled'] as const) {
    if (input[key] !== undefined) (next as Record<string, unknown>)[key] = input[key];
  }
  checkSchedule(next.Schedule);
  checkTiming(next.Duration, next.Cutoff);
  Object.assign(w, next, { modifiedAt: clock.now() });
  return describeWindow(w);
}

export function deleteMaintenanceWindow(input: T.DeleteMaintenanceWindowRequest, ctx: Ctx) {
  ctx.backend.windows.byId.delete(input.WindowId);
  return { WindowId: input.WindowId };
}

export function describeMaintenanceWindows(input: T.DescribeMaintenanceWindowsRequest, ctx: Ctx) {
  const windows = [...ctx.backend.windows.byId.values()].filter((w) =>
    (input.Filters ?? []).every((f) => {
      const values = f.Values ?? [];
      if (f.Key === 'Name') return values.includes(w.Name);
      if (f.Key === 'Enabled') return values.includes(String(w.Enabled));
      throw ssmError('InvalidFilterKey', '');
    }),
  );
  const { items, NextToken } = pageByOffset(windows, input.NextToken, input.MaxResults ?? 50);
  return { WindowIdentities: items.map(describeWindow), NextToken };
}

export function registerTargetWithMaintenanceWindow(input: T.RegisterTargetWithMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const id = randomUUID();
  w.targets.set(id, {
    WindowTargetId: id,
    ResourceType: input.ResourceType,
    Targets: input.Targets,
    OwnerInformation: input.OwnerInformation,
    Name: input.Name,
    Description: input.Description,
  });
  return { WindowTargetId: id };
}

export function deregisterTargetFromMaintenanceWindow(input: T.DeregisterTargetFromMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  if (!w.targets.has(input.WindowTargetId)) {
    throw ssmError('DoesNotExistException', `Target ${input.WindowTargetId} does not exist in maintenance window ${w.WindowId}`);
  }
  if (input.Safe) {
    for (const task of w.tasks.values()) {
      if ((task.Targets ?? []).some((t) => t.Key === 'WindowTargetIds' && (t.Values ?? []).includes(input.WindowTargetId))) {
        throw ssmError('TargetInUseException', `Target ${input.WindowTargetId} is referenced by task ${task.WindowTaskId}.`);
      }
    }
  }
  w.targets.delete(input.WindowTargetId);
  return { WindowId: w.WindowId, WindowTargetId: input.WindowTargetId };
}

export function describeMaintenanceWindowTargets(input: T.DescribeMaintenanceWindowTargetsRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const { items, NextToken } = pageByOffset([...w.targets.values()], input.NextToken, input.MaxResults ?? 50);
  return { Targets: items.map((t) => ({ WindowId: w.WindowId, ...t })), NextToken };
}

export function registerTaskWithMaintenanceWindow(input: T.RegisterTaskWithMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  if (!input.Targets?.length && !w.AllowUnassociatedTargets && input.TaskType === 'RUN_COMMAND') {
    throw validation('Targets must be specified for a task in a maintenance window that does not allow unassociated targets.');
  }
  for (const t of input.Targets ?? []) {
    if (t.Key === 'WindowTargetIds') {
      for (const id of t.Values ?? []) {
        if (!w.targets.has(id)) throw ssmError('DoesNotExistException', `Target ${id} does not exist in maintenance window ${w.WindowId}`);
      }
    }
  }
  const id = randomUUID();
  w.tasks.set(id, {
    WindowTaskId: id,
    TaskArn: input.TaskArn,
    Type: input.TaskType,
    Targets: input.Targets,
    TaskParameters: input.TaskParameters,
    TaskInvocationParameters: input.TaskInvocationParameters,
    Priority: input.Priority ?? 1,
    ServiceRoleArn: input.ServiceRoleArn,
    MaxConcurrency: input.MaxConcurrency,
    MaxErrors: input.MaxErrors,
    LoggingInfo: input.LoggingInfo,
    Name: input.Name,
    Description: input.Description,
    CutoffBehavior: input.CutoffBehavior,
    AlarmConfiguration: input.AlarmConfiguration,
  });
  return { WindowTaskId: id };
}

export function deregisterTaskFromMaintenanceWindow(input: T.DeregisterTaskFromMaintenanceWindowRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  if (!w.tasks.delete(input.WindowTaskId)) {
    throw ssmError('DoesNotExistException', `Task ${input.WindowTaskId} does not exist in maintenance window ${w.WindowId}`);
  }
  return { WindowId: w.WindowId, WindowTaskId: input.WindowTaskId };
}

export function describeMaintenanceWindowTasks(input: T.DescribeMaintenanceWindowTasksRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const { items, NextToken } = pageByOffset([...w.tasks.values()], input.NextToken, input.MaxResults ?? 50);
  return {
    Tasks: items.map(({ TaskInvocationParameters: _, ...t }) => ({ WindowId: w.WindowId, ...t })),
    NextToken,
  };
}

export function getMaintenanceWindowTask(input: T.GetMaintenanceWindowTaskRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const t = w.tasks.get(input.WindowTaskId);
  if (!t) throw ssmError('DoesNotExistException', `Task ${input.WindowTaskId} does not exist in maintenance window ${w.WindowId}`);
  const { Type, ...rest } = t;
  return { WindowId: w.WindowId, ...rest, TaskType: Type };
}

export function updateMaintenanceWindowTarget(input: T.UpdateMaintenanceWindowTargetRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const t = w.targets.get(input.WindowTargetId);
  if (!t) throw ssmError('DoesNotExistException', `Target ${input.WindowTargetId} does not exist in maintenance window ${w.WindowId}`);
  if (input.Replace && !input.Targets) throw validation('Targets are required when Replace is true.');
  if (input.Replace) {
    t.OwnerInformation = undefined;
    t.Name = undefined;
    t.Description = undefined;
  }
  if (input.Targets) t.Targets = input.Targets;
  if (input.OwnerInformation !== undefined) t.OwnerInformation = input.OwnerInformation;
  if (input.Name !== undefined) t.Name = input.Name;
  if (input.Description !== undefined) t.Description = input.Description;
  const { ResourceType: _, ...rest } = t;
  return { WindowId: w.WindowId, ...rest };
}

export function updateMaintenanceWindowTask(input: T.UpdateMaintenanceWindowTaskRequest, ctx: Ctx) {
  const w = windowOf(ctx, input.WindowId);
  const t = w.tasks.get(input.WindowTaskId);
  if (!t) throw ssmError('DoesNotExistException', `Task ${input.WindowTaskId} does not exist in maintenance window ${w.WindowId}`);
  if (input.Replace && !input.TaskArn) throw validation('TaskArn is required when Replace is true.');
  const fields = [
    'Targets',
    'TaskArn',
    'ServiceRoleArn',
    'TaskParameters',
    'TaskInvocationParameters',
    'Priority',
    'MaxConcurrency',
    'MaxErrors',
    'LoggingInfo',
    'Name',
    'Description',
    'CutoffBehavior',
    'AlarmConfiguration',
  ] as const;
  const record = t as unknown as Record<string, unknown>;
  for (const key of fields) {
    if (input[key] !== undefined) record[key] = input[key];
    else if (input.Replace && key !== 'Priority') record[key] = undefined;
  }
  const { Type: _, ...rest } = t;
  return { WindowId: w.WindowId, ...rest };
}

export function describeMaintenanceWindowsForTarget(input: T.DescribeMaintenanceWindowsForTargetRequest, ctx: Ctx) {
  const wanted = input.Targets.flatMap((t) => (t.Values ?? []).map((v) => `${t.Key}=${v}`));
  const windows = [...ctx.backend.windows.byId.values()].filter((w) =>
    [...w.targets.values()].some(
      (target) =>
        target.ResourceType === input.ResourceType &&
        target.Targets.some((t) => (t.Values ?? []).some((v) => wanted.includes(`${t.Key}=${v}`))),
    ),
  );
  const { items, NextToken } = pageByOffset(windows, input.NextToken, input.MaxResults ?? 50);
  return { WindowIdentities: items.map((w) => ({ WindowId: w.WindowId, Name: w.Name })), NextToken };
}
