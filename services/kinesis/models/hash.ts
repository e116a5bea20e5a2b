/**
 * The 128-bit hash-key space of a stream: partition keys hash by MD5 to an
 * unsigned 128-bit integer, and each open shard owns one contiguous range.
 */
import { createHash } from 'node:crypto';

export const HASH_MAX = (1n << 128n) - 1n;

export interface HashRange {
  start: bigint;
  end: bigint;
}

export function hashOfPartitionKey(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** `count` ranges splitting [start, end] evenly, the first ones absorbing no remainder (as AWS's). */
export function splitEvenly(count: number, start = 0n, end = HASH_MAX): HashRange[] {
  const width = end - start + 1n;
  const ranges: HashRange[] = [];
  for (let i = 0; i < count; i++) {
    const from = start + (width * BigInt(i)) / BigInt(count);
    const to = i === count - 1 ? end : start + (width * BigInt(i + 1)) / BigInt(count) - 1n;
    ranges.push({ start: from, end: to });
  }
  return ranges;
}
