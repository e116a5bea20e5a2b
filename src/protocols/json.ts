/**
 * AWS JSON 1.0 / 1.1 (DynamoDB, SQS, KMS, SSM, Kinesis, ...).
 *
 * Request: POST /, `X-Amz-Target: <prefix>.<Operation>`, the input structure as
 * JSON (member names as modelled, blobs base64, timestamps epoch seconds).
 * Errors: `{"__type": "<namespace>#<Code>", "message": ...}`; query-compatible
 * services (SQS, CloudWatch) also get `x-amzn-query-error: <code>;Sender`.
 */
import { isUtf8 } from 'node:buffer';
import { crc32 } from 'node:zlib';
import type { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import { type MemberSpec, type OperationSpec, operationNamed, type ServiceSpec } from '../core/spec';
import { errorDocument, type LeafCodec, readDocument, writeDocument } from './document-walk';
import { withEventStreams } from './event-stream';
import type { OperationCodec, Protocol, ResponseMeta } from './protocol';
import { formatTimestamp, fromBase64, parseTimestamp, toBase64 } from './values';
import { notConvertible, WireError } from './wire-errors';

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * A JSON leaf as the member's type, or a WireError in the words of AWS's JSON
 * deserializer: strings must be strings, numbers numbers (NaN and the
 * infinities travel as strings), booleans booleans, blobs base64 strings,
 * timestamps epoch seconds (or a date string); a document is anything.
 */
export function readJsonLeaf(member: MemberSpec, raw: unknown): unknown {
  switch (member.target) {
    case 'string':
      if (typeof raw !== 'string') throw notConvertible(raw, 'String');
      return raw;
    case 'boolean':
      if (typeof raw !== 'boolean') throw notConvertible(raw, 'Boolean');
      return raw;
    case 'number':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && NON_FINITE.has(raw)) return Number(raw);
      throw notConvertible(raw, 'Number');
    case 'bigint':
    case 'bigdecimal':
      if (typeof raw === 'number' || (typeof raw === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw))) return raw;
      throw notConvertible(raw, 'BigNumber');
    case 'blob':
      if (typeof raw !== 'string') throw notConvertible(raw, 'Blob');
      if (!BASE64.test(raw.replace(/\s+/g, ''))) throw new WireError('Base64 encoded value is not valid');
      return fromBase64(raw);
    case 'timestamp':
      if (typeof raw === 'number' && Number.isFinite(raw)) return parseTimestamp(raw);
      if (typeof raw === 'string') return wireTimestamp(raw);
      throw notConvertible(raw, 'Timestamp');
    default:
      return raw;
  }
}

function wireTimestamp(raw: string): Date {
  try {
    return parseTimestamp(raw);
  } catch {
    throw new WireError(`STRING_VALUE cannot be converted to Timestamp`);
  }
}

export const jsonLeafCodec: LeafCodec = {
  readLeaf: readJsonLeaf,
  writeLeaf(member: MemberSpec, value: unknown): unknown {
    switch (member.target) {
      case 'blob':
        return toBase64(value);
      case 'timestamp':
        return formatTimestamp(value, member.timestampFormat ?? 'epoch-seconds');
      case 'number':
        return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
      default:
        return value;
    }
  },
};

/**
 * Parses a JSON body, answering malformed input as AWS does: not JSON, not
 * UTF-8, not an object, or nested past MAX_DEPTH.
 */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    // Strict: invalid UTF-8 is a malformed body, not U+FFFD.
    parsed = isUtf8(body) ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  // The input of an AWS JSON operation is always an object.
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WireError('Start of structure or map found where not expected.');
  }
  return parsed as Record<string, unknown>;
}

export function readStructure(spec: ServiceSpec, shapeName: string | undefined, raw: unknown, codec: LeafCodec) {
  if (!shapeName) return {};
  return (readDocument(spec, { target: shapeName }, raw, codec) ?? {}) as Record<string, unknown>;
}

export function writeStructure(spec: ServiceSpec, shapeName: string | undefined, value: unknown, codec: LeafCodec) {
  if (!shapeName || value === undefined || value === null) return {};
  return writeDocument(spec, { target: shapeName }, value, codec) as Record<string, unknown>;
}

const streamingOutputs = new WeakMap<OperationSpec, boolean>();

function hasStreamingOutput(spec: ServiceSpec, op: OperationSpec): boolean {
  let known = streamingOutputs.get(op);
  if (known === undefined) {
    const shape = op.output ? spec.shapes[op.output] : undefined;
    known = Boolean(shape && 'members' in shape && Object.values(shape.members).some((m) => m.streaming));
    streamingOutputs.set(op, known);
  }
  return known;
}

function contentType(spec: ServiceSpec): string {
  return `application/x-amz-json-${spec.jsonVersion ?? '1.0'}`;
}

function jsonResponse(status: number, headers: Record<string, string>, payload: unknown): AwsResponse {
  return jsonTextResponse(status, headers, JSON.stringify(payload));
}

function jsonTextResponse(status: number, headers: Record<string, string>, text: string): AwsResponse {
  const body = Buffer.from(text, 'utf8');
  // DynamoDB sends a CRC32 of the body; v2 and boto3 check it, the v3 JS SDK ignores it.
  headers['x-amz-crc32'] = String(crc32(body) >>> 0);
  headers['content-length'] = String(body.length);
  return { status, headers, body };
}

export const jsonProtocol: Protocol = {
  name: 'json',

  resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined {
    const target = req.headers['x-amz-target'];
    if (!target) return undefined;
    const dot = target.lastIndexOf('.');
    return operationNamed(spec, target.slice(dot + 1));
  },

  parse(req: AwsRequest, op: OperationSpec, spec: ServiceSpec, codec?: OperationCodec): Record<string, unknown> {
    if (codec?.read && req.body.length > 0) return codec.read(req.body);
    const raw = parseJsonBody(req.body);
    return readStructure(spec, op.input, raw, jsonLeafCodec);
  },

  // Event-stream outputs (Kinesis SubscribeToShard) are encoded by event-stream.ts.
  serialize: withEventStreams((output, op, spec, meta: ResponseMeta): AwsResponse => {
    const headers = { 'content-type': contentType(spec), 'x-amzn-requestid': meta.requestId };
    const write = meta.codec?.write;
    const response =
      write && op.output && output
        ? jsonTextResponse(200, headers, write(output))
        : jsonResponse(200, headers, writeStructure(spec, op.output, output, jsonLeafCodec));
    // Event-stream outputs (Kinesis SubscribeToShard) are read by the SDK as a stream.
    if (hasStreamingOutput(spec, op)) response.streaming = true;
    return response;
  }, jsonLeafCodec, true),

  serializeError(err: AwsError, _op, spec, meta: ResponseMeta): AwsResponse {
    const headers = { 'content-type': contentType(spec), 'x-amzn-requestid': meta.requestId };
    return jsonResponse(err.status ?? 400, headers, errorDocument(spec, err, jsonLeafCodec, headers));
  },
};
