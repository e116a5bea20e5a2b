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
  if (oddBytes(buf, end)) return undefined;
  const text = buf.toString('latin1', 0, end);
  const eol = lineEnd(text, 0);
  if (eol === -1) return undefined;
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
    const next = lineEnd(text, at);
    if (next === -1) return undefined;
    const colon = text.indexOf(':', at);
    if (colon <= at || colon >= next) return undefined;
    const name = text.slice(at, colon);
    const lower = lowerName(name);
    if (lower === undefined) return undefined;
    let from = colon + 1;
    let to = next;
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
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

/**
 * Where the line starting at `from` ends (its CRLF, or the end of the head), or -1
 * when a lone CR or LF comes first (node:http refuses those; so does this path, by handing them over).
 */
function lineEnd(text: string, from: number): number {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  if (cr === -1) return lf === -1 ? text.length : -1;
  return lf === cr + 1 ? cr : -1;
}

/** Header names seen before, lower-cased (SDKs send the same dozen on every request); bounded. */
const names = new Map<string, string>();

/** The lower-cased name, or undefined when it is not a token. */
function lowerName(name: string): string | undefined {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (!TOKEN.test(name)) return undefined;
  const lower = name.toLowerCase();
  if (names.size < 1000) names.set(name, lower);
  return lower;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Is any byte of `buf[0, end)` a control character other than tab, CR and LF, or DEL (what
 * `/[^\t\r\n\x20-\x7e\x80-\xff]/` finds in the latin1 text; lone CRs and LFs are found line by line)?
 * Read four bytes at a time: a word is looked at byte by byte only when it may hold a byte below 0x20
 * (every line end does) or a 0x7f. About half the regular expression's time on a 1 KB SDK head.
 */
export function oddBytes(buf: Buffer, end: number): boolean {
  const offset = buf.byteOffset;
  let i = 0;
  const lead = Math.min(end, (4 - (offset & 3)) & 3);
  for (; i < lead; i++) if (oddByte(buf[i])) return true;
  const words = (end - i) >>> 2;
  if (words > 0) {
    const w32 = new Int32Array(buf.buffer, offset + i, words);
    for (let k = 0; k < words; k++) {
      const w = w32[k];
      const x = w ^ 0x7f7f7f7f; // a 0x7f byte of w is a zero byte of x
      // Some byte < 0x20 in w, or some zero byte in x (the classic "has less than" word test; exact for "any").
      if ((((w - 0x20202020) & ~w) | ((x - 0x01010101) & ~x)) & 0x80808080) {
        const at = i + k * 4;
        if (oddByte(buf[at]) || oddByte(buf[at + 1]) || oddByte(buf[at + 2]) || oddByte(buf[at + 3])) return true;
      }
    }
    i += words * 4;
  }
  for (; i < end; i++) if (oddByte(buf[i])) return true;
  return false;
}

function oddByte(c: number): boolean {
  return c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c === 0x7f;
}
