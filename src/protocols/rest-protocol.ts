/**
 * The half of rest-json and rest-xml that does not depend on the body format:
 * routing by method + URI template, reading the HTTP-bound members, picking
 * the payload or body, and writing status, headers and payload of a response.
 * Each protocol supplies a RestFormat for its structure bodies and errors,
 * and restProtocol() makes the Protocol of it.
 *
 * S3 requests are seen path-style (virtual-host buckets moved into the path)
 * and with aws-chunked bodies decoded (s3/ folder).
 */
import type { Readable } from 'node:stream';
import { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { MemberSpec, OperationSpec, ProtocolName, ServiceSpec } from '../core/spec';
import { shapeForErrorCode } from './errors';
import { bindingPlan, readBoundMembers, writeBoundHeaders } from './http-bindings';
import type { Protocol, ResponseMeta } from './protocol';
import { matchRoute, type RouteMatch, routeTable } from './rest-router';
import { pathStylePath } from './s3/addressing';
import { isAwsChunked, unwrapAwsChunked } from './s3/aws-chunked';
import { isS3Dialect } from './s3/dialect';
import { withHoistedHeaders } from './s3/presigned';
import { matchPath } from './uri-template';
import { toBytes } from './values';

export interface RestFormat {
  contentType: string;
  /** Unbound members of `shapeName` from a non-empty body. */
  readBody(spec: ServiceSpec, shapeName: string, body: Buffer): Record<string, unknown>;
  /** A structure/union (or document) payload member from a non-empty body. */
  readPayload(spec: ServiceSpec, member: MemberSpec, body: Buffer): unknown;
  /** The body holding the unbound members of the output structure. */
  writeBody(spec: ServiceSpec, shapeName: string, value: Record<string, unknown>): Buffer;
  /** A structure/union/document payload. */
  writePayload(spec: ServiceSpec, member: MemberSpec, value: unknown): Buffer;
  /** Headers every response carries (request ids). */
  baseHeaders(spec: ServiceSpec, meta: ResponseMeta): Record<string, string>;
  /** Headers an error answer starts with, before the error's header-bound members and its own headers. */
  errorHead(spec: ServiceSpec, shapeName: string, meta: ResponseMeta): Record<string, string>;
  /** The document of an error answer that has a body. */
  errorBody(spec: ServiceSpec, shapeName: string, err: AwsError, meta: ResponseMeta): Buffer;
  /** Headers set only on an error answer with a body, over the error's own headers. */
  errorBodyHeaders?: Record<string, string>;
}

/** The Protocol of a RestFormat: routing, parsing and writing here, bodies in the format. */
export function restProtocol(name: ProtocolName, format: RestFormat): Protocol {
  return {
    name,
    resolveOperation: resolveRestOperation,
    parse: (req, op, spec) => parseRestRequest(req, op, spec, format),
    serialize: (output, op, spec, meta) => serializeRestResponse(output, op, spec, meta, format),
    serializeError: (err, op, spec, meta) => serializeRestError(err, op, spec, meta, format),
  };
}

/** What routing and parsing read from a request: S3's rewritten path, decoded chunks. */
interface RestView {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  match?: RouteMatch;
  decoded?: { headers: Record<string, string>; body: Buffer };
}

const views = new WeakMap<AwsRequest, RestView>();

function viewOf(req: AwsRequest, spec: ServiceSpec): RestView {
  let view = views.get(req);
  if (!view) {
    const rawPath = req.rawPath ?? req.url.pathname;
    const s3 = isS3Dialect(spec);
    const path = s3 ? pathStylePath(req.url.hostname, rawPath) : rawPath;
    const query = req.url.searchParams;
    view = { path, query, headers: s3 ? withHoistedHeaders(req.headers, query) : req.headers };
    views.set(req, view);
  }
  return view;
}

function decodedBody(req: AwsRequest, view: RestView): { headers: Record<string, string>; body: Buffer } {
  if (!view.decoded) {
    view.decoded = isAwsChunked(view.headers)
      ? unwrapAwsChunked(view.headers, req.body)
      : { headers: view.headers, body: req.body };
  }
  return view.decoded;
}

export function resolveRestOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined {
  const view = viewOf(req, spec);
  view.match = matchRoute(spec, req.method, view.path, view.query, view.headers, req.url.search);
  return view.match?.route.op;
}

/** The route of `op` for this request: the one resolveOperation found, else matched now. */
function routeFor(req: AwsRequest, op: OperationSpec, spec: ServiceSpec, view: RestView): RouteMatch {
  if (view.match?.route.op === op) return view.match;
  const method = (op.http?.method ?? req.method).toUpperCase();
  const route = routeTable(spec)
    .get(method)
    ?.find((r) => r.op === op);
  const labels = route ? matchPath(route.template, view.path) : undefined;
  if (!route || !labels) {
    throw new AwsError('UnknownOperationException', `mockaws: ${req.method} ${view.path} does not fit ${op.name}`, {
      status: 400,
    });
  }
  return { route, labels };
}

export function parseRestRequest(
  req: AwsRequest,
  op: OperationSpec,
  spec: ServiceSpec,
  format: RestFormat,
): Record<string, unknown> {
  if (!op.input) return {};
  const view = viewOf(req, spec);
  const { route, labels } = routeFor(req, op, spec, view);
  const { headers, body } = decodedBody(req, view);
  const plan = bindingPlan(spec, op.input);
  const input = readBoundMembers(spec, plan, {
    headers,
    query: view.query,
    labels,
    literalQueryKeys: route.literalQueryKeys,
  });
  if (plan.payload) {
    const [name, member] = plan.payload;
    const value = readPayloadMember(spec, member, body, format);
    if (value !== undefined) input[name] = value;
  } else if (plan.body.length > 0 && body.length > 0) {
    Object.assign(input, format.readBody(spec, op.input, body));
  }
  return input;
}

function readPayloadMember(spec: ServiceSpec, member: MemberSpec, body: Buffer, format: RestFormat): unknown {
  switch (member.target) {
    case 'blob':
      // A streaming body is always there (possibly empty); a plain blob only when sent.
      return member.streaming || body.length > 0 ? body : undefined;
    case 'string':
      return body.length > 0 ? body.toString('utf8') : undefined;
    default:
      return body.length > 0 ? format.readPayload(spec, member, body) : undefined;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * A success status the model cannot express (S3's 206 Partial Content for a
 * ranged GetObject): a handler marks its output with
 * `Object.defineProperty(output, HTTP_STATUS, { value: 206 })`.
 */
export const HTTP_STATUS = Symbol.for('mockaws.httpStatus');

function markedStatus(output: Record<string, unknown>): number | undefined {
  const status = (output as Record<symbol, unknown>)[HTTP_STATUS];
  return typeof status === 'number' ? status : undefined;
}

function isReadable(value: unknown): value is Readable {
  return typeof (value as Readable)?.pipe === 'function' && typeof (value as Readable)?.on === 'function';
}

export function serializeRestResponse(
  output: Record<string, unknown> | undefined,
  op: OperationSpec,
  spec: ServiceSpec,
  meta: ResponseMeta,
  format: RestFormat,
): AwsResponse {
  const value = output ?? {};
  const plan = bindingPlan(spec, op.output);
  const headers = format.baseHeaders(spec, meta);
  const status = writeBoundHeaders(spec, plan, value, headers) ?? markedStatus(value) ?? op.http?.code ?? 200;
  let body: Buffer | Readable = EMPTY;
  if (plan.payload) {
    const [name, member] = plan.payload;
    const payload = value[name];
    if (payload !== undefined && payload !== null) {
      body = payloadBody(spec, member, payload, format);
      headers['content-type'] ??= payloadContentType(member, format);
    }
  } else if (op.output && plan.body.length > 0) {
    body = format.writeBody(spec, op.output, value);
    headers['content-type'] ??= format.contentType;
  }
  // HEAD answers carry the object's headers (Content-Length included) and no body.
  if (isBodyless(op, meta, status)) body = EMPTY;
  else if (Buffer.isBuffer(body)) headers['content-length'] ??= String(body.length);
  const streaming = plan.payload?.[1].streaming === true;
  return streaming ? { status, headers, body, streaming } : { status, headers, body };
}

function payloadBody(spec: ServiceSpec, member: MemberSpec, payload: unknown, format: RestFormat): Buffer | Readable {
  switch (member.target) {
    case 'blob':
      return isReadable(payload) ? payload : toBytes(payload);
    case 'string':
      return Buffer.from(String(payload), 'utf8');
    default:
      return format.writePayload(spec, member, payload);
  }
}

function payloadContentType(member: MemberSpec, format: RestFormat): string {
  if (member.mediaType) return member.mediaType;
  if (member.target === 'blob') return 'application/octet-stream';
  if (member.target === 'string') return 'text/plain';
  return format.contentType;
}

function serializeRestError(
  err: AwsError,
  op: OperationSpec | undefined,
  spec: ServiceSpec,
  meta: ResponseMeta,
  format: RestFormat,
): AwsResponse {
  const shapeName = shapeForErrorCode(spec, err.code);
  const headers: Record<string, string> = {
    ...format.errorHead(spec, shapeName, meta),
    ...errorHeaders(spec, shapeName, err.fields),
    ...err.headers,
  };
  const status = err.status ?? 400;
  // A HEAD (or 304) answer never has a body; the SDK then goes by the status alone.
  if (isBodyless(op, meta, status)) return { status, headers, body: Buffer.alloc(0) };
  const body = format.errorBody(spec, shapeName, err, meta);
  Object.assign(headers, format.errorBodyHeaders);
  headers['content-length'] = String(body.length);
  return { status, headers, body };
}

/** Header-bound members of an error shape, written as response headers. */
function errorHeaders(spec: ServiceSpec, shapeName: string, fields: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  writeBoundHeaders(spec, bindingPlan(spec, shapeName), fields, headers);
  return headers;
}

export function isHeadRequest(op: OperationSpec | undefined, meta: ResponseMeta): boolean {
  return (meta.request?.method ?? op?.http?.method) === 'HEAD';
}

/** HTTP forbids a body on HEAD answers and on 304 Not Modified (S3 conditional GETs). */
export function isBodyless(op: OperationSpec | undefined, meta: ResponseMeta, status: number): boolean {
  return status === 304 || isHeadRequest(op, meta);
}
