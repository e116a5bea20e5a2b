/**
 * HTTP conditional requests and byte ranges as S3 applies them to GET, HEAD,
 * copy sources and conditional writes. Order (RFC 7232 §6): If-Match, then
 * If-Unmodified-Since (412), then If-None-Match, then If-Modified-Since (304).
 */
import { invalidRange, notModified, preconditionFailed } from '../exceptions';
import { sameEtag, type StoredObject } from '../models/object';

export interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: Date;
  ifUnmodifiedSince?: Date;
}

function matchesAny(header: string, etag: string): boolean {
  return header.split(',').some((tag) => tag.trim() === '*' || sameEtag(tag, etag));
}

/** Last-Modified as S3 compares it: whole seconds. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A 304 still carries the object's validators (RFC 9110 §15.4.5). */
const validators = (obj: StoredObject) => ({ etag: obj.etag, 'last-modified': obj.lastModified.toUTCString() });

/**
 * Throws PreconditionFailed (412) or NotModified (304) when the conditions
 * do not hold. `copy` uses the x-amz-copy-source-if-* semantics, where
 * every failure is a 412.
 */
export function checkConditions(obj: StoredObject, c: Conditions, copy = false): void {
  const prefix = copy ? 'x-amz-copy-source-' : '';
  const modified = seconds(obj.lastModified);
  if (c.ifMatch !== undefined && !matchesAny(c.ifMatch, obj.etag)) throw preconditionFailed(`${prefix}If-Match`);
  if (c.ifMatch === undefined && c.ifUnmodifiedSince && modified > seconds(c.ifUnmodifiedSince)) {
    throw preconditionFailed(`${prefix}If-Unmodified-Since`);
  }
  if (c.ifNoneMatch !== undefined && matchesAny(c.ifNoneMatch, obj.etag)) {
    throw copy ? preconditionFailed(`${prefix}If-None-Match`) : notModified(validators(obj));
  }
  if (c.ifNoneMatch === undefined && c.ifModifiedSince && modified <= seconds(c.ifModifiedSince)) {
    throw copy ? preconditionFailed(`${prefix}If-Modified-Since`) : notModified(validators(obj));
  }
}

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses `Range: bytes=a-b | a- | -n`. Only a single range is honoured;
 * anything S3 would ignore (other units, several ranges, garbage) gives
 * undefined so the whole object is sent. Unsatisfiable → InvalidRange (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}
