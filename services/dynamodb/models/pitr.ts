/**
 * Point-in-time recovery for one table: whether it is on, since when, its
 * recovery period, and a change log of every write made while it is on.
 * The state at time T is the current items with every change made after T
 * undone (newest first), so a restore or export costs O(items + changes
 * since T) and the write path copies only the change itself.
 */
import { clock } from '../../../src/core/clock';
import { persistLog } from '../../../src/core/persist-hints';
import { type Item, cloneItem } from '../values/attribute-value';
import type { PointInTimeRecoveryDescription } from '../types';

const DAY_MS = 24 * 3600 * 1000;

export interface Change {
  at: number;
  /** Text of the item's primary key. */
  tk: string;
  key: Item;
  old: Item | undefined;
  next: Item | undefined;
}

export class PitrLog {
  /** Changes are appended and trimmed at the front, never changed: a state directory saves them in chunks. */
  static readonly [persistLog] = ['changes'];
  enabled = false;
  /** When PITR was (last) turned on: nothing earlier can be restored. */
  enabledAt = 0;
  periodDays = 35;
  private changes: Change[] = [];

  enable(periodDays = 35): void {
    if (!this.enabled) {
      this.enabled = true;
      this.enabledAt = clock.now();
      this.changes = [];
    }
    this.periodDays = periodDays;
  }

  disable(): void {
    this.enabled = false;
    this.changes = [];
  }

  earliest(): number {
    return Math.max(this.enabledAt, clock.now() - this.periodDays * DAY_MS);
  }

  /** The fake's latest restorable time is now (AWS lags about five minutes). */
  latest(): number {
    return clock.now();
  }

  record(tk: string, key: Item, old: Item | undefined, next: Item | undefined): void {
    if (!this.enabled) return;
    const at = clock.now();
    // Copies, not the stored items (nor values they share with the next item, as an update's are):
    // a change reaching into the table's items would make a state directory save them whole, not in
    // chunks (src/core/persist-hints.ts). Two or three small copies per write.
    this.changes.push({ at, tk, key: cloneItem(key), old: old && cloneItem(old), next: next && cloneItem(next) });
    // Changes older than the recovery window can never be undone again.
    const cutoff = at - this.periodDays * DAY_MS;
    if (this.changes[0].at < cutoff) {
      let n = 0;
      while (n < this.changes.length && this.changes[n].at < cutoff) n += 1;
      this.changes.splice(0, n);
    }
  }

  /** The items as they were at `time`, given the current ones. */
  itemsAt(current: Iterable<{ tk: string; item: Item }>, time: number): Item[] {
    const undone = new Map<string, Item | undefined>();
    for (let i = this.changes.length - 1; i >= 0 && this.changes[i].at > time; i--) {
      undone.set(this.changes[i].tk, this.changes[i].old);
    }
    const out: Item[] = [];
    for (const e of current) if (!undone.has(e.tk)) out.push(e.item);
    for (const item of undone.values()) if (item) out.push(item);
    return out;
  }

  /** Net change per item over (from, to]: the state before and after, for incremental exports. */
  changesBetween(from: number, to: number): Array<{ key: Item; old: Item | undefined; next: Item | undefined; at: number }> {
    const net = new Map<string, { key: Item; old: Item | undefined; next: Item | undefined; at: number }>();
    for (const c of this.changes) {
      if (c.at <= from || c.at > to) continue;
      const prev = net.get(c.tk);
      if (prev) {
        prev.next = c.next;
        prev.at = c.at;
      } else net.set(c.tk, { key: c.key, old: c.old, next: c.next, at: c.at });
    }
    return [...net.values()];
  }

  describe(): PointInTimeRecoveryDescription {
    if (!this.enabled) return { PointInTimeRecoveryStatus: 'DISABLED' };
    return {
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: this.periodDays,
      EarliestRestorableDateTime: new Date(this.earliest()),
      LatestRestorableDateTime: new Date(this.latest()),
    };
  }
}
