/**
 * A named collection with IAM's case-insensitive uniqueness and ordered
 * pages: a Map for lookups and a sorted key set, so a page resumes from its
 * Marker by binary search.
 */
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { invalidInput } from '../exceptions';

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export const encodeMarker = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const key = Buffer.from(marker, 'base64url').toString('utf8');
  if (!key || encodeMarker(key) !== marker) throw invalidInput('Invalid Marker.');
  return key;
}

/** One page of a list already in order; `keyOf` names each item in the Marker. */
export function pageOf<T>(items: Iterable<T>, marker: string | undefined, maxItems: number | undefined, keyOf: (t: T) => string): Page<T> {
  const after = decodeMarker(marker);
  const limit = maxItems ?? 100;
  const out: T[] = [];
  let started = after === undefined;
  for (const item of items) {
    if (!started) {
      if (keyOf(item) === after) started = true;
      continue;
    }
    if (out.length === limit) return { items: out, IsTruncated: true, Marker: encodeMarker(keyOf(out[out.length - 1])) };
    out.push(item);
  }
  return { items: out, IsTruncated: false };
}

export class NamedStore<T extends { name: string }> {
  private readonly byKey = new Map<string, T>();
  private readonly order = new SortedKeySet();

  get size(): number {
    return this.byKey.size;
  }

  get(name: string): T | undefined {
    return this.byKey.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byKey.has(name.toLowerCase());
  }

  add(item: T): void {
    const key = item.name.toLowerCase();
    this.byKey.set(key, item);
    this.order.add(key);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    this.byKey.delete(key);
    this.order.delete(key);
  }

  /** Renames (or re-paths) an item in place: `change` runs while it is out of the index. */
  rekey(item: T, change: () => void): void {
    this.delete(item.name);
    change();
    this.add(item);
  }

  values(): IterableIterator<T> {
    return this.byKey.values();
  }

  /** Items in name order, from after the marker, that pass the filter. */
  page(marker: string | undefined, maxItems: number | undefined, filter?: (t: T) => boolean): Page<T> {
    const after = decodeMarker(marker);
    const limit = maxItems ?? 100;
    const out: T[] = [];
    for (const key of this.order.from(after, true)) {
      const item = this.byKey.get(key) as T;
      if (filter && !filter(item)) continue;
      if (out.length === limit) return { items: out, IsTruncated: true, Marker: encodeMarker(out[out.length - 1].name.toLowerCase()) };
      out.push(item);
    }
    return { items: out, IsTruncated: false };
  }
}
