/**
 * Page tokens for listings of keys in a fixed order: the token is the last key
 * returned (opaque base64), and the next page starts after it by binary search.
 */
import { invalidParameter } from '../exceptions';

export function encodeToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (!key || encodeToken(key) !== token) throw invalidParameter('Invalid pagination token.');
  return key;
}

/** A page of `sorted` (ascending, unique) after the token's key. */
export function pageOf(sorted: string[], token: string | undefined, limit: number | undefined): { items: string[]; next?: string } {
  const after = decodeToken(token);
  let start = 0;
  if (after !== undefined) {
    let hi = sorted.length;
    while (start < hi) {
      const mid = (start + hi) >> 1;
      if (sorted[mid] <= after) start = mid + 1;
      else hi = mid;
    }
  }
  const size = limit ?? 60;
  const items = sorted.slice(start, start + size);
  const more = start + size < sorted.length;
  return { items, next: more ? encodeToken(items[items.length - 1]) : undefined };
}
