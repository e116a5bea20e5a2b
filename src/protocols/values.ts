/**
 * Scalar codecs shared by every protocol: timestamps in the three wire
 * formats, blobs, and the timestamp format a location defaults to
 * (protocols.md §2.1).
 */
import { WireError } from './wire-errors';
import type { MemberSpec, TimestampFormat } from '../core/spec';

export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = toDate(value);
  switch (format) {
    case 'epoch-seconds':
      return date.getTime() / 1000;
    case 'http-date':
      return date.toUTCString();
    default:
      return isoString(date);
  }
}

/** ISO-8601 with milliseconds only when they are not zero, as AWS writes it. */
export function isoString(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') return parseTimestamp(value);
  throw new TypeError(`mockaws: not a timestamp: ${String(value)}`);
}

/** Parses any of the three wire formats (epoch seconds, ISO-8601, HTTP date). */
export function parseTimestamp(value: string | number): Date {
  if (typeof value === 'number') return new Date(Math.round(value * 1000));
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)) return new Date(Math.round(Number(trimmed) * 1000));
  // An ISO date-time without a zone is UTC on the AWS wire, not the machine's local time.
  const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime())) {
    throw new WireError(`Invalid timestamp: ${value}`);
  }
  return date;
}

export function toBase64(value: unknown): string {
  return toBytes(value).toString('base64');
}

export function toBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new TypeError('mockaws: not a blob');
}

export function fromBase64(value: string): Buffer {
  return Buffer.from(value, 'base64');
}

export function timestampFormatOf(member: MemberSpec, fallback: TimestampFormat): TimestampFormat {
  return member.timestampFormat ?? fallback;
}

export function parseBoolean(raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new WireError(`Invalid boolean: ${raw}`);
}

export function parseNumber(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || Number.isNaN(n)) {
    if (raw === 'NaN') return Number.NaN;
    throw new WireError(`Invalid number: ${raw}`);
  }
  return n;
}

/** Text form of a scalar for XML bodies, query strings and headers. */
export function scalarToText(target: string, value: unknown, format: TimestampFormat): string {
  switch (target) {
    case 'timestamp':
      return String(formatTimestamp(value, format));
    case 'blob':
      return toBase64(value);
    case 'number':
      return numberText(value as number);
    default:
      return String(value);
  }
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

/** Text → scalar, for query forms, XML, headers and URIs. */
export function textToScalar(target: string, raw: string): unknown {
  switch (target) {
    case 'boolean':
      return parseBoolean(raw);
    case 'number':
      return parseNumber(raw);
    case 'timestamp':
      return parseTimestamp(raw);
    case 'blob':
      return fromBase64(raw);
    default:
      return raw;
  }
}

/**
 * Sets a map entry from the wire. A plain assignment of the key `__proto__`
 * would replace the object's prototype instead of adding the entry.
 */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
