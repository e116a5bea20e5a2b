/**
 * Smithy RPC v2 CBOR (CloudWatch's newest protocol; botocore speaks it).
 *
 * Request: POST /service/<ServiceShape>/operation/<Operation> with
 * `smithy-protocol: rpc-v2-cbor`; the body is a CBOR map. Timestamps are tag 1
 * (epoch seconds), blobs are byte strings. Errors: `{__type, message}` plus
 * `x-amzn-query-error` for query-compatible services.
 */
import { cbor, tag } from '@smithy/core/cbor';
import { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { MemberSpec, OperationSpec, ServiceSpec } from '../core/spec';
import { errorDocument, type LeafCodec } from './document-walk';
import { readStructure, writeStructure } from './json';
import type { Protocol, ResponseMeta } from './protocol';
import { toBytes, toDate } from './values';

const CBOR_HEADERS = { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' };
const OPERATION_PATH = /^\/service\/[^/]+\/operation\/([^/]+)$/;

const cborLeafCodec: LeafCodec = {
  readLeaf(member: MemberSpec, raw: unknown): unknown {
    if (member.target === 'timestamp' && raw && typeof raw === 'object' && 'tag' in raw) {
      return new Date(Number((raw as unknown as { value: number }).value) * 1000);
    }
    if (member.target === 'timestamp' && typeof raw === 'number') return new Date(raw * 1000);
    if (member.target === 'blob' && raw instanceof Uint8Array) return toBytes(raw);
    return raw;
  },
  writeLeaf(member: MemberSpec, value: unknown): unknown {
    if (member.target === 'timestamp') return tag({ tag: 1, value: toDate(value).getTime() / 1000 });
    if (member.target === 'blob') return new Uint8Array(toBytes(value));
    return value;
  },
};

function cborResponse(status: number, headers: Record<string, string>, payload: unknown): AwsResponse {
  const body = Buffer.from(cbor.serialize(payload));
  headers['content-length'] = String(body.length);
  return { status, headers, body };
}

function decode(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  } catch {
    throw new AwsError('SerializationException', 'Malformed CBOR request body', { status: 400 });
  }
}

export const cborProtocol: Protocol = {
  name: 'rpc-v2-cbor',

  resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined {
    const m = OPERATION_PATH.exec(req.url.pathname);
    return m ? spec.operations[m[1]] : undefined;
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
