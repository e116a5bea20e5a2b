/**
 * Event filtering (FilterCriteria): each filter is an event pattern; a record
 * passes when any filter matches it. Supported pattern values: literal
 * strings, numbers, booleans and null, `prefix`, `suffix`, `anything-but`,
 * `numeric` comparisons and `exists`. For SQS the `body` is matched as JSON
 * when it parses as JSON, as Lambda does.
 */
import { invalidParameter } from '../exceptions';

type Pattern = Record<string, unknown>;

export function parseFilters(criteria: { Filters?: Array<{ Pattern?: string }> } | undefined): Pattern[] {
  return (criteria?.Filters ?? []).map((f) => {
    try {
      const p = JSON.parse(f.Pattern ?? '');
      if (p && typeof p === 'object' && !Array.isArray(p)) return p as Pattern;
    } catch {
      // falls through to the error
    }
    throw invalidParameter(`Invalid filter pattern definition.`);
  });
}

export function passes(filters: Pattern[], record: unknown): boolean {
  return filters.length === 0 || filters.some((p) => matchObject(p, record));
}

function matchObject(pattern: Pattern, value: unknown): boolean {
  for (const [key, want] of Object.entries(pattern)) {
    const got = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(want)) {
      if (!want.some((w) => matchValue(w, got))) return false;
    } else if (want && typeof want === 'object') {
      if (!matchObject(want as Pattern, got)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function matchValue(want: unknown, got: unknown): boolean {
  if (Array.isArray(got)) return got.some((g) => matchValue(want, g));
  if (want === null || typeof want !== 'object') return got === want;
  const rule = want as Record<string, unknown>;
  if ('exists' in rule) return rule.exists ? got !== undefined : got === undefined;
  if (got === undefined) return false;
  if ('prefix' in rule) return typeof got === 'string' && got.startsWith(String(rule.prefix));
  if ('suffix' in rule) return typeof got === 'string' && got.endsWith(String(rule.suffix));
  if ('anything-but' in rule) {
    const but = rule['anything-but'];
    return Array.isArray(but) ? !but.includes(got) : but !== got;
  }
  if ('numeric' in rule && Array.isArray(rule.numeric)) {
    const n = typeof got === 'number' ? got : Number(got);
    if (Number.isNaN(n)) return false;
    const ops = rule.numeric as Array<string | number>;
    for (let i = 0; i + 1 < ops.length; i += 2) {
      const bound = Number(ops[i + 1]);
      const ok = { '=': n === bound, '<': n < bound, '<=': n <= bound, '>': n > bound, '>=': n >= bound }[String(ops[i])];
      if (!ok) return false;
    }
    return true;
  }
  return false;
}
