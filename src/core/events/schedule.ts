/**
 * Schedule expressions, shared by EventBridge rules ("Creating an Amazon
 * EventBridge rule that runs on a schedule") and EventBridge Scheduler
 * ("Schedule types on EventBridge Scheduler"): `rate(value unit)` with
 * minute(s), hour(s), day(s) (singular exactly for 1), `cron(minutes hours
 * day-of-month month day-of-week year)` with `, - * / ?` where allowed, `L`
 * and `W` in day-of-month, `L` and `#` in day-of-week (1 = SUN), exactly
 * one of the two day fields `?`; and, for Scheduler, one-time
 * `at(yyyy-mm-ddThh:mm:ss)`. Cron and at read wall-clock time in an IANA
 * time zone (UTC by default).
 *
 * parseSchedule() returns undefined for an expression it refuses; each
 * service answers that with its own validation error.
 */

export interface Schedule {
  /** The first fire time strictly after `after` (ms), or undefined when there is none. */
  next(after: number): number | undefined;
}

class Invalid extends Error {}
const invalid = () => new Invalid('invalid schedule expression');

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export interface ScheduleOptions {
  /** Where rate() counts from (creation, or a start date). */
  anchor: number;
  /** IANA time zone of cron() and at(); UTC when absent. */
  timezone?: string;
  /** Accept at(...) (Scheduler's one-time schedules). */
  allowAt?: boolean;
}

export function parseSchedule(expression: string, options: ScheduleOptions): Schedule | undefined {
  try {
    return parse(expression, options);
  } catch (err) {
    if (err instanceof Invalid || err instanceof RangeError) return undefined;
    throw err;
  }
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in `timezone` (as a UTC-based number). */
export function offsetAt(ms: number, timezone: string | undefined): number {
  if (!timezone || timezone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(ms / 1000) * 1000;
}

/** A wall-clock time in `timezone` (given as a UTC-based number) back to the instant. */
function fromLocal(local: number, timezone: string | undefined): number {
  const guess = local - offsetAt(local, timezone);
  return local - offsetAt(guess, timezone);
}

function parse(expression: string, options: ScheduleOptions): Schedule {
  if (options.timezone) offsetAt(0, options.timezone); // RangeError for an unknown zone
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2];
    // "rate(1 minutes)" and "rate(5 minute)" are refused: singular exactly for 1.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw invalid();
    const period = value * UNIT_MS[unit.replace(/s$/, '')];
    const anchor = options.anchor;
    return { next: (after) => (after < anchor ? anchor + period : anchor + (Math.floor((after - anchor) / period) + 1) * period) };
  }
  const at = options.allowAt ? /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression) : null;
  if (at) {
    const [, y, mo, d, h, mi, s] = at.map(Number);
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    if (new Date(local).getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw invalid();
    const when = fromLocal(local, options.timezone);
    return { next: (after) => (when > after ? when : undefined) };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const local = parseCron(cron[1]);
    const tz = options.timezone;
    return {
      next(after) {
        const n = local.next(after + offsetAt(after, tz));
        return n === undefined ? undefined : fromLocal(n, tz);
      },
    };
  }
  throw invalid();
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A set of allowed values from a `, - * /` field. */
function values(field: string, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  const num = (t: string) => {
    const named = names?.indexOf(t.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + min : /^\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw invalid();
    return n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw invalid();
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = num(a);
      hi = num(b);
    } else {
      lo = num(range);
      hi = stepText === undefined ? lo : max;
    }
    if (lo > hi) throw invalid();
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

type DayTest = (year: number, month: number, day: number) => boolean;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1; // 1 = SUN
}

function dayOfMonth(field: string): DayTest {
  if (field === 'L') return (y, m, d) => d === daysInMonth(y, m);
  const w = /^(\d{1,2})W$/.exec(field);
  if (w) {
    const target = Number(w[1]);
    if (target < 1 || target > 31) throw invalid();
    // The weekday nearest to the target day, within the month.
    return (y, m, d) => {
      const last = daysInMonth(y, m);
      let t = Math.min(target, last);
      const wd = weekday(y, m, t);
      if (wd === 7) t = t === 1 ? t + 2 : t - 1;
      else if (wd === 1) t = t === last ? t - 2 : t + 1;
      return d === t;
    };
  }
  const set = values(field, 1, 31);
  return (_y, _m, d) => set.has(d);
}

function dayOfWeek(field: string): DayTest {
  const last = /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)L$/i.exec(field);
  if (last) {
    const wd = [...values(last[1], 1, 7, DAYS)][0];
    return (y, m, d) => weekday(y, m, d) === wd && d + 7 > daysInMonth(y, m);
  }
  const nth = /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)#([1-5])$/i.exec(field);
  if (nth) {
    const wd = [...values(nth[1], 1, 7, DAYS)][0];
    const n = Number(nth[2]);
    return (y, m, d) => weekday(y, m, d) === wd && Math.ceil(d / 7) === n;
  }
  if (field === 'L') return (y, m, d) => weekday(y, m, d) === 7;
  const set = values(field, 1, 7, DAYS);
  return (y, m, d) => set.has(weekday(y, m, d));
}

function parseCron(body: string): Schedule {
  const f = body.trim().split(/\s+/);
  if (f.length !== 6) throw invalid();
  const [min, hour, dom, month, dow, year] = f;
  if ((dom === '?') === (dow === '?')) throw invalid();
  const minutes = [...values(min, 0, 59)].sort((a, b) => a - b);
  const hours = [...values(hour, 0, 23)].sort((a, b) => a - b);
  const months = values(month, 1, 12, MONTHS);
  const years = values(year, 1970, 2199);
  const dayTest = dom === '?' ? dayOfWeek(dow) : dayOfMonth(dom);
  return {
    next(after: number): number | undefined {
      const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
      let y = start.getUTCFullYear();
      let m = start.getUTCMonth() + 1;
      let d = start.getUTCDate();
      let first = true;
      // Walk days (at most ~230 years); within a day, the first allowed hour and minute.
      for (let guard = 0; guard < 84_000; guard++) {
        if (y > 2199) return undefined;
        if (years.has(y) && months.has(m) && dayTest(y, m, d)) {
          for (const h of hours) {
            if (first && h < start.getUTCHours()) continue;
            for (const mi of minutes) {
              if (first && h === start.getUTCHours() && mi < start.getUTCMinutes()) continue;
              return Date.UTC(y, m - 1, d, h, mi);
            }
          }
        }
        first = false;
        d++;
        if (d > daysInMonth(y, m)) {
          d = 1;
          m++;
          if (m > 12) {
            m = 1;
            y++;
          }
        }
      }
      return undefined;
    },
  };
}
