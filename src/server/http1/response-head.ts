/**
 * The status line and headers the HTTP/1.1 fast path writes: the same bytes
 * node:http's ServerResponse writes for the same answer (headers in the
 * order given, then `Date`, `Connection` and `Keep-Alive`, and
 * `Transfer-Encoding: chunked` for a streamed body of unknown length), with
 * the same checks: a header that node would refuse to write throws here too,
 * so the request ends in the server's 500 instead of a split response.
 */
import { STATUS_CODES } from 'node:http';

/** RFC 9110 token characters (header names), as node's checkIsHttpToken. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters node's checkInvalidHeaderChar refuses in a header value. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export interface HeadFraming {
  keepAlive: boolean;
  /** Seconds in `Keep-Alive: timeout=` (node's keepAliveTimeout). */
  keepAliveSeconds: number;
  chunked: boolean;
}

let dateLine = '';
let dateUntil = 0;

/** `Date: …\r\n`, formatted once per second as node does. */
function date(): string {
  const now = Date.now();
  if (now >= dateUntil) {
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
    dateUntil = now - (now % 1000) + 1000;
  }
  return dateLine;
}

export function responseHead(
  status: number,
  headers: Record<string, string>,
  setCookies: string[] | undefined,
  framing: HeadFraming,
): string {
  if (!Number.isInteger(status) || status < 100 || status > 999) throw new RangeError(`Invalid status code: ${status}`);
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`;
  for (const name in headers) head += line(name, headers[name]);
  if (setCookies) for (const cookie of setCookies) head += line('set-cookie', cookie);
  if (headers.date === undefined) head += date();
  head += framing.keepAlive ? `Connection: keep-alive\r\nKeep-Alive: timeout=${framing.keepAliveSeconds}\r\n` : 'Connection: close\r\n';
  if (framing.chunked) head += 'Transfer-Encoding: chunked\r\n';
  return `${head}\r\n`;
}

/** Header names already checked (services answer with the same few); bounded. */
const goodNames = new Set<string>();

function line(name: string, value: string): string {
  if (!goodNames.has(name)) {
    if (!TOKEN.test(name)) throw new TypeError(`Header name must be a valid HTTP token ["${name}"]`);
    if (goodNames.size < 1000) goodNames.add(name);
  }
  if (value === undefined) throw new TypeError(`Invalid value "undefined" for header "${name}"`);
  const text = String(value);
  if (BAD_VALUE.test(text)) throw new TypeError(`Invalid character in header content ["${name}"]`);
  return `${name}: ${text}\r\n`;
}
