/**
 * Opaque pagination tokens (ListBuckets, ListObjectsV2): the position to
 * resume after, base64 with a version tag so a garbled token is refused
 * with S3's InvalidArgument instead of silently listing from the start.
 */
import { invalidArgument } from '../exceptions';

const TAG = 'mockaws1:';

export function encodeToken(position: string): string {
  return Buffer.from(TAG + position, 'utf8').toString('base64');
}

export function decodeToken(token: string, argument: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TAG)) throw invalidArgument('The continuation token provided is incorrect', argument, token);
  return text.slice(TAG.length);
}
