/** What the EventBridge handlers share: context, names, paging, tags. */
import type { RequestContext } from '../../../src/core/service';
import { constraint, validation } from '../exceptions';
import type { EventsBackend } from '../models/backend';

export type Ctx = RequestContext<EventsBackend>;

export function checkName(value: string, member: string, pattern: RegExp, patternText: string, max: number): void {
  if (value.length < 1 || value.length > max) {
    throw constraint(value, member, `Member must have length ${value.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`);
  }
  if (!pattern.test(value)) throw constraint(value, member, `Member must satisfy regular expression pattern: ${patternText}`);
}

export function checkLimit(value: number | undefined, max = 100, member = 'limit'): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1) throw constraint(value, member, 'Member must have value greater than or equal to 1');
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

function decode(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const text = Buffer.from(token, 'base64url').toString();
  if (!text.startsWith('n:')) throw validation('The NextToken provided is invalid.');
  return text.slice(2);
}

/** One page of `items` in name order, after the name a NextToken carries. */
export function pageByName<T>(items: Iterable<T>, name: (t: T) => string, token: string | undefined, limit: number): { page: T[]; NextToken?: string } {
  const after = decode(token);
  const sorted = [...items].filter((t) => after === undefined || name(t) > after).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const page = sorted.slice(0, limit);
  return { page, NextToken: sorted.length > limit ? Buffer.from(`n:${name(page[page.length - 1])}`).toString('base64url') : undefined };
}

export function tagList(tags: Map<string, string>): Array<{ Key: string; Value: string }> {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function applyTags(into: Map<string, string>, tags: Array<{ Key?: string; Value?: string }> | undefined): void {
  for (const t of tags ?? []) {
    if (!t.Key || t.Key.length > 128) throw constraint(t.Key, 'tags.member.key', 'Member must have length between 1 and 128');
    if (t.Value === undefined || t.Value.length > 256) throw constraint(t.Value, 'tags.member.value', 'Member must have length less than or equal to 256');
  }
  if (new Set([...into.keys(), ...(tags ?? []).map((t) => t.Key as string)]).size > 50) {
    throw validation('Tag limit exceeded: a resource can have at most 50 tags.');
  }
  for (const t of tags ?? []) into.set(t.Key as string, t.Value as string);
}
