import { formBoundary, MalformedFormError, parseMultipartForm } from '../../../src/protocols/s3/multipart-form';

const CRLF = '\r\n';

function body(boundary: string, parts: Array<{ headers: string[]; value: string | Buffer }>, preamble = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble)];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

describe('multipart/form-data parsing', () => {
  it('reads the boundary, quoted or not, only from multipart/form-data', () => {
    expect(formBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(formBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(formBoundary('application/x-www-form-urlencoded')).toBeUndefined();
    expect(formBoundary('multipart/form-data')).toBeUndefined();
  });

  it('splits fields and the file, keeping binary values intact and unescaping quoted names', () => {
    const binary = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0xff, 0x0d, 0x0a]);
    const parts = parseMultipartForm(
      body(
        'XyZ',
        [
          { headers: ['Content-Disposition: form-data; name="key"'], value: 'uploads/a.txt' },
          { headers: ['content-disposition: form-data; name="file"; filename="say \\"hi\\".bin"', 'Content-Type: image/png'], value: binary },
        ],
        'preamble to ignore\r\n',
      ),
      'XyZ',
    );
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['key', undefined, undefined],
      ['file', 'say "hi".bin', 'image/png'],
    ]);
    expect(parts[0].value.toString()).toBe('uploads/a.txt');
    expect(Buffer.compare(parts[1].value, binary)).toBe(0);
  });

  it('returns values that share the body memory (no copy of a large file)', () => {
    const raw = body('b', [{ headers: ['Content-Disposition: form-data; name="file"; filename="f"'], value: 'x'.repeat(1000) }]);
    const [file] = parseMultipartForm(raw, 'b');
    expect(file.value.buffer).toBe(raw.buffer);
  });

  it('throws MalformedFormError for a body that is not a form', () => {
    expect(() => parseMultipartForm(Buffer.from('plain text'), 'b')).toThrow(MalformedFormError);
    expect(() => parseMultipartForm(Buffer.from('--b\r\nContent-Disposition: form-data; name="k"\r\n\r\nunterminated'), 'b')).toThrow(
      MalformedFormError,
    );
    expect(() => parseMultipartForm(Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--'), 'b')).toThrow(MalformedFormError);
  });
});
