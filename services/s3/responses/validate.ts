/**
 * Input checks S3 applies before it touches state: keys, enums, tag sets,
 * Content-MD5 and the x-amz-checksum-* headers of an upload.
 */
import { setEntry } from '../../../src/protocols/values';
import { AwsError } from '../../../src/core/errors';
import {
  badDigest,
  invalidArgument,
  invalidDigest,
  invalidRequest,
  invalidTag,
  keyTooLong,
} from '../exceptions';
import {
  CHECKSUM_ALGORITHMS,
  CHECKSUM_MEMBER,
  type ChecksumAlgorithm,
  DIGEST_BYTES,
  checksumNowOr,
} from '../models/checksums';
import { createHash } from 'node:crypto';
import type { Tag } from '../models/object';

export const STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'OUTPOSTS',
  'GLACIER_IR',
  'SNOW',
  'EXPRESS_ONEZONE',
  'FSX_OPENZFS',
  'FSX_ONTAP',
];

export const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

export function checkKey(key: string | undefined): string {
  if (key === undefined || key === '') throw invalidArgument('A key must be specified', 'key', key ?? '');
  const bytes = Buffer.byteLength(key);
  if (bytes > 1024) throw keyTooLong(bytes);
  return key;
}

export function checkEnum(value: unknown, allowed: readonly string[], argument: string, message?: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalidArgument(message ?? `Invalid ${argument}`, argument, value);
  }
}

/** Content-MD5: malformed → InvalidDigest, mismatched → BadDigest. */
export function checkContentMd5(contentMd5: string | undefined, chunks: readonly Buffer[]): void {
  if (contentMd5 === undefined) return;
  const raw = Buffer.from(contentMd5, 'base64');
  if (raw.length !== 16 || raw.toString('base64') !== contentMd5.trim()) throw invalidDigest();
  const hash = createHash('md5');
  for (const chunk of chunks) hash.update(chunk);
  if (!hash.digest().equals(raw)) throw badDigest();
}

/** The one x-amz-checksum-* value of an input, if any (S3 allows a single one). */
export function sentChecksum(input: Record<string, unknown>): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  let algorithm: ChecksumAlgorithm | undefined;
  // A loop, not a filtered array: this runs on every upload.
  for (const a of CHECKSUM_ALGORITHMS) {
    if (typeof input[CHECKSUM_MEMBER[a]] !== 'string') continue;
    if (algorithm !== undefined) {
      throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    }
    algorithm = a;
  }
  if (algorithm === undefined) return undefined;
  const value = input[CHECKSUM_MEMBER[algorithm]] as string;
  if (Buffer.from(value, 'base64').length !== DIGEST_BYTES[algorithm]) {
    throw invalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
  }
  return { algorithm, value };
}

type StoredChecksum = { algorithm: ChecksumAlgorithm; value: string } | undefined;

/**
 * Verifies the sent checksum against the body and returns the checksum to
 * store: the sent one, else the requested algorithm's, else S3's default
 * CRC64NVME (S3 adds it to every object uploaded without one). A promise only
 * for CRC64NVME, whose library digests asynchronously: the SDK's default CRC32
 * is answered at once. Callers await it inside async handlers, so a throw here
 * still rejects the call.
 */
export function verifyChecksum(
  input: Record<string, unknown>,
  chunks: readonly Buffer[],
  fallback: ChecksumAlgorithm | undefined = 'CRC64NVME',
): StoredChecksum | Promise<StoredChecksum> {
  const sent = sentChecksum(input);
  const requested = input.ChecksumAlgorithm as string | undefined;
  if (requested !== undefined && !(CHECKSUM_ALGORITHMS as readonly string[]).includes(requested)) {
    throw invalidRequest('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5]');
  }
  if (sent) {
    const check = (actual: string) => {
      if (actual !== sent.value) throw badDigest(`The ${sent.algorithm} you specified did not match the calculated checksum.`);
      return sent;
    };
    const actual = checksumNowOr(sent.algorithm, chunks);
    return typeof actual === 'string' ? check(actual) : actual.then(check);
  }
  const algorithm = (requested as ChecksumAlgorithm | undefined) ?? fallback;
  if (!algorithm) return undefined;
  const value = checksumNowOr(algorithm, chunks);
  return typeof value === 'string' ? { algorithm, value } : value.then((v) => ({ algorithm, value: v }));
}

/** Parses the URL-encoded x-amz-tagging header (`k1=v1&k2=v2`). */
export function parseTaggingHeader(header: string | undefined): Tag[] {
  if (!header) return [];
  const tags: Tag[] = [];
  for (const [Key, Value] of new URLSearchParams(header)) tags.push({ Key, Value });
  return checkTags(tags, 'object');
}

/** Tag-set limits: 10 per object (50 per bucket), key ≤ 128, value ≤ 256, unique keys. */
export function checkTags(tags: Tag[], kind: 'object' | 'bucket'): Tag[] {
  const limit = kind === 'object' ? 10 : 50;
  if (tags.length > limit) {
    throw invalidTag(kind === 'object' ? 'Object tags cannot be greater than 10' : 'Bucket tag count cannot be greater than 50');
  }
  const seen = new Set<string>();
  for (const tag of tags) {
    if (typeof tag.Key !== 'string' || typeof tag.Value !== 'string') throw malformedTag();
    if (tag.Key.length > 128) throw invalidTag('The TagKey you have provided is too long, max 128', tag.Key);
    if (tag.Key.length === 0) throw invalidTag('The TagKey you have provided is invalid', tag.Key);
    if (tag.Value.length > 256) throw invalidTag('The TagValue you have provided is too long, max 256', tag.Key);
    if (tag.Key.startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:', tag.Key);
    if (seen.has(tag.Key)) throw invalidTag('Cannot provide multiple Tags with the same key', tag.Key);
    seen.add(tag.Key);
  }
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

function malformedTag(): AwsError {
  return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', {
    status: 400,
  });
}

/** Metadata (x-amz-meta-*) may total 2 KB: names and values, UTF-8. */
export function checkMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  if (!metadata) return {};
  let size = 0;
  // Keyed by user input: `__proto__` and `constructor` are ordinary metadata names.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(metadata)) {
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
    setEntry(out, k.toLowerCase(), v);
  }
  if (size > 2048) {
    throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', {
      status: 400,
      fields: { Size: size, MaxSizeAllowed: 2048 },
    });
  }
  return out;
}
