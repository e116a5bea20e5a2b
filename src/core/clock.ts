/**
 * All time in the fake comes from here. It reads Date.now() on each call, so
 * jest/vitest fake timers (which replace Date) move the fake's clock too.
 *
 * Tests may also move it by hand (`aws.clock.advance(ms)`, `aws.clock.set(date)`):
 * without fake timers that shifts an offset added to Date.now(); with fake
 * timers installed it ticks them (so their timers fire as they would). Either
 * way, waits armed with `clock.at()` end as soon as the clock passes them.
 */

let offset = 0;
/** Waits armed with clock.at() that have ended, for persistence to know background work ran (src/persist/). */
let fired = 0;
const listeners = new Set<() => void>();

/** The @sinonjs/fake-timers clock jest and vitest install, found through the faked setTimeout. */
interface FakeTimerClock {
  tick(ms: number): unknown;
  setSystemTime(now: number | Date): void;
}

function fakeTimers(): FakeTimerClock | undefined {
  const installed = (globalThis.setTimeout as unknown as { clock?: Partial<FakeTimerClock> }).clock;
  return typeof installed?.tick === 'function' && typeof installed.setSystemTime === 'function'
    ? (installed as FakeTimerClock)
    : undefined;
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** A pending wait on the clock; cancel() is idempotent. */
export interface ClockTimer {
  cancel(): void;
}

export const clock = {
  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now() + offset;
  },
  date(): Date {
    return new Date(clock.now());
  },
  /** How many clock.at() waits have ended in this process. */
  timersFired(): number {
    return fired;
  },
  /** Whole seconds since the epoch. */
  epochSeconds(): number {
    return Math.floor(clock.now() / 1000);
  },

  /** Move the clock forward by `ms` (fake timers, when installed, are ticked). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`mockaws: clock.advance needs a duration >= 0, got ${ms}`);
    const fake = fakeTimers();
    if (fake) fake.tick(ms);
    else offset += ms;
    changed();
  },

  /** Jump to `date` (forward jumps fire what falls due, as advance does). */
  set(date: Date | number | string): void {
    const target = new Date(date).getTime();
    if (Number.isNaN(target)) throw new TypeError(`mockaws: clock.set needs a date, got ${String(date)}`);
    const delta = target - clock.now();
    if (delta >= 0) {
      clock.advance(delta);
      return;
    }
    const fake = fakeTimers();
    if (fake) fake.setSystemTime(target - offset);
    else offset += delta;
    changed();
  },

  /** Back to real (or fake-timer) time: no offset. */
  reset(): void {
    if (offset === 0) return;
    offset = 0;
    changed();
  },

  /**
   * Run `fn` once the clock reaches `at`, whichever way it gets there: a
   * timer (the global setTimeout of the moment, so fake timers drive it) or
   * a hand move of the clock. The timer is unref'd (a pending wait never
   * keeps the process alive) unless `keepAlive`: a wait that stands for a
   * request in flight (an SQS long poll) holds the process as the real
   * socket would.
   */
  at(at: number, fn: () => void, options: { keepAlive?: boolean } = {}): ClockTimer {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = (): void => {
      if (done) return;
      if (clock.now() < at) {
        arm();
        return;
      }
      cancel();
      fired++;
      fn();
    };
    const arm = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, at - clock.now()));
      if (!options.keepAlive) (timer as { unref?: () => void }).unref?.();
    };
    const cancel = (): void => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      listeners.delete(fire);
    };
    listeners.add(fire);
    arm();
    return { cancel };
  },
};
