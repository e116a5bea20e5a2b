/**
 * A sorted set of string keys (names, ARNs, object keys) in AWS's order,
 * UTF-8 byte order, with seeks and "page after key" reads: the index behind
 * List* pagination, so a page resumes from its token by binary search and
 * costs O(log n + page), never a scan of the keys before it. Kept in chunks
 * (sorted-list.ts), so an insert or delete moves one chunk, not the set.
 */
import { SortedList } from './sorted-list';

/**
 * Compares two strings by their UTF-8 bytes (-1, 0 or 1). JS compares UTF-16
 * code units, which disagrees with UTF-8 only when one side is a surrogate
 * (astral character) and the other a BMP character at U+E000 or above.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (D800-DFFF) move above the rest of the BMP (E000-FFFF), as their code points are.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length === b.length ? 0 : 1;
}

/** One page of keys; `next` (the page's last key) is set when more follow it. */
export interface KeyPage {
  keys: string[];
  next?: string;
}

export class SortedKeySet implements Iterable<string> {
  private readonly list = new SortedList<string>(compareUtf8);

  get size(): number {
    return this.list.size;
  }

  has(key: string): boolean {
    return this.list.find((x) => compareUtf8(x, key)) !== undefined;
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    return this.list.insert(key) === undefined;
  }

  /** Removes `key`; false when it was not there. */
  delete(key: string): boolean {
    return this.list.remove(key) !== undefined;
  }

  /** Keys ≥ `from` (or > `from` when `exclusive`), in order; all keys without `from`. */
  from(from: string | undefined, exclusive = false): Generator<string> {
    return this.list.walk(from === undefined ? undefined : (x) => compareUtf8(x, from), true, exclusive);
  }

  /** Up to `limit` keys after `after` (exclusive), the first page without it. */
  page(after: string | undefined, limit: number): KeyPage {
    const keys: string[] = [];
    let more = false;
    for (const key of this.from(after, true)) {
      if (keys.length >= limit) {
        more = true;
        break;
      }
      keys.push(key);
    }
    return { keys, next: more ? keys[keys.length - 1] : undefined };
  }

  [Symbol.iterator](): Iterator<string> {
    return this.from(undefined);
  }
}
