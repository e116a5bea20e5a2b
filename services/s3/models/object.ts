/**
 * One stored object version (or delete marker) and the small helpers that
 * make one: version ids, ETags, and byte ranges over a body kept as a list of
 * Buffers (a multipart object keeps its parts' buffers, never concatenated).
 */
import { randomBytes } from 'node:crypto';
import type { ChecksumAlgorithm } from './checksums';

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** base64 digest; composite multipart values end in `-<parts>`. */
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** Content headers S3 stores with an object and sends back on GET/HEAD. */
export interface ContentHeaders {
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  Expires?: Date;
  WebsiteRedirectLocation?: string;
}

export interface Encryption {
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  SSEKMSEncryptionContext?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: string;
  SSECustomerKeyMD5?: string;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface PartRecord {
  PartNumber: number;
  Size: number;
  ETag: string;
  checksum?: string;
}

export type AclSetting = string | { Owner?: unknown; Grants?: unknown[] };

export interface Retention {
  Mode: string;
  RetainUntilDate: Date;
}

export interface StoredObject {
  key: string;
  /** 'null' for objects written while versioning was off or suspended. */
  versionId: string;
  deleteMarker: boolean;
  chunks: Buffer[];
  size: number;
  /** Quoted, as S3 sends it: `"<md5 hex>"` or `"<md5 of md5s>-<n>"`. */
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
  headers: ContentHeaders;
  storageClass: string;
  encryption: Encryption;
  checksum?: ObjectChecksum;
  parts?: PartRecord[];
  tags: Tag[];
  /** Canned ACL name ('private' by default), or a full AccessControlPolicy document. */
  acl: AclSetting;
  owner: string;
  retention?: Retention;
  legalHold?: 'ON' | 'OFF';
  /** Archived objects: until when a RestoreObject copy is readable. */
  restoredUntil?: Date;
}

const VERSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';

/** An opaque 32-character version id, like the ones S3 hands out. */
export function newVersionId(): string {
  const bytes = randomBytes(32);
  let out = '';
  for (const b of bytes) out += VERSION_ALPHABET[b & 63];
  return out;
}

export function quoteEtag(hex: string): string {
  return `"${hex}"`;
}

/** ETags compare without their quotes (clients send both forms). */
export function sameEtag(a: string, b: string): boolean {
  const strip = (s: string) => s.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return strip(a) === strip(b);
}

/** The bytes [start, end] (inclusive) of a chunked body, sharing memory where it can. */
export function sliceChunks(chunks: readonly Buffer[], start: number, end: number): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const chunkEnd = offset + chunk.length;
    if (chunkEnd > start && offset <= end) {
      out.push(chunk.subarray(Math.max(0, start - offset), Math.min(chunk.length, end - offset + 1)));
    }
    offset = chunkEnd;
    if (offset > end) break;
  }
  return out;
}

/** One Buffer for the body (cheap when it is a single chunk already). */
export function joinChunks(chunks: readonly Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
