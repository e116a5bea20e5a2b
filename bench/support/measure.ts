/**
 * Timing for the benchmarks: interleaved rounds of variants (so drift hits
 * all alike) reported against a baseline, and a plain per-call timer.
 */

/** One variant's result of interleave(). */
export interface Timing {
  meanUs: number;
  medianRoundUs: number;
}

export async function interleave(
  variants: Record<string, () => Promise<unknown>>,
  opts: { rounds: number; callsPerRound: number; warmup: number },
): Promise<Record<string, Timing>> {
  for (const run of Object.values(variants)) {
    for (let i = 0; i < opts.warmup; i++) await run();
  }
  const rounds: Record<string, number[]> = {};
  for (let r = 0; r < opts.rounds; r++) {
    for (const [name, run] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < opts.callsPerRound; i++) await run();
      const us = Number(process.hrtime.bigint() - start) / 1000 / opts.callsPerRound;
      (rounds[name] ??= []).push(us);
    }
  }
  const out: Record<string, Timing> = {};
  for (const [name, values] of Object.entries(rounds)) {
    const sorted = [...values].sort((a, b) => a - b);
    out[name] = {
      meanUs: values.reduce((a, b) => a + b, 0) / values.length,
      medianRoundUs: sorted[Math.floor(sorted.length / 2)],
    };
  }
  return out;
}

export function report(title: string, results: Record<string, Timing>, baseline: string): void {
  console.log(`\n${title}`);
  const base = results[baseline].medianRoundUs;
  for (const [name, t] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(34)} ${t.medianRoundUs.toFixed(1).padStart(8)} µs/call (median round)  ` +
        `${t.meanUs.toFixed(1).padStart(8)} mean  ×${(t.medianRoundUs / base).toFixed(2)}`,
    );
  }
}

/**
 * Mean µs per call of `fn` over `n` calls, after up to `warmup` untimed calls,
 * printed as one line with the label padded to `width`.
 */
export async function timePerCall(
  label: string,
  n: number,
  fn: (i: number) => Promise<unknown>,
  opts: { warmup: number; width: number },
): Promise<number> {
  for (let i = 0; i < Math.min(opts.warmup, n); i++) await fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${label.padEnd(opts.width)} ${us.toFixed(1).padStart(9)} µs/call`);
  return us;
}
