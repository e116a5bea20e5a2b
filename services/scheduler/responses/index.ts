/** The EventBridge Scheduler handler table: every operation of the model. */
import type { HandlerTable } from '../../../src/core/service';
import type { SchedulerBackend } from '../models/backend';
import type { SchedulerOperations } from '../types';
import * as groups from './groups';
import * as schedules from './schedules';

export const handlers: HandlerTable<SchedulerOperations, SchedulerBackend> = {
  CreateSchedule: schedules.createSchedule,
  CreateScheduleGroup: groups.createScheduleGroup,
  DeleteSchedule: schedules.deleteSchedule,
  DeleteScheduleGroup: groups.deleteScheduleGroup,
  GetSchedule: schedules.getSchedule,
  GetScheduleGroup: groups.getScheduleGroup,
  ListScheduleGroups: groups.listScheduleGroups,
  ListSchedules: schedules.listSchedules,
  ListTagsForResource: groups.listTagsForResource,
  TagResource: groups.tagResource,
  UntagResource: groups.untagResource,
  UpdateSchedule: schedules.updateSchedule,
};
