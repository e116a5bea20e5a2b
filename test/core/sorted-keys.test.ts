import { compareUtf8, SortedKeySet } from '../../src/core/sorted-keys';
import { SortedList } from '../../src/core/sorted-list';

/** Keys k00000..k(n-1), zero-padded so string order is numeric order. */
const keysUpTo = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(5, '0')}`);

/** A deterministic shuffle (LCG), so insert order is not sorted order. */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('compareUtf8', () => {
  it('orders by UTF-8 bytes: astral characters after the top of the BMP', () => {
    const astral = '\u{1F600}'; // UTF-8 F0 9F 98 80, UTF-16 D83D DE00
    const bmpHigh = '\uFF21'; // UTF-8 EF BC A1
    expect(astral < bmpHigh).toBe(true); // JS compares UTF-16 code units
    expect(compareUtf8(astral, bmpHigh)).toBe(1);
    expect(compareUtf8(bmpHigh, astral)).toBe(-1);
    expect(Buffer.compare(Buffer.from(astral), Buffer.from(bmpHigh))).toBe(1);
  });

  it('agrees with plain comparison on ASCII and orders a prefix first', () => {
    expect(compareUtf8('a', 'b')).toBe(-1);
    expect(compareUtf8('b', 'a')).toBe(1);
    expect(compareUtf8('ab', 'ab')).toBe(0);
    expect(compareUtf8('ab', 'abc')).toBe(-1);
    expect(compareUtf8('abc', 'ab')).toBe(1);
    expect(compareUtf8('', 'a')).toBe(-1);
  });
});

describe('SortedKeySet', () => {
  it('keeps keys sorted and unique across many chunks', () => {
    const set = new SortedKeySet();
    const keys = keysUpTo(3000);
    for (const k of shuffled(keys)) expect(set.add(k)).toBe(true);
    expect(set.add('k00007')).toBe(false);
    expect(set.size).toBe(3000);
    expect([...set]).toEqual(keys);
    expect(set.has('k02999')).toBe(true);
    expect(set.has('k03000')).toBe(false);
  });

  it('deletes keys, reporting whether they were there', () => {
    const set = new SortedKeySet();
    for (const k of keysUpTo(1500)) set.add(k);
    for (const k of keysUpTo(1500).filter((_, i) => i % 2 === 0)) expect(set.delete(k)).toBe(true);
    expect(set.delete('k00000')).toBe(false);
    expect(set.size).toBe(750);
    expect([...set].slice(0, 3)).toEqual(['k00001', 'k00003', 'k00005']);
    for (const k of [...set]) set.delete(k);
    expect(set.size).toBe(0);
    expect([...set]).toEqual([]);
  });

  it('walks from a key, inclusive or exclusive, present or not', () => {
    const set = new SortedKeySet();
    for (const k of ['a', 'c', 'e']) set.add(k);
    expect([...set.from('c')]).toEqual(['c', 'e']);
    expect([...set.from('c', true)]).toEqual(['e']);
    expect([...set.from('b', true)]).toEqual(['c', 'e']);
    expect([...set.from('f')]).toEqual([]);
    expect([...set.from(undefined)]).toEqual(['a', 'c', 'e']);
  });

  it('pages after a key, naming the last key of a page when more follow', () => {
    const set = new SortedKeySet();
    for (const k of keysUpTo(250)) set.add(k);
    const p1 = set.page(undefined, 100);
    expect(p1.keys).toHaveLength(100);
    expect(p1.next).toBe('k00099');
    const p2 = set.page(p1.next, 100);
    expect(p2.keys[0]).toBe('k00100');
    const p3 = set.page(p2.next, 100);
    expect(p3.keys).toEqual(keysUpTo(250).slice(200));
    expect(p3.next).toBeUndefined();
    // A full last page has no next: nothing follows it.
    expect(set.page('k00149', 100)).toEqual({ keys: keysUpTo(250).slice(150), next: undefined });
    // A token whose key was deleted still resumes after it.
    set.delete('k00099');
    expect(set.page('k00099', 1).keys).toEqual(['k00100']);
  });

  it('orders keys by UTF-8 bytes, not UTF-16 units', () => {
    const set = new SortedKeySet();
    for (const k of ['\u{1F600}', '\uFF21', 'z']) set.add(k);
    expect([...set]).toEqual(['z', '\uFF21', '\u{1F600}']);
  });
});

describe('SortedList', () => {
  const numbers = () => new SortedList<number>((a, b) => a - b);

  it('replaces an equal element on insert and returns the old one', () => {
    const list = new SortedList<{ k: number; v: string }>((a, b) => a.k - b.k);
    expect(list.insert({ k: 1, v: 'a' })).toBeUndefined();
    expect(list.insert({ k: 1, v: 'b' })).toEqual({ k: 1, v: 'a' });
    expect(list.size).toBe(1);
    expect(list.find((x) => x.k - 1)).toEqual({ k: 1, v: 'b' });
    expect(list.remove({ k: 1, v: '' })).toEqual({ k: 1, v: 'b' });
    expect(list.remove({ k: 1, v: '' })).toBeUndefined();
  });

  it('walks backward from a probe, inclusive or exclusive, across chunks', () => {
    const list = numbers();
    for (const n of shuffled(Array.from({ length: 2000 }, (_, i) => i * 2))) list.insert(n);
    const take = (it: Iterable<number>, n: number) => {
      const out: number[] = [];
      for (const x of it) {
        if (out.length === n) break;
        out.push(x);
      }
      return out;
    };
    expect(take(list.walk((x) => x - 1000, false), 3)).toEqual([1000, 998, 996]);
    expect(take(list.walk((x) => x - 1000, false, true), 3)).toEqual([998, 996, 994]);
    expect(take(list.walk((x) => x - 1001, false), 2)).toEqual([1000, 998]);
    expect(take(list.walk(undefined, false), 2)).toEqual([3998, 3996]);
    expect([...list.walk((x) => x + 1, false)]).toEqual([]);
    expect(take(list.walk((x) => x - 3997, true), 5)).toEqual([3998]);
    expect(take(list.walk(undefined, true), 2)).toEqual([0, 2]);
  });
});
