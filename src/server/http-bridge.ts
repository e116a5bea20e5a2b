/**
 * The bridge between node:http and the dispatcher's request/response types:
 * an IncomingMessage becomes an AwsRequest exactly as it came off the wire
 * (method, the URL the client addressed, lower-cased headers, raw body), and
 * an AwsResponse is written back (Buffer bodies in one write, Readable bodies
 * piped). The server adds nothing AWS-specific here: the dispatcher decides.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { type AwsRequest, type AwsResponse, lowerCaseHeaders, rawPathOf } from '../core/request';
import { type ReadBody, readRequestBody } from './body-reader';
import type { Exchange } from './exchange';

/**
 * The absolute URL the client used. Clients send origin-form targets
 * (`/bucket/key?x`) with a Host header; the Host is kept as sent, so
 * `bucket.localhost:4566` (S3 virtual-host style) reaches the S3 router intact.
 * @note An absolute-form target (`http://host/path`, as proxies get) is honoured too.
 * @param fallbackHost host:port of the listener, for HTTP/1.0 clients that send no Host.
 */
export function requestUrl(req: IncomingMessage, fallbackHost: string): URL {
  return targetUrl(req.url ?? '/', req.headers.host, fallbackHost);
}

/** requestUrl from the request target and Host header as sent. */
export function targetUrl(target: string, hostHeader: string | undefined, fallbackHost: string): URL {
  if (/^https?:\/\//i.test(target)) return new URL(target);
  const host = hostHeader || fallbackHost;
  // A target that does not start with '/' (e.g. `*` of OPTIONS *) is rooted so URL parsing stays in the path.
  return new URL(`http://${host}${target.startsWith('/') ? target : `/${target}`}`);
}

/** A request off the wire, and what reading its body saw (aws-chunked signatures and trailers). */
export interface WireRequest {
  request: AwsRequest;
  /** Headers exactly as sent (the request's may have aws-chunked decoded away). */
  sentHeaders: Record<string, string>;
  read: ReadBody;
}

export async function toAwsRequest(
  req: IncomingMessage,
  fallbackHost: string,
  options: { chunkHashes?: boolean } = {},
): Promise<WireRequest> {
  const sentHeaders = stringHeaders(req);
  const read = await readRequestBody(req, sentHeaders, options);
  return wireRequest(req.method ?? 'GET', req.url ?? '/', sentHeaders, read, peerIp(req.socket.remoteAddress), fallbackHost);
}

/** The peer's address (aws:SourceIp in S3 bucket policies), IPv4-mapped IPv6 written as IPv4. */
export function peerIp(address: string | undefined): string | undefined {
  return address ? address.replace(/^::ffff:(?=\d+\.)/, '') : undefined;
}

/** The AwsRequest of a request read off the wire, by either HTTP layer. */
export function wireRequest(
  method: string,
  target: string,
  sentHeaders: Record<string, string>,
  read: ReadBody,
  sourceIp: string | undefined,
  fallbackHost: string,
  url: URL = targetUrl(target, sentHeaders.host, fallbackHost),
): WireRequest {
  // Built here rather than by createRequest, which would copy the headers a second time.
  const request: AwsRequest = {
    method: method.toUpperCase(),
    url,
    // The target as sent: S3 keys keep `.`/`..` segments, signatures are checked over it (as in-process).
    rawPath: rawPathOf(target),
    headers: read.headers,
    body: read.body,
  };
  if (sourceIp) request.sourceIp = sourceIp;
  return { request, sentHeaders, read };
}

/** The node:http side of an Exchange. */
export function nodeExchange(req: IncomingMessage, res: ServerResponse, fallbackHost: string): Exchange {
  return {
    method: req.method ?? 'GET',
    host: req.headers.host,
    request: (options) => toAwsRequest(req, fallbackHost, options),
    discardBody: () => req.resume(),
    respond: (response, extraHeaders) => writeResponse(res, response, req.method ?? 'GET', extraHeaders),
    get started() {
      return res.headersSent || res.destroyed;
    },
    abort: () => res.destroy(),
  };
}

/**
 * The request's headers as a map of strings. node:http has already lower-cased
 * the names and joined repeated headers; only `set-cookie` can still be an
 * array. Node's own object is used as it is when every value is a string (no
 * copy per request); otherwise a lower-cased copy with arrays joined.
 */
function stringHeaders(req: IncomingMessage): Record<string, string> {
  const headers = req.headers;
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return lowerCaseHeaders(headers);
  }
  return headers as Record<string, string>;
}

/** Bodies up to this size are written together with the head. */
const SINGLE_WRITE = 16 * 1024;

/** Statuses and methods whose responses carry no body (RFC 9110 §6.4.1). */
export function bodyless(status: number, method: string): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
}

/**
 * Write an AwsResponse. Buffer bodies get an exact Content-Length (the
 * protocol's own value is kept for HEAD, which describes the object without
 * sending it); streamed bodies are piped and a stream failure aborts the socket
 * so the client sees a truncated response, never a hang.
 */
export function writeResponse(
  res: ServerResponse,
  response: AwsResponse,
  method: string,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string | string[]> = mergeHeaders(extraHeaders, response.headers);
  if (response.setCookies?.length) headers['set-cookie'] = response.setCookies;
  const noBody = bodyless(response.status, method);
  // RFC 9110 §8.6: no Content-Length on 1xx or 204 (HEAD and 304 keep theirs: they describe a body).
  if (response.status === 204 || response.status < 200) delete headers['content-length'];
  if (Buffer.isBuffer(response.body)) {
    const body = response.body;
    if (!noBody) headers['content-length'] = String(body.length);
    res.writeHead(response.status, headers);
    if (noBody || body.length === 0) res.end();
    // A small body as latin1 text (byte for byte the same) goes out in one write with the head;
    // a Buffer would be a second chunk of a writev.
    else if (body.length <= SINGLE_WRITE) res.end(body.toString('latin1'), 'latin1');
    else res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  if (noBody) {
    response.body.destroy();
    res.end();
    return;
  }
  pipeBody(response.body, res);
}

function pipeBody(body: Readable, res: ServerResponse): void {
  body.on('error', () => res.destroy());
  res.on('close', () => {
    if (!body.destroyed) body.destroy();
  });
  body.pipe(res);
}

/** Connection-level headers belong to this hop, which node frames itself. */
const HOP_HEADERS = new Set(['transfer-encoding', 'connection', 'keep-alive']);

/**
 * The response's headers over the server's own, by lower-cased name, so a
 * protocol's `Content-Type` and ours never go out twice; hop headers dropped.
 */
export function mergeHeaders(base: Record<string, string>, over: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  copyHeaders(base, out);
  copyHeaders(over, out);
  return out;
}

function copyHeaders(source: Record<string, string>, out: Record<string, string>): void {
  for (const name of Object.keys(source)) {
    const lower = name.toLowerCase();
    if (!HOP_HEADERS.has(lower)) out[lower] = source[name];
  }
}
