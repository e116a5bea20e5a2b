/**
 * The listing walk shared by ListObjects, ListObjectsV2 and
 * ListObjectVersions: seek to the start in a sorted key index, roll keys up
 * into CommonPrefixes at the delimiter (jumping over the whole prefix rather
 * than stepping through it), and stop after MaxKeys entries. A page costs
 * O(log n + page) however many keys the bucket holds.
 */
import { compareUtf8, type SortedKeySet } from '../../../src/core/sorted-keys';

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  /** Start strictly after this key (Marker, StartAfter, a continuation token). */
  after?: string;
  maxKeys: number;
}

export interface ListPage<E> {
  entries: E[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned (NextMarker / continuation token). */
  last?: string;
}

/**
 * `expand(key, isFirst)` gives the entries one key contributes (one object,
 * or its versions); `isFirst` is true for the key the walk resumed at, so
 * a version marker can skip the versions already returned.
 */
export function walk<E>(
  keys: SortedKeySet,
  req: ListRequest,
  expand: (key: string, resumed: boolean) => E[],
  resumeInside?: string,
): ListPage<E> & { lastEntryKey?: string; partial?: boolean } {
  const { prefix, delimiter, maxKeys } = req;
  const page: ListPage<E> & { lastEntryKey?: string; partial?: boolean } = {
    entries: [],
    commonPrefixes: [],
    isTruncated: false,
  };
  // max-keys=0 asks for nothing: an empty page that is not truncated.
  if (maxKeys === 0) return page;
  const afterPrefix = req.after !== undefined && compareUtf8(req.after, prefix) >= 0;
  let cursor = afterPrefix ? (req.after as string) : prefix;
  let exclusive = afterPrefix;
  // A marker that is itself a common prefix resumes after everything it rolled up.
  if (exclusive && delimiter && rollUp(cursor, prefix, delimiter) === cursor) {
    const past = successor(cursor);
    if (past !== undefined) {
      cursor = past;
      exclusive = false;
    }
  }
  let count = 0;
  let resumedKey = resumeInside;
  if (resumeInside !== undefined) {
    cursor = resumeInside;
    exclusive = false;
  }
  outer: for (;;) {
    let reseek: string | undefined;
    for (const key of keys.from(cursor, exclusive)) {
      // The walk starts at or after the prefix, so the first key outside it ends the range.
      if (!key.startsWith(prefix)) break outer;
      const common = delimiter ? rollUp(key, prefix, delimiter) : undefined;
      if (common !== undefined) {
        if (common === page.last) continue;
        if (count >= maxKeys) {
          page.isTruncated = true;
          break outer;
        }
        page.commonPrefixes.push(common);
        page.last = common;
        page.lastEntryKey = undefined;
        count++;
        reseek = successor(common);
        if (reseek === undefined) continue;
        break;
      }
      const entries = expand(key, key === resumedKey);
      resumedKey = undefined;
      if (entries.length === 0) continue;
      if (count >= maxKeys) {
        page.isTruncated = true;
        break outer;
      }
      const room = maxKeys - count;
      if (entries.length > room) {
        // A key with more versions than the page has room for: the page ends inside it.
        page.entries.push(...entries.slice(0, room));
        page.isTruncated = true;
        page.partial = true;
        page.last = key;
        page.lastEntryKey = key;
        break outer;
      }
      page.entries.push(...entries);
      page.last = key;
      page.lastEntryKey = key;
      count += entries.length;
    }
    if (reseek === undefined) break;
    cursor = reseek;
    exclusive = false;
  }
  return page;
}

/** The CommonPrefix a key rolls up into, or undefined when it has no delimiter past the prefix. */
export function rollUp(key: string, prefix: string, delimiter: string): string | undefined {
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/** The least string greater than every string that starts with `p` (undefined when none is cheap). */
function successor(p: string): string | undefined {
  const last = p.charCodeAt(p.length - 1);
  // Bumping a surrogate or U+FFFF would not order correctly under UTF-8 comparison.
  if (Number.isNaN(last) || last >= 0xd7ff) return undefined;
  return p.slice(0, -1) + String.fromCharCode(last + 1);
}
