/**
 * Small containers the message store is built on: a binary min-heap keyed by
 * time (delays and visibility timeouts) and a growable ring deque (ready
 * messages, retention order). Both are O(1)/O(log n) per operation, which is
 * what keeps SendMessage and ReceiveMessage flat as a queue gets deep.
 */

/** Items ordered by their `at` (a field, not a key function: state holds no closures, so it persists). */
export class MinHeap<T extends { at: number }> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    const k = keyOf(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keyOf(a[parent]) <= k) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as T;
    if (a.length > 0) {
      let i = 0;
      const k = keyOf(last);
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const child = r < a.length && keyOf(a[r]) < keyOf(a[l]) ? r : l;
        if (keyOf(a[child]) >= k) break;
        a[i] = a[child];
        i = child;
      }
      a[i] = last;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

export class Deque<T> {
  private buf: Array<T | undefined> = new Array(16);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.head + this.count) % this.buf.length] = item;
    this.count++;
  }

  unshift(item: T): void {
    if (this.count === this.buf.length) this.grow();
    this.head = (this.head - 1 + this.buf.length) % this.buf.length;
    this.buf[this.head] = item;
    this.count++;
  }

  peek(): T | undefined {
    return this.count === 0 ? undefined : this.buf[this.head];
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.buf.length;
    this.count--;
    return item;
  }

  /** Item at position i from the front (0-based). */
  at(i: number): T | undefined {
    return i < this.count ? this.buf[(this.head + i) % this.buf.length] : undefined;
  }

  clear(): void {
    this.buf = new Array(16);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const next: Array<T | undefined> = new Array(this.buf.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}

function keyOf(item: { at: number }): number {
  return item.at;
}
