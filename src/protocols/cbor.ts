/**
 * Smithy RPC v2 CBOR (CloudWatch's newest protocol; botocore speaks it).
 *
 * Request: POST /service/<ServiceShape>/operation/<Operation> with
 * `smithy-protocol: rpc-v2-cbor`; the body is a CBOR map. Timestamps are tag 1
 * (epoch seconds), blobs are byte strings. Errors: `{__type, message}` plus
 * `x-amzn-query-error` for query-compatible services.
 */
import type * as SmithyCbor from '@smithy/core/cbor';
import { localRequire } from '../intercept/local-require';
import type { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import { type MemberSpec, type OperationSpec, operationNamed, type ServiceSpec } from '../core/spec';
import { errorDocument, type LeafCodec } from './document-walk';
import { readJsonLeaf, readStructure, writeStructure } from './json';
import { notConvertible, WireError } from './wire-errors';
import type { Protocol, ResponseMeta } from './protocol';
import { toBytes, toDate } from './values';

let lib: typeof SmithyCbor | undefined;

/** @smithy/core/cbor, loaded on the first CBOR request: most processes never make one, and it is slow to load. */
function cborLib(): typeof SmithyCbor {
  lib ??= localRequire('@smithy/core/cbor') as typeof SmithyCbor;
  return lib;
}

const CBOR_HEADERS = { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' };
const OPERATION_PATH = /^\/service\/[^/]+\/operation\/([^/]+)$/;

/** A CBOR leaf as the member's type: as JSON's, with byte strings for blobs and tag 1 for timestamps. */
function readCborLeaf(member: MemberSpec, raw: unknown): unknown {
  switch (member.target) {
    case 'timestamp':
      if (raw && typeof raw === 'object' && 'tag' in raw) {
        const seconds = Number((raw as unknown as { value: unknown }).value);
        if (Number.isFinite(seconds)) return new Date(seconds * 1000);
      }
      if (typeof raw === 'number' && Number.isFinite(raw)) return new Date(raw * 1000);
      throw notConvertible(raw, 'Timestamp');
    case 'blob':
      if (raw instanceof Uint8Array) return toBytes(raw);
      throw notConvertible(raw, 'Blob');
    case 'number':
      if (typeof raw === 'bigint') return Number(raw);
      return readJsonLeaf(member, raw);
    case 'bigint':
    case 'bigdecimal':
      if (typeof raw === 'bigint' || typeof raw === 'number') return raw;
      if (raw && typeof raw === 'object' && 'tag' in raw) return raw;
      throw notConvertible(raw, 'BigNumber');
    default:
      return readJsonLeaf(member, raw);
  }
}

const cborLeafCodec: LeafCodec = {
  readLeaf: readCborLeaf,
  writeLeaf(member: MemberSpec, value: unknown): unknown {
    if (member.target === 'timestamp') return cborLib().tag({ tag: 1, value: toDate(value).getTime() / 1000 });
    if (member.target === 'blob') return new Uint8Array(toBytes(value));
    return value;
  },
};

function cborResponse(status: number, headers: Record<string, string>, payload: unknown): AwsResponse {
  const body = Buffer.from(cborLib().cbor.serialize(payload));
  headers['content-length'] = String(body.length);
  return { status, headers, body };
}

function decode(body: Buffer): unknown {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = cborLib().cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  } catch {
    throw new WireError('Malformed CBOR request body');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new WireError('Start of structure or map found where not expected.');
  }
  return value;
}

export const cborProtocol: Protocol = {
  name: 'rpc-v2-cbor',

  resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined {
    const m = OPERATION_PATH.exec(req.url.pathname);
    return m ? operationNamed(spec, m[1]) : undefined;
  },

  parse(req: AwsRequest, op: OperationSpec, spec: ServiceSpec): Record<string, unknown> {
    return readStructure(spec, op.input, decode(req.body), cborLeafCodec);
  },

  serialize(output, op, spec, meta: ResponseMeta): AwsResponse {
    const payload = writeStructure(spec, op.output, output, cborLeafCodec);
    return cborResponse(200, { ...CBOR_HEADERS, 'x-amzn-requestid': meta.requestId }, payload);
  },

  serializeError(err: AwsError, _op, spec, meta: ResponseMeta): AwsResponse {
    const headers = { ...CBOR_HEADERS, 'x-amzn-requestid': meta.requestId };
    return cborResponse(err.status ?? 400, headers, errorDocument(spec, err, cborLeafCodec, headers));
  },
};
