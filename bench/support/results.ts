/**
 * What a benchmark measured, as tables: printed as each is recorded, and
 * written as JSON when the process ends cleanly, to MOCKAWS_BENCH_OUT (set by
 * bench/run.mjs, which merges every bench's file into bench/results/latest.json,
 * the source of docs/performance.md). A run that fails writes nothing.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ResultRow {
  name: string;
  /** The row's figure, in the table's unit. */
  value: number;
  /** Ratio to the table's `vs` row: median [min–max] over rounds (or runs). */
  ratio?: Spread;
  /** A target on the ratio's median. */
  target?: { max?: number; min?: number };
  /** This row's noise control, when the table holds several (one per connection count): the report weighs the margin against it. */
  control?: Spread;
  /** Anything else worth a column (CPU per call, a spread of the value). */
  detail?: string;
}

export interface ResultTable {
  bench: string;
  title: string;
  unit: string;
  vs?: string;
  rounds?: number;
  callsPerRound?: number;
  /** What was asserted before the figures were believed. */
  preconditions?: string;
  rows: ResultRow[];
  note?: string;
  /** 1-minute load average when the table was recorded. */
  load?: number;
}

const tables: ResultTable[] = [];

/** Did the row meet its target? undefined when it has none. */
export function targetMet(row: ResultRow): boolean | undefined {
  if (!row.target || !row.ratio) return undefined;
  if (row.target.max !== undefined) return row.ratio.median <= row.target.max;
  if (row.target.min !== undefined) return row.ratio.median >= row.target.min;
  return undefined;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function record(table: ResultTable): void {
  table.load ??= loadavg()[0];
  tables.push(table);
  const how = table.vs ? `, ratio to ${table.vs}: median [min–max]${table.rounds ? ` of ${table.rounds} interleaved rounds` : ''}` : '';
  console.log(`\n${table.title} (${table.unit}${how}; load ${table.load.toFixed(1)})`);
  for (const row of table.rows) {
    const ratio = row.ratio ? `  ${row.ratio.median.toFixed(2)}× [${row.ratio.min.toFixed(2)}–${row.ratio.max.toFixed(2)}]` : '';
    const met = targetMet(row);
    const target =
      met === undefined ? '' : `  target ${row.target?.max !== undefined ? `≤ ${row.target.max}` : `≥ ${row.target?.min}`}: ${met ? 'met' : 'NOT met'}`;
    console.log(`  ${row.name.padEnd(44)} ${fmt(row.value).padStart(9)}${ratio}${target}${row.detail ? `  ${row.detail}` : ''}`);
  }
  if (table.preconditions) console.log(`  preconditions held: ${table.preconditions}`);
  if (table.note) console.log(`  ${table.note}`);
}

process.on('exit', (code) => {
  const out = process.env.MOCKAWS_BENCH_OUT;
  if (code === 0 && out) writeFileSync(out, `${JSON.stringify(tables, null, 1)}\n`);
});
