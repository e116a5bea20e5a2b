/**
 * A sorted set of keys with "page after key" reads, so ListTopics and
 * ListSubscriptions resume from a NextToken by binary search, not by scanning.
 */
export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  add(key: string): void {
    const i = this.lowerBound(key);
    if (this.keys[i] !== key) this.keys.splice(i, 0, key);
  }

  delete(key: string): void {
    const i = this.lowerBound(key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
  }

  /** Up to `limit` keys after `after` (exclusive); `next` is set when more follow. */
  page(after: string | undefined, limit: number): { keys: string[]; next?: string } {
    let i = after === undefined ? 0 : this.lowerBound(after);
    if (after !== undefined && this.keys[i] === after) i++;
    const keys = this.keys.slice(i, i + limit);
    return { keys, next: i + limit < this.keys.length ? keys[keys.length - 1] : undefined };
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this.keys;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
