/**
 * How long the asynchronous table changes take. DynamoDB answers CreateTable
 * with CREATING, UpdateTable with UPDATING (a new GSI CREATING while it
 * backfills) and DeleteTable with DELETING, and the table settles later.
 * Here the states end on the core clock (fake timers move them).
 *
 * The default is `instant`: the answer carries the transitional status and
 * the next request sees the table settled. Any non-zero default would make
 * the SDK waiters sleep their first back-off (20 s for `waitUntilTableExists`,
 * whose first poll comes right after CreateTable), and code that writes
 * without waiting would pass or fail depending on how fast the machine is.
 * `realistic` (or explicit milliseconds) gives AWS-like windows in which
 * item operations answer ResourceNotFoundException and table changes
 * ResourceInUseException: for tests of code that must wait.
 */
export interface Timings {
  /** CREATING → ACTIVE after CreateTable (and a restore or import). */
  createMs: number;
  /** UPDATING → ACTIVE after UpdateTable. */
  updateMs: number;
  /** A new GSI's CREATING (backfilling) → ACTIVE. */
  indexMs: number;
  /** DELETING → gone after DeleteTable. */
  deleteMs: number;
}

export const TIMING_PRESETS = {
  instant: { createMs: 0, updateMs: 0, indexMs: 0, deleteMs: 0 },
  // Order of magnitude AWS shows for an empty table (CreateTable ~5-7 s, a GSI backfill tens of seconds).
  realistic: { createMs: 5000, updateMs: 5000, indexMs: 30000, deleteMs: 5000 },
} satisfies Record<string, Timings>;

export type TimingSetting = keyof typeof TIMING_PRESETS | number | Partial<Timings>;

/** Resolves a setting: a preset name, one delay for every transition, or explicit delays. */
export function timingsOf(setting: TimingSetting | undefined, base: Timings = TIMING_PRESETS.instant): Timings {
  if (setting === undefined) return { ...base };
  if (typeof setting === 'number') return { createMs: setting, updateMs: setting, indexMs: setting, deleteMs: setting };
  if (typeof setting === 'string') return { ...(TIMING_PRESETS[setting] ?? base) };
  return { ...base, ...setting };
}

/** `MOCKAWS_DYNAMODB_TIMINGS=realistic|instant|<ms>` sets the default (server mode has no other handle). */
export function defaultTimings(): Timings {
  const env = process.env.MOCKAWS_DYNAMODB_TIMINGS?.trim();
  if (!env) return timingsOf(undefined);
  if (/^\d+$/.test(env)) return timingsOf(Number(env));
  return timingsOf(env in TIMING_PRESETS ? (env as keyof typeof TIMING_PRESETS) : undefined);
}
