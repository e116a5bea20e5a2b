/**
 * NextToken paging for the small control-plane lists (exports, imports,
 * contributor insights, global tables): the token names the first entry
 * of the next page, so a page stays right when entries are added meanwhile.
 */
import { constraintFailure, validation } from '../exceptions';
import type { RecordIndex } from '../models/record-index';

const decodeToken = (token: string) => Buffer.from(token, 'base64url').toString('utf8');
const encodeToken = (id: string) => Buffer.from(id).toString('base64url');

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
    const id = decodeToken(token);
    from = entries.findIndex((e) => idOf(e) === id);
    if (from < 0) throw validation('Invalid NextToken');
  }
  const items = entries.slice(from, from + size);
  const rest = entries[from + size];
  return { items, next: rest === undefined ? undefined : encodeToken(idOf(rest)) };
}

/** page()'s paging over exports or imports (one table's, or all), found by position instead of a scan. */
export function recordPage<T extends { arn: string; tableArn: string }>(
  index: RecordIndex<T>,
  tableArn: string | undefined,
  token: string | undefined,
  size: number,
): { items: T[]; next?: string } {
  const slice = index.slice(tableArn, token === undefined ? undefined : decodeToken(token), size);
  if (!slice) throw validation('Invalid NextToken');
  return { items: slice.items, next: slice.next && encodeToken(slice.next.arn) };
}
