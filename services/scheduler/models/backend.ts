/**
 * SchedulerBackend: schedule groups (`default` always exists) and their
 * schedules for one account and region. An ENABLED schedule keeps its next
 * firing queued on the core event loop (fire.ts), within its start and end
 * dates; a one-time schedule with ActionAfterCompletion DELETE goes away
 * after it fires.
 */
import { clock } from '../../../src/core/clock';
import { eventLoop, type TaskHandle } from '../../../src/core/events';
import { parseSchedule, type Schedule as Timing } from '../../../src/core/events/schedule';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { notFound } from '../exceptions';
import type { FlexibleTimeWindow, Target } from '../types';
import { fire, type Invocation } from './fire';

export interface ScheduleGroup {
  name: string;
  arn: string;
  creationDate: Date;
  lastModificationDate: Date;
  tags: Map<string, string>;
  schedules: Map<string, Schedule>;
}

export interface Schedule {
  name: string;
  groupName: string;
  arn: string;
  scheduleExpression: string;
  timezone?: string;
  /** What rate() counts from: the start date, else the creation time. */
  timingAnchor: number;
  startDate?: Date;
  endDate?: Date;
  description?: string;
  state: string;
  kmsKeyArn?: string;
  target: Target;
  flexibleTimeWindow: FlexibleTimeWindow;
  actionAfterCompletion: string;
  creationDate: Date;
  lastModificationDate: Date;
  timer?: TaskHandle;
}

export class SchedulerBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly groups = new Map<string, ScheduleGroup>();
  /** Every invocation of a target made or attempted, oldest first. */
  readonly invocations: Invocation[] = [];
  /**
   * Each schedule's parsed expression, beside the state rather than in it (a closure, which a snapshot
   * copy or the state directory cannot carry); a restored schedule parses its expression again.
   */
  private readonly timings = new WeakMap<Schedule, Timing>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
    this.addGroup('default');
  }

  arn(resource: string): string {
    return arn({ service: 'scheduler', region: this.region, account: this.account, resource });
  }

  addGroup(name: string): ScheduleGroup {
    const now = clock.date();
    const group: ScheduleGroup = { name, arn: this.arn(`schedule-group/${name}`), creationDate: now, lastModificationDate: now, tags: new Map(), schedules: new Map() };
    this.groups.set(name, group);
    return group;
  }

  group(name = 'default'): ScheduleGroup {
    const group = this.groups.get(name);
    if (!group) throw notFound(`Schedule group ${name} does not exist.`);
    return group;
  }

  schedule(name: string, groupName?: string): Schedule {
    const s = this.group(groupName).schedules.get(name);
    if (!s) throw notFound(`Schedule ${name} does not exist.`);
    return s;
  }

  remove(s: Schedule): void {
    s.timer?.cancel();
    this.groups.get(s.groupName)?.schedules.delete(s.name);
  }

  /** Queues the next firing after `after` (never before the start date, never past the end date). */
  arm(s: Schedule, after = clock.now()): void {
    s.timer?.cancel();
    s.timer = undefined;
    if (s.state !== 'ENABLED') return;
    const from = s.startDate ? Math.max(after, s.startDate.getTime() - 1) : after;
    const at = this.timingOf(s).next(from);
    if (at === undefined || (s.endDate && at > s.endDate.getTime())) {
      this.completed(s);
      return;
    }
    s.timer = eventLoop(this.backends).schedule(
      async () => {
        s.timer = undefined;
        await fire(this, s, at);
        if (this.groups.get(s.groupName)?.schedules.get(s.name) === s) this.arm(s, at);
      },
      { at, label: `scheduler ${s.groupName}/${s.name}` },
    );
  }

  private timingOf(s: Schedule): Timing {
    let timing = this.timings.get(s);
    if (!timing) {
      // The expression was checked when the schedule was stored.
      timing = parseSchedule(s.scheduleExpression, { anchor: s.timingAnchor, timezone: s.timezone, allowAt: true }) as Timing;
      this.timings.set(s, timing);
    }
    return timing;
  }

  /** After a restore (snapshot or state directory): every ENABLED schedule is queued again. */
  restored(): void {
    for (const g of this.groups.values()) for (const s of g.schedules.values()) this.arm(s);
  }

  /** No firing is left: ActionAfterCompletion DELETE removes the schedule. */
  private completed(s: Schedule): void {
    if (s.actionAfterCompletion === 'DELETE') this.remove(s);
  }

  dispose(): void {
    for (const g of this.groups.values()) for (const s of g.schedules.values()) s.timer?.cancel();
  }
}
