/**
 * Schedule expressions of EventBridge rules ("Creating an Amazon EventBridge
 * rule that runs on a schedule"): `rate(value unit)` with minute(s),
 * hour(s), day(s) (singular for 1), and `cron(minutes hours day-of-month
 * month day-of-week year)` in UTC, with `, - * / ?` everywhere they are
 * allowed, `L` and `W` in day-of-month, `L` and `#` in day-of-week (1 =
 * SUN), and exactly one of day-of-month / day-of-week as `?`.
 */
import { validation } from '../exceptions';

export interface Schedule {
  /** The first fire time strictly after `after` (ms), or undefined when there is none. */
  next(after: number): number | undefined;
}

const invalid = () => validation('Parameter ScheduleExpression is not valid.');

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expression: string, createdAt: number): Schedule {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2];
    // "rate(1 minutes)" and "rate(5 minute)" are refused: singular exactly for 1.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw invalid();
    const period = value * UNIT_MS[unit.replace(/s$/, '')];
    return { next: (after) => createdAt + (Math.floor((after - createdAt) / period) + 1) * period };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return parseCron(cron[1]);
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
