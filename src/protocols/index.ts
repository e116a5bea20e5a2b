/**
 * The protocol registry and per-request protocol detection. A service may
 * accept several protocols (SQS: JSON and query; CloudWatch: JSON, query and
 * CBOR); the request's headers say which one it speaks, checked in the order
 * CBOR → JSON → query/ec2 → the service's own (protocols.md §1.4).
 */
import { gunzipSync } from 'node:zlib';
import type { AwsRequest } from '../core/request';
import type { ProtocolName, ServiceSpec } from '../core/spec';
import { cborProtocol } from './cbor';
import { jsonProtocol } from './json';
import type { Protocol } from './protocol';
import { ec2Protocol, queryProtocol } from './query';
import { restJsonProtocol } from './rest-json';
import { restXmlProtocol } from './rest-xml';
import { WireError } from './wire-errors';

const PROTOCOLS: Record<ProtocolName, Protocol> = {
  json: jsonProtocol,
  query: queryProtocol,
  ec2: ec2Protocol,
  'rest-json': restJsonProtocol,
  'rest-xml': restXmlProtocol,
  'rpc-v2-cbor': cborProtocol,
};

export function protocolFor(name: ProtocolName): Protocol {
  return PROTOCOLS[name];
}

export function detectProtocol(req: AwsRequest, spec: ServiceSpec): ProtocolName {
  const accepted = spec.protocols;
  if (accepted.length === 1) return accepted[0];
  const has = (p: ProtocolName) => accepted.includes(p);
  if (has('rpc-v2-cbor') && req.headers['smithy-protocol'] === 'rpc-v2-cbor') return 'rpc-v2-cbor';
  const contentType = req.headers['content-type'] ?? '';
  if (has('json') && (req.headers['x-amz-target'] || contentType.startsWith('application/x-amz-json'))) {
    return 'json';
  }
  if (
    contentType.startsWith('application/x-www-form-urlencoded') ||
    req.url.searchParams.has('Action')
  ) {
    if (has('query')) return 'query';
    if (has('ec2')) return 'ec2';
  }
  return accepted[0];
}

/** Undoes `Content-Encoding: gzip` (CloudWatch compresses bodies over 10 KiB). */
export function decodeContentEncoding(req: AwsRequest): AwsRequest {
  const encoding = req.headers['content-encoding'];
  if (!encoding || !/\bgzip\b/i.test(encoding) || req.body.length === 0) return req;
  let body: Buffer;
  try {
    body = gunzipSync(req.body);
  } catch {
    throw new WireError('Request body is not valid gzip');
  }
  const rest = encoding
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s.toLowerCase() !== 'gzip');
  const headers = { ...req.headers };
  if (rest.length) headers['content-encoding'] = rest.join(', ');
  else delete headers['content-encoding'];
  return { ...req, headers, body };
}
