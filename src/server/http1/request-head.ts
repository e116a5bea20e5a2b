/**
 * The request head the HTTP/1.1 fast path reads itself: the plain form the
 * AWS SDKs, the CLI and boto3 send (a known method, an origin-form target,
 * HTTP/1.1 or 1.0, one line per header, a Content-Length body or none).
 * Anything else — chunked bodies, Expect, Upgrade, repeated header names,
 * obs-folded or otherwise odd lines, a head over 8 KiB — is not parsed here
 * but handed to node:http, which answers it (or rejects it with the 400 or
 * 431 it always did). So this parser only has to be right about what it
 * accepts, never about how to refuse.
 */

export interface RequestHead {
  method: string;
  /** The request target as sent (origin form, still percent-encoded). */
  target: string;
  /** Lower-cased names; values without the spaces and tabs around them (as node:http gives them). */
  headers: Record<string, string>;
  /** The body's declared length (0 when the request declares none). */
  contentLength: number;
  /** The connection stays open after the answer (HTTP/1.1 unless `close`; HTTP/1.0 only with `keep-alive`). */
  keepAlive: boolean;
  http10: boolean;
}

/** Heads longer than this go to node:http, whose limit (16 KiB → 431) then decides. */
export const MAX_FAST_HEAD = 8 * 1024;
const MAX_HEADERS = 100;

/** The methods node:http's parser accepts that AWS APIs use; others (CONNECT, WebDAV …) go to node. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
/** RFC 9110 token characters (header names). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A control character, or a CR or LF that is not part of a CRLF line end. */
const ODD_BYTE = /[^\t\r\n\x20-\x7e\x80-\xff]|\r(?!\n)|(?<!\r)\n/;
/** Target characters: visible ASCII only (node:http rejects the rest or reads them leniently). */
const ODD_TARGET = /[^\x21-\x7e]/;
/** Request bodies the fast path reads into one Buffer; larger declared lengths go to node. */
const MAX_BODY = 2 ** 31 - 1;

/**
 * The head in `buf[0, end)` (`end` is where its blank line starts), or
 * undefined when anything about it is unusual and node:http should take it.
 */
export function parseHead(buf: Buffer, end: number): RequestHead | undefined {
  // latin1: one character per byte, as node:http reads header values.
  const text = buf.toString('latin1', 0, end);
  if (ODD_BYTE.test(text)) return undefined;
  let eol = text.indexOf('\r\n');
  if (eol === -1) eol = text.length;
  const sp1 = text.indexOf(' ');
  const sp2 = sp1 > 0 ? text.indexOf(' ', sp1 + 1) : -1;
  if (sp2 === -1 || sp2 >= eol) return undefined;
  const method = text.slice(0, sp1);
  const target = text.slice(sp1 + 1, sp2);
  const version = text.slice(sp2 + 1, eol);
  if (!METHODS.has(method) || target.charCodeAt(0) !== 0x2f || ODD_TARGET.test(target)) return undefined;
  const http10 = version === 'HTTP/1.0';
  if (!http10 && version !== 'HTTP/1.1') return undefined;

  const headers: Record<string, string> = {};
  let count = 0;
  let at = eol + 2;
  while (at < text.length) {
    let next = text.indexOf('\r\n', at);
    if (next === -1) next = text.length;
    const colon = text.indexOf(':', at);
    if (colon <= at || colon >= next) return undefined;
    const name = text.slice(at, colon);
    if (!TOKEN.test(name)) return undefined;
    let from = colon + 1;
    let to = next;
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    const lower = name.toLowerCase();
    // A repeated name (node joins or drops repeats by name) and `__proto__`/`constructor` (already
    // "present" on a plain object) are node's to read.
    if (headers[lower] !== undefined || ++count > MAX_HEADERS) return undefined;
    headers[lower] = text.slice(from, to);
    at = next + 2;
  }

  if (
    headers['transfer-encoding'] !== undefined ||
    headers.expect !== undefined ||
    headers.upgrade !== undefined ||
    (http10 && headers.te !== undefined)
  ) {
    return undefined;
  }
  let contentLength = 0;
  const length = headers['content-length'];
  if (length !== undefined) {
    if (!/^\d{1,10}$/.test(length)) return undefined;
    contentLength = Number(length);
    if (contentLength > MAX_BODY) return undefined;
  }
  let close = false;
  let keepAliveAsked = false;
  const connection = headers.connection;
  if (connection !== undefined) {
    for (const token of connection.split(',')) {
      const t = token.trim().toLowerCase();
      if (t === 'close') close = true;
      else if (t === 'keep-alive') keepAliveAsked = true;
      else if (t !== '') return undefined; // `upgrade`, `te`, … : node's to interpret
    }
  }
  const keepAlive = !close && (!http10 || keepAliveAsked);
  return { method, target, headers, contentLength, keepAlive, http10 };
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
