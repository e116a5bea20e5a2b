/**
 * EventsBackend: the event buses of one account and region (the default bus
 * always exists), their rules and targets, and archives, replays,
 * connections, API destinations, global endpoints and partner event
 * sources. Events put on a bus are archived and matched here; deliveries to
 * targets leave through the core event loop (delivery.ts).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { eventLoop, type TaskHandle } from '../../../src/core/events';
import { parseSchedule, type Schedule } from '../../../src/core/events/schedule';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { notFound } from '../exceptions';
import { scheduleDeliveries } from './delivery';
import { type CompiledEventPattern, compileEventPattern } from './pattern';
import type { ApiDestination, Archive, BusEvent, Connection, Delivery, Endpoint, EventBus, PartnerSource, Replay, Rule } from './resources';

export const DEFAULT_BUS = 'default';

/** The time field of an event: ISO 8601 to the second, as EventBridge writes it. */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class EventsBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly buses = new Map<string, EventBus>();
  readonly busNames = new SortedKeySet();
  readonly archives = new Map<string, Archive>();
  readonly replays = new Map<string, Replay>();
  readonly connections = new Map<string, Connection>();
  readonly apiDestinations = new Map<string, ApiDestination>();
  readonly endpoints = new Map<string, Endpoint>();
  readonly partnerSources: Map<string, PartnerSource>;
  /** Every delivery to a target made or attempted, oldest first. */
  readonly deliveries: Delivery[] = [];
  /**
   * What rules and archives derive from their text, kept beside the state rather than in it: compiled
   * patterns, parsed schedules and armed timers are closures, which a snapshot copy or the state
   * directory cannot carry; a restored rule (a new object) derives them again, and restored() re-arms.
   */
  private readonly patterns = new WeakMap<object, CompiledEventPattern>();
  private readonly schedules = new WeakMap<Rule, Schedule>();
  private readonly timers = new WeakMap<Rule, TaskHandle>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
    // Partner event sources are seen by the partner and by the customer account: one namespace per mock.
    this.partnerSources = ctx.backends.shared('events:partner-sources', () => new Map<string, PartnerSource>());
    this.addBus(DEFAULT_BUS, {});
  }

  arn(resource: string): string {
    return arn({ service: 'events', region: this.region, account: this.account, resource });
  }

  addBus(name: string, fields: Partial<EventBus>): EventBus {
    const now = clock.date();
    const bus: EventBus = {
      name,
      arn: this.arn(`event-bus/${name}`),
      statements: [],
      creationTime: now,
      lastModifiedTime: now,
      rules: new Map(),
      ruleNames: new SortedKeySet(),
      tags: new Map(),
      ...fields,
    };
    this.buses.set(name, bus);
    this.busNames.add(name);
    return bus;
  }

  /** A bus by name or ARN; undefined means the default bus. */
  bus(nameOrArn: string | undefined): EventBus {
    const name = nameOrArn === undefined ? DEFAULT_BUS : nameOrArn.startsWith('arn:') ? nameOrArn.split(':event-bus/')[1] : nameOrArn;
    const bus = name === undefined ? undefined : this.buses.get(name);
    if (!bus) throw notFound(`Event bus ${name ?? nameOrArn} does not exist.`);
    return bus;
  }

  ruleArn(busName: string, name: string): string {
    return this.arn(busName === DEFAULT_BUS ? `rule/${name}` : `rule/${busName}/${name}`);
  }

  rule(bus: EventBus, name: string): Rule {
    const rule = bus.rules.get(name);
    if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
    return rule;
  }

  /** The rule an ARN names (tagging), or undefined. */
  ruleByArn(ruleArn: string): Rule | undefined {
    const m = /:rule\/(?:([^/]+)\/)?([^/]+)$/.exec(ruleArn);
    if (!m) return undefined;
    return this.buses.get(m[1] ?? DEFAULT_BUS)?.rules.get(m[2]);
  }

  /** The compiled event pattern of a rule or archive (none when it has no pattern). */
  patternOf(holder: Rule | Archive): CompiledEventPattern | undefined {
    if (holder.eventPattern === undefined) return undefined;
    let compiled = this.patterns.get(holder);
    if (!compiled) {
      compiled = compileEventPattern(holder.eventPattern);
      this.patterns.set(holder, compiled);
    }
    return compiled;
  }

  /** A rule's or archive's pattern or schedule changed: what derives from them is derived again. */
  definitionChanged(holder: Rule | Archive): void {
    this.patterns.delete(holder);
    this.schedules.delete(holder as Rule);
  }

  private scheduleOf(rule: Rule): Schedule | undefined {
    if (rule.scheduleExpression === undefined) return undefined;
    let schedule = this.schedules.get(rule);
    if (!schedule) {
      schedule = parseSchedule(rule.scheduleExpression, { anchor: rule.scheduleAnchor ?? clock.now() });
      if (schedule) this.schedules.set(rule, schedule);
    }
    return schedule;
  }

  /** After a restore: schedule rules fire again on the clock. */
  restored(): void {
    for (const bus of this.buses.values()) for (const rule of bus.rules.values()) this.armSchedule(rule);
  }

  deleteRuleState(bus: EventBus, rule: Rule): void {
    this.timers.get(rule)?.cancel();
    bus.rules.delete(rule.name);
    bus.ruleNames.delete(rule.name);
  }

  /** (Re)arms a schedule rule's next firing on the core event loop. */
  armSchedule(rule: Rule, after = clock.now()): void {
    this.timers.get(rule)?.cancel();
    this.timers.delete(rule);
    const schedule = this.scheduleOf(rule);
    if (!schedule || rule.state !== 'ENABLED') return;
    const at = schedule.next(after);
    if (at === undefined) return;
    const timer = eventLoop(this.backends).schedule(
      () => {
        const event: BusEvent = {
          version: '0',
          id: randomUUID(),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: this.account,
          time: eventTime(at),
          region: this.region,
          resources: [rule.arn],
          detail: {},
        };
        this.armSchedule(rule, at);
        scheduleDeliveries(this, rule, event);
      },
      { at, label: `events schedule ${rule.name}` },
    );
    this.timers.set(rule, timer);
  }

  /**
   * An event arrives on a bus: archives that match keep it, rules that match
   * deliver it. A replayed event goes to the replay's rules only and is not archived again.
   */
  dispatch(bus: EventBus, event: BusEvent, replay?: { filterArns?: string[] }): void {
    if (!replay) this.archive(bus, event);
    for (const name of bus.ruleNames) {
      const rule = bus.rules.get(name) as Rule;
      const compiled = this.patternOf(rule);
      if (!rule.state.startsWith('ENABLED') || !compiled) continue;
      if (replay?.filterArns?.length && !replay.filterArns.includes(rule.arn)) continue;
      if (compiled.matches(event)) scheduleDeliveries(this, rule, event);
    }
  }

  private archive(bus: EventBus, event: BusEvent): void {
    for (const archive of this.archives.values()) {
      if (archive.eventSourceArn !== bus.arn || archive.state !== 'ENABLED') continue;
      const compiled = this.patternOf(archive);
      if (compiled && !compiled.matches(event)) continue;
      archive.events.push({ event, at: clock.now(), size: Buffer.byteLength(JSON.stringify(event)) });
    }
  }

  /**
   * For other services (S3's EventBridge notifications, scheduled events):
   * puts an AWS service event on a bus of this account, as the service
   * itself would. Returns the event id.
   */
  publishEvent(entry: { source: string; detailType: string; detail: unknown; resources?: string[]; busName?: string; time?: number }): string {
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: this.account,
      time: eventTime(entry.time ?? clock.now()),
      region: this.region,
      resources: entry.resources ?? [],
      detail: entry.detail,
    };
    this.dispatch(this.bus(entry.busName), event);
    return event.id;
  }

  /** Archives past their retention lose their old events (retention on the clock). */
  expireArchives(): void {
    const now = clock.now();
    for (const a of this.archives.values()) {
      if (a.retentionDays > 0) a.events = a.events.filter((e) => e.at >= now - a.retentionDays * 86_400_000);
    }
  }

  dispose(): void {
    for (const bus of this.buses.values()) for (const rule of bus.rules.values()) this.timers.get(rule)?.cancel();
  }
}
