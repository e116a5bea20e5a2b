/**
 * Alarm mute rules: a schedule (`cron(min hour dom month dow)` recurring, or
 * `at(yyyy-MM-ddThh:mm)` once) in a time zone, a duration (PT1M..P15D), an
 * optional start and expire date, and the alarms it targets. While one of its
 * windows is open (on the core clock) the targeted alarms still evaluate and
 * change state, but their actions are not delivered.
 */
import { offsetAt } from '../../../src/core/events/schedule';
import { invalidParameterValue } from '../exceptions';
import type * as T from '../types';

export type MuteStatus = 'SCHEDULED' | 'ACTIVE' | 'EXPIRED';

const MINUTE = 60_000;
const MIN_DURATION = MINUTE;
const MAX_DURATION = 15 * 24 * 3600_000;

export interface MuteRule {
  name: string;
  arn: string;
  input: T.PutAlarmMuteRuleInput;
  schedule: Schedule;
  durationMs: number;
  updated: number;
}

type Schedule = { kind: 'at'; local: number } | { kind: 'cron'; fields: Array<Set<number>> };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** minute, hour, day of month, month (1-12), day of week (0-6, Sunday 0). */
const RANGES: Array<[number, number, string[]?]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, MONTHS],
  [0, 6, DAYS],
];

/** ISO 8601 duration (days, hours, minutes, seconds) in ms, within PT1M..P15D. */
export function parseDuration(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw invalidParameterValue(`Invalid duration: ${text}. Use the ISO 8601 duration format, such as PT4H.`);
  const [d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0));
  const ms = ((d * 24 + h) * 60 + min) * MINUTE + s * 1000;
  if (ms < MIN_DURATION || ms > MAX_DURATION) {
    throw invalidParameterValue(`Invalid duration: ${text}. The duration must be between PT1M and P15D.`);
  }
  return ms;
}

function field(text: string, [lo, hi, names]: [number, number, string[]?], expression: string): Set<number> {
  const out = new Set<number>();
  const value = (v: string) => {
    const named = names?.indexOf(v.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (lo === 1 ? 1 : 0) : /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!(n >= lo && n <= hi)) throw invalidParameterValue(`Invalid schedule expression: ${expression}`);
    return n;
  };
  for (const part of text.split(',')) {
    if (part === '*') {
      for (let i = lo; i <= hi; i++) out.add(i);
      continue;
    }
    const range = part.split('-');
    if (range.length > 2 || range.some((r) => r === '')) throw invalidParameterValue(`Invalid schedule expression: ${expression}`);
    const from = value(range[0]);
    const to = range.length === 2 ? value(range[1]) : from;
    if (to < from) throw invalidParameterValue(`Invalid schedule expression: ${expression}`);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return out;
}

/** `cron(...)` with five fields of `*`, `-`, `,`, month and weekday names; or `at(yyyy-MM-ddThh:mm)`. */
export function parseSchedule(expression: string): Schedule {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    const [y, mo, d, h, mi] = at.slice(1).map(Number);
    const local = Date.UTC(y, mo - 1, d, h, mi);
    const back = new Date(local);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) {
      throw invalidParameterValue(`Invalid schedule expression: ${expression}`);
    }
    return { kind: 'at', local };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  const parts = cron?.[1].trim().split(/\s+/);
  if (parts?.length !== 5) throw invalidParameterValue(`Invalid schedule expression: ${expression}`);
  return { kind: 'cron', fields: parts.map((p, i) => field(p, RANGES[i], expression)) };
}

/** Checks a time zone name (IANA identifiers, as Intl knows them). */
export function checkTimezone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw invalidParameterValue(`Invalid timezone: ${zone}`);
  }
}

function cronMatches(fields: Array<Set<number>>, local: number): boolean {
  const d = new Date(local);
  return (
    fields[0].has(d.getUTCMinutes()) &&
    fields[1].has(d.getUTCHours()) &&
    fields[2].has(d.getUTCDate()) &&
    fields[3].has(d.getUTCMonth() + 1) &&
    fields[4].has(d.getUTCDay())
  );
}

/** The start (UTC ms) of the window open at `now`, if one is (cron: the latest activation within one duration back). */
function openWindow(rule: MuteRule, now: number): number | undefined {
  const zone = rule.input.Rule.Schedule.Timezone ?? 'UTC';
  const shift = offsetAt(now, zone);
  const localNow = now + shift;
  const s = rule.schedule;
  if (s.kind === 'at') return s.local <= localNow && localNow < s.local + rule.durationMs ? s.local - shift : undefined;
  // At most 15 days of minutes, plain arithmetic on the local time.
  const latest = Math.floor(localNow / MINUTE) * MINUTE;
  for (let t = latest; t > localNow - rule.durationMs; t -= MINUTE) {
    if (cronMatches(s.fields, t)) return t - shift;
  }
  return undefined;
}

/** SCHEDULED, ACTIVE (a window is open, after the start date) or EXPIRED (past the expire date, or a one-time window past). */
export function muteStatus(rule: MuteRule, now: number): MuteStatus {
  const { StartDate, ExpireDate } = rule.input;
  if (ExpireDate !== undefined && now >= ExpireDate.getTime()) return 'EXPIRED';
  if (StartDate !== undefined && now < StartDate.getTime()) return 'SCHEDULED';
  if (openWindow(rule, now) !== undefined) return 'ACTIVE';
  if (rule.schedule.kind === 'at') {
    const zone = rule.input.Rule.Schedule.Timezone ?? 'UTC';
    if (now + offsetAt(now, zone) >= rule.schedule.local + rule.durationMs) return 'EXPIRED';
  }
  return 'SCHEDULED';
}

export const muteType = (rule: MuteRule) => (rule.schedule.kind === 'at' ? 'ONE_TIME' : 'RECURRING');

export function targets(rule: MuteRule, alarmName: string): boolean {
  return rule.input.MuteTargets?.AlarmNames.includes(alarmName) ?? false;
}
