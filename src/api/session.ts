/**
 * A session: one emulated AWS (a dispatcher with its state), its call journal
 * and its override rules, shared by every mock handle that joined it.
 *
 * Per-service handles add their services to what the session fakes: with
 * `mockS3()` and `mockSQS()` both active, S3 and SQS answer and share one
 * state (so cross-service features work); a handle of `mockAws()` fakes all.
 */
import { Dispatcher } from '../core/dispatch';
import type { ServiceEntry } from '../core/service';
import { Journal } from './journal';
import type { ServiceNames } from './names';
import { Overrides } from './overrides';

export class Session {
  readonly dispatcher: Dispatcher;
  readonly journal: Journal;
  readonly overrides: Overrides;
  /** Set while saved state loads (mockAws({ stateDir })): calls wait for it. */
  ready?: Promise<unknown>;
  /** What each member handle fakes; `undefined` means every service. */
  private readonly members = new Map<object, ReadonlySet<string> | undefined>();

  constructor(
    readonly account: string,
    readonly region: string,
    entries: ServiceEntry[],
    journalLimit: number,
    names: ServiceNames,
  ) {
    this.journal = new Journal(journalLimit);
    this.overrides = new Overrides(names);
    this.dispatcher = new Dispatcher({ services: entries, account, region });
    this.dispatcher.use(this.overrides.hook);
    this.dispatcher.onCall(this.journal.listener);
  }

  get size(): number {
    return this.members.size;
  }

  join(member: object, services: ReadonlySet<string> | undefined): void {
    this.members.set(member, services);
    this.refreshOnly();
  }

  /** Remove a member and the override rules it added. */
  leave(member: object): void {
    this.members.delete(member);
    this.overrides.removeOwnedBy(member);
    this.refreshOnly();
  }

  has(member: object): boolean {
    return this.members.has(member);
  }

  /** Does any member fake this service? */
  fakes(service: string): boolean {
    for (const services of this.members.values()) {
      if (services === undefined || services.has(service)) return true;
    }
    return false;
  }

  /** Drop all state: backends, journal, overrides. */
  reset(): void {
    this.dispatcher.reset();
    this.journal.clear();
    this.overrides.clear();
  }

  private refreshOnly(): void {
    const union = new Set<string>();
    for (const services of this.members.values()) {
      if (services === undefined) {
        this.dispatcher.setOnly(undefined);
        return;
      }
      for (const id of services) union.add(id);
    }
    this.dispatcher.setOnly(union);
  }
}
