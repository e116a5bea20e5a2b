/**
 * NextToken paging for the small control-plane lists (exports, imports,
 * contributor insights, global tables): the token names the first entry
 * of the next page, so a page stays right when entries are added meanwhile.
 */
import { constraintFailure, validation } from '../exceptions';

export function checkPageSize(value: number | undefined, member: string, max: number, fallback = max): number {
  const n = value ?? fallback;
  if (n < 1) throw constraintFailure(n, member, 'Member must have value greater than or equal to 1');
  if (n > max) throw constraintFailure(n, member, `Member must have value less than or equal to ${max}`);
  return n;
}

export function page<T>(
  entries: T[],
  idOf: (e: T) => string,
  token: string | undefined,
  size: number,
): { items: T[]; next?: string } {
  let from = 0;
  if (token !== undefined) {
    const id = Buffer.from(token, 'base64url').toString('utf8');
    from = entries.findIndex((e) => idOf(e) === id);
    if (from < 0) throw validation('Invalid NextToken');
  }
  const items = entries.slice(from, from + size);
  const rest = entries[from + size];
  return { items, next: rest === undefined ? undefined : Buffer.from(idOf(rest)).toString('base64url') };
}
