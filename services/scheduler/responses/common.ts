/** What the Scheduler handlers share: context, names, paging, tags. */
import type { RequestContext } from '../../../src/core/service';
import { validation } from '../exceptions';
import type { SchedulerBackend } from '../models/backend';

export type Ctx = RequestContext<SchedulerBackend>;

const NAME = /^[0-9a-zA-Z-_.]+$/;

export function checkName(value: string | undefined, member: string): void {
  if (value === undefined) return;
  if (value.length < 1 || value.length > 64 || !NAME.test(value)) {
    throw validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$`);
  }
}

export function checkMax(value: number | undefined): number {
  if (value === undefined) return 100;
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw validation(`1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  return value;
}

/** One page in name order after the name a NextToken carries. */
export function page<T>(items: T[], name: (t: T) => string, token: string | undefined, max: number): { out: T[]; NextToken?: string } {
  let after: string | undefined;
  if (token !== undefined) {
    const text = Buffer.from(token, 'base64url').toString();
    if (!text.startsWith('n:')) throw validation('Invalid NextToken.');
    after = text.slice(2);
  }
  const sorted = items.filter((t) => after === undefined || name(t) > after).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const out = sorted.slice(0, max);
  return { out, NextToken: sorted.length > max ? Buffer.from(`n:${name(out[out.length - 1])}`).toString('base64url') : undefined };
}
