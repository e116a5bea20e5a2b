/** Maintenance windows with their targets and tasks (definitions only: nothing is scheduled to run). */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { AlarmConfiguration, LoggingInfo, MaintenanceWindowTaskInvocationParameters, MaintenanceWindowTaskParameterValueExpression } from '../types';

export interface WindowTarget {
  WindowTargetId: string;
  ResourceType: string;
  Targets: { Key?: string; Values?: string[] }[];
  OwnerInformation?: string;
  Name?: string;
  Description?: string;
}

export interface WindowTask {
  WindowTaskId: string;
  TaskArn: string;
  Type: string;
  Targets?: { Key?: string; Values?: string[] }[];
  TaskParameters?: Record<string, MaintenanceWindowTaskParameterValueExpression>;
  TaskInvocationParameters?: MaintenanceWindowTaskInvocationParameters;
  Priority: number;
  ServiceRoleArn?: string;
  MaxConcurrency?: string;
  MaxErrors?: string;
  LoggingInfo?: LoggingInfo;
  Name?: string;
  Description?: string;
  CutoffBehavior?: string;
  AlarmConfiguration?: AlarmConfiguration;
}

export interface MaintenanceWindow {
  WindowId: string;
  Name: string;
  Description?: string;
  StartDate?: string;
  EndDate?: string;
  Schedule: string;
  ScheduleTimezone?: string;
  ScheduleOffset?: number;
  Duration: number;
  Cutoff: number;
  AllowUnassociatedTargets: boolean;
  Enabled: boolean;
  createdAt: number;
  modifiedAt: number;
  clientToken?: string;
  targets: Map<string, WindowTarget>;
  tasks: Map<string, WindowTask>;
  tags: Map<string, string>;
}

export class MaintenanceWindowStore {
  readonly byId = new Map<string, MaintenanceWindow>();

  create(fields: Omit<MaintenanceWindow, 'WindowId' | 'createdAt' | 'modifiedAt' | 'targets' | 'tasks' | 'tags' | 'Enabled'>): MaintenanceWindow {
    const now = clock.now();
    const window: MaintenanceWindow = {
      ...fields,
      WindowId: `mw-${randomBytes(9).toString('hex').slice(0, 17)}`,
      Enabled: true,
      createdAt: now,
      modifiedAt: now,
      targets: new Map(),
      tasks: new Map(),
      tags: new Map(),
    };
    this.byId.set(window.WindowId, window);
    return window;
  }

  static newId(): string {
    return randomUUID();
  }
}
