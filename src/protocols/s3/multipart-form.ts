/**
 * `multipart/form-data` bodies (RFC 7578), as browsers send S3 POST-policy
 * uploads: parts separated by `--<boundary>` lines, each with its own
 * headers (`Content-Disposition: form-data; name="key"`, and for the file
 * `; filename="photo.jpg"` plus a `Content-Type`), ended by `--<boundary>--`.
 *
 * The parser searches the boundary with Buffer.indexOf, so a part's value is
 * a view into the request body: a large file part is never copied. It knows
 * nothing of S3; it throws MalformedFormError and the caller answers with
 * its own error.
 * @see https://www.rfc-editor.org/rfc/rfc7578
 */

export interface FormPart {
  /** The field name as sent (S3 compares them case-insensitively). */
  name: string;
  /** Present on file parts (possibly empty: a file input left blank). */
  filename?: string;
  contentType?: string;
  value: Buffer;
  /** Where the part's headers start in the body (for limits on what precedes a part). */
  offset: number;
}

export class MalformedFormError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a `multipart/form-data` Content-Type, if it is one. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipartForm(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  // Every delimiter after the first is preceded by CRLF, which belongs to it, not to the part.
  const next = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MalformedFormError('no boundary in the body');
  pos += delimiter.length;
  const parts: FormPart[] = [];
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // `--`: the closing delimiter
    pos = skipLineEnd(body, pos);
    const headersEnd = body.indexOf(HEADER_END, pos);
    if (headersEnd < 0) throw new MalformedFormError('part headers without a blank line');
    const headers = parseHeaders(body.toString('utf8', pos, headersEnd));
    const start = headersEnd + HEADER_END.length;
    const end = body.indexOf(next, start);
    if (end < 0) throw new MalformedFormError('part without a closing boundary');
    parts.push({ ...disposition(headers), contentType: headers['content-type'], value: body.subarray(start, end), offset: pos });
    pos = end + next.length;
  }
}

/** Transport padding after a delimiter (RFC 2046: whitespace), then CRLF. */
function skipLineEnd(body: Buffer, from: number): number {
  let pos = from;
  while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
  if (body.indexOf(CRLF, pos) !== pos) throw new MalformedFormError('boundary not followed by CRLF');
  return pos + CRLF.length;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedFormError(`malformed part header '${line}'`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `form-data; name="field"; filename="a.txt"`: quoted strings may escape `"` and `\`. */
function disposition(headers: Record<string, string>): { name: string; filename?: string } {
  const value = headers['content-disposition'];
  if (!value || !/^form-data\s*(;|$)/i.test(value)) throw new MalformedFormError('part without form-data disposition');
  const params: Record<string, string> = {};
  const param = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = param.exec(value); m; m = param.exec(value)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
  }
  if (params.name === undefined) throw new MalformedFormError('part without a name');
  return params.filename === undefined ? { name: params.name } : { name: params.name, filename: params.filename };
}
