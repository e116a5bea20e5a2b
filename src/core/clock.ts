/**
 * All time in the fake comes from here. It reads Date.now() on each call, so
 * jest/vitest fake timers (which replace Date) move the fake's clock too.
 */

export const clock = {
  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now();
  },
  date(): Date {
    return new Date(Date.now());
  },
  /** Whole seconds since the epoch. */
  epochSeconds(): number {
    return Math.floor(Date.now() / 1000);
  },
};
