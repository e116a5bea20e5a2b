/**
 * Side-by-side comparisons that cannot fool us:
 *   - every contender runs in each round, in a rotating order, so drift and
 *     bursts of load from elsewhere land on all of them alike;
 *   - each contender's figure is the median over rounds of its ratio to the
 *     baseline *in the same round*, with the [min–max] of those ratios;
 *   - a second, identical copy of the baseline (the control) shows what the
 *     noise alone does to a ratio that should be 1.00;
 *   - each contender says how many calls it served (a canned handler's
 *     counter, the fake's call listener, a peer's answers): a count that is
 *     not exactly the number of calls made fails the run, so a floor that was
 *     captured, or a fake that never answered, cannot pass as a figure.
 * Results are recorded (results.ts) for the summary and docs/performance.md.
 */
import { record, type Spread } from './results';

export interface Contender {
  /** One call; rejects on any failure. */
  run: () => Promise<unknown>;
  /** How many calls this contender has served so far (its own counter, never the caller's). */
  served: () => number;
}

export interface CompareOptions {
  rounds: number;
  callsPerRound: number;
  warmup: number;
  /** The contender every ratio is taken against. */
  baseline: string;
  /** A ratio target, checked on the median: `{ contender: max }` (≤ max) ... */
  atMost?: Record<string, number>;
  /** ... or `{ contender: min }` (≥ min). */
  atLeast?: Record<string, number>;
  /** One line shown under the table. */
  note?: string;
}

export interface ComparisonRow {
  name: string;
  /** Median over rounds of µs per call. */
  us: number;
  /** Per-round ratio to the baseline. */
  ratio: Spread;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Throws unless `contender` served exactly `expected` calls since `before`. */
export function assertServed(name: string, contender: Contender, before: number, expected: number): void {
  const got = contender.served() - before;
  if (got !== expected) {
    throw new Error(`precondition failed: ${name} served ${got} of the ${expected} calls made to it`);
  }
}

export async function compare(
  bench: string,
  title: string,
  contenders: Record<string, Contender>,
  opts: CompareOptions,
): Promise<ComparisonRow[]> {
  const names = Object.keys(contenders);
  if (!names.includes(opts.baseline)) throw new Error(`compare: no baseline '${opts.baseline}'`);
  const before = new Map(names.map((n) => [n, contenders[n].served()]));
  for (const name of names) {
    for (let i = 0; i < opts.warmup; i++) await contenders[name].run();
  }
  const perRound = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < opts.rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const run = contenders[name].run;
      const start = process.hrtime.bigint();
      for (let i = 0; i < opts.callsPerRound; i++) await run();
      perRound.get(name)?.push(Number(process.hrtime.bigint() - start) / 1000 / opts.callsPerRound);
    }
  }
  const expected = opts.warmup + opts.rounds * opts.callsPerRound;
  for (const name of names) assertServed(name, contenders[name], before.get(name) ?? 0, expected);
  const base = perRound.get(opts.baseline) ?? [];
  const rows = names.map((name) => {
    const us = perRound.get(name) ?? [];
    return { name, us: spread(us).median, ratio: spread(us.map((u, r) => u / base[r])) };
  });
  const targets: string[] = [];
  for (const [name, max] of Object.entries(opts.atMost ?? {})) targets.push(`${name} ≤ ${max}× ${opts.baseline}`);
  for (const [name, min] of Object.entries(opts.atLeast ?? {})) targets.push(`${name} ≥ ${min}× ${opts.baseline}`);
  record({
    bench,
    title,
    unit: 'µs/call',
    vs: opts.baseline,
    rounds: opts.rounds,
    callsPerRound: opts.callsPerRound,
    preconditions: `each contender served exactly its ${expected} calls`,
    rows: rows.map((r) => ({
      name: r.name,
      value: r.us,
      ratio: r.ratio,
      target: opts.atMost?.[r.name] !== undefined ? { max: opts.atMost[r.name] } : opts.atLeast?.[r.name] !== undefined ? { min: opts.atLeast[r.name] } : undefined,
    })),
    note: opts.note,
  });
  return rows;
}
