/**
 * Long polling: receivers parked on an empty queue. A send wakes them at once
 * (notify runs in the sender's call, so the first waiter gets the message
 * before the send returns); a timer wakes them when a delayed or in-flight
 * message comes due, or when WaitTimeSeconds runs out. The waits are
 * `clock.at()` timers, so fake timers and `aws.clock.advance()` both end them.
 */
import { type ClockTimer, clock } from '../../../src/core/clock';
import { freshCopy } from '../../../src/core/snapshot';

interface Waiter<T> {
  attempt: () => T[];
  /** When the next delayed or in-flight message comes due (a wake-up before the deadline). */
  nextDueAt: () => number | undefined;
  resolve: (got: T[]) => void;
  deadline: number;
  timer?: ClockTimer;
}

export class Waiters<T> {
  private list: Array<Waiter<T>> = [];

  /** Parked receivers belong to the running process: a snapshot or a saved state has none. */
  [freshCopy](): Waiters<T> {
    return new Waiters<T>();
  }

  get size(): number {
    return this.list.length;
  }

  wait(attempt: () => T[], deadline: number, nextDueAt: () => number | undefined): Promise<T[]> {
    return new Promise<T[]>((resolve) => {
      const waiter: Waiter<T> = { attempt, nextDueAt, resolve, deadline };
      this.list.push(waiter);
      this.arm(waiter);
    });
  }

  /** Something became receivable: serve parked receivers in arrival order. */
  notify(): void {
    for (const waiter of [...this.list]) {
      const got = waiter.attempt();
      if (got.length === 0) break;
      this.finish(waiter, got);
    }
  }

  /** The queue went away or the mock was reset: everyone returns empty-handed. */
  closeAll(): void {
    for (const waiter of [...this.list]) this.finish(waiter, []);
  }

  private arm(waiter: Waiter<T>): void {
    const due = waiter.nextDueAt();
    const wakeAt = due !== undefined && due < waiter.deadline ? due : waiter.deadline;
    waiter.timer = clock.at(wakeAt, () => this.onTimer(waiter), { keepAlive: true });
  }

  private onTimer(waiter: Waiter<T>): void {
    const got = waiter.attempt();
    if (got.length > 0 || clock.now() >= waiter.deadline) this.finish(waiter, got);
    else this.arm(waiter);
  }

  private finish(waiter: Waiter<T>, got: T[]): void {
    waiter.timer?.cancel();
    const i = this.list.indexOf(waiter);
    if (i >= 0) this.list.splice(i, 1);
    waiter.resolve(got);
  }
}
