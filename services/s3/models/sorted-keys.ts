/**
 * A sorted set of object keys in S3's order (UTF-8 byte order), kept as a
 * list of bounded blocks so that insert and delete cost O(log n + block)
 * and a listing page costs O(log n + page): it seeks to its start key and
 * walks forward, never scanning the keys before it.
 */

const BLOCK = 512;

/**
 * Compares two strings by their UTF-8 bytes. JS compares UTF-16 code units,
 * which disagrees with UTF-8 only when one side is a surrogate (astral
 * character) and the other a BMP character at U+E000 or above.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

export class SortedKeySet {
  private blocks: string[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    const [b, i] = this.locate(key);
    return b < this.blocks.length && this.blocks[b][i] === key;
  }

  add(key: string): boolean {
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      this.count = 1;
      return true;
    }
    let [b, i] = this.locate(key);
    if (b === this.blocks.length) {
      // Greater than everything: append to the last block.
      b = this.blocks.length - 1;
      i = this.blocks[b].length;
    } else if (this.blocks[b][i] === key) {
      return false;
    }
    const block = this.blocks[b];
    block.splice(i, 0, key);
    this.count++;
    if (block.length > BLOCK * 2) this.blocks.splice(b, 1, block.slice(0, BLOCK), block.slice(BLOCK));
    return true;
  }

  delete(key: string): boolean {
    const [b, i] = this.locate(key);
    if (b >= this.blocks.length || this.blocks[b][i] !== key) return false;
    const block = this.blocks[b];
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  /** Keys ≥ `from` (or > `from` when `exclusive`), in order. */
  *from(from: string | undefined, exclusive = false): Generator<string> {
    let b = 0;
    let i = 0;
    if (from !== undefined) [b, i] = this.locate(from);
    if (exclusive && b < this.blocks.length && this.blocks[b][i] === from) i++;
    for (; b < this.blocks.length; b++, i = 0) {
      const block = this.blocks[b];
      for (; i < block.length; i++) yield block[i];
    }
  }

  /** Position of the first key ≥ `key`: [block, index]; block = blocks.length when none. */
  private locate(key: string): [number, number] {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = blocks[mid][blocks[mid].length - 1];
      if (compareKeys(last, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === blocks.length) return [lo, 0];
    const block = blocks[lo];
    let l = 0;
    let h = block.length;
    while (l < h) {
      const mid = (l + h) >>> 1;
      if (compareKeys(block[mid], key) < 0) l = mid + 1;
      else h = mid;
    }
    return [lo, l];
  }
}
