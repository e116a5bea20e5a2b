/**
 * Shard iterators: opaque tokens that carry where to read (stream, its
 * creation time so a re-created stream refuses old iterators, shard,
 * absolute position) and when they were issued (they expire 5 minutes later).
 */
import { invalidArgument } from '../exceptions';

export const ITERATOR_TTL_MS = 300_000;

export interface IteratorState {
  stream: string;
  streamCreatedAt: number;
  shardId: string;
  position: number;
  issuedAt: number;
}

export function encodeIterator(state: IteratorState): string {
  const body = JSON.stringify([state.stream, state.streamCreatedAt, state.shardId, state.position, state.issuedAt]);
  return `AAAAAAAAAAE${Buffer.from(body, 'utf8').toString('base64')}`;
}

export function decodeIterator(token: string): IteratorState {
  const bad = () => invalidArgument('Invalid ShardIterator.');
  if (!token.startsWith('AAAAAAAAAAE')) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.slice(11), 'base64').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw bad();
  const [stream, streamCreatedAt, shardId, position, issuedAt] = parsed;
  if (typeof stream !== 'string' || typeof shardId !== 'string') throw bad();
  if (![streamCreatedAt, position, issuedAt].every((n) => Number.isSafeInteger(n))) throw bad();
  return { stream, streamCreatedAt, shardId, position, issuedAt };
}
