/**
 * S3's additional checksums: CRC32, CRC32C, CRC64NVME, SHA1, SHA256, each
 * carried base64-encoded (big-endian for the CRCs) in x-amz-checksum-*.
 * Bodies are lists of Buffers so a multipart object is hashed without
 * concatenating it.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';

/** The algorithms the fake computes (the model also lists XXHASH*, not supported here). */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256', 'SHA512', 'MD5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The input/output member that carries each algorithm's value. */
export const CHECKSUM_MEMBER: Record<ChecksumAlgorithm, string> = {
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  CRC64NVME: 'ChecksumCRC64NVME',
  SHA1: 'ChecksumSHA1',
  SHA256: 'ChecksumSHA256',
  SHA512: 'ChecksumSHA512',
  MD5: 'ChecksumMD5',
};

export function isChecksumAlgorithm(value: unknown): value is ChecksumAlgorithm {
  return typeof value === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

/** The raw digest bytes of `chunks` under `algorithm`. */
export async function digest(algorithm: ChecksumAlgorithm, chunks: readonly Uint8Array[]): Promise<Buffer> {
  if (algorithm !== 'CRC64NVME') return digestNow(algorithm, chunks);
  const hash = new Crc64Nvme();
  for (const chunk of chunks) hash.update(chunk);
  return Buffer.from(await hash.digest());
}

/** The algorithms whose digest is computed synchronously (all but CRC64NVME, whose library answers a promise). */
export type SyncChecksumAlgorithm = Exclude<ChecksumAlgorithm, 'CRC64NVME'>;

/** `digest` without a promise, for the synchronous algorithms (the SDK's default CRC32 among them). */
export function digestNow(algorithm: SyncChecksumAlgorithm, chunks: readonly Uint8Array[]): Buffer {
  switch (algorithm) {
    case 'CRC32': {
      let value = 0;
      for (const chunk of chunks) value = crc32(chunk, value);
      return uint32(value);
    }
    case 'CRC32C': {
      const hash = new Crc32c();
      for (const chunk of chunks) hash.update(chunk);
      return uint32(hash.digest());
    }
    default: {
      const hash = createHash(algorithm.toLowerCase());
      for (const chunk of chunks) hash.update(chunk);
      return hash.digest();
    }
  }
}

export async function checksumOf(algorithm: ChecksumAlgorithm, chunks: readonly Uint8Array[]): Promise<string> {
  return (await digest(algorithm, chunks)).toString('base64');
}

/** The base64 checksum, synchronously where the algorithm allows (no promise for PutObject's usual CRC32). */
export function checksumNowOr(algorithm: ChecksumAlgorithm, chunks: readonly Uint8Array[]): string | Promise<string> {
  return algorithm === 'CRC64NVME' ? checksumOf(algorithm, chunks) : digestNow(algorithm, chunks).toString('base64');
}

/**
 * Node's one-shot digest (20.12 and later; read off the namespace so older 20.x still loads):
 * about 0.5 µs less than a Hash object for a small body, on every PutObject's ETag.
 */
const hashOnce = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;

export function md5Hex(chunks: readonly Uint8Array[]): string {
  if (hashOnce && chunks.length === 1) return hashOnce('md5', chunks[0], 'hex');
  const hash = createHash('md5');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** Byte length of a digest, to tell a malformed header from a mismatching one. */
export const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
  SHA512: 64,
  MD5: 16,
};
