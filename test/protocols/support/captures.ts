/**
 * Reads the real SDK requests recorded in test/protocols/fixtures/*.txt
 * (copied from the research captures, so a clone is self-contained;
 * `### label`, `METHOD URL`, `query:`, `headers:`, `body (N bytes):`) back
 * into AwsRequests, so they can be replayed through the protocol layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type AwsRequest, createRequest } from '../../../src/core/request';

export const CAPTURES_DIR = join(__dirname, '..', 'fixtures');

export interface CapturedRequest {
  label: string;
  request: AwsRequest;
}

export function readCaptures(file: string): CapturedRequest[] {
  const text = readFileSync(join(CAPTURES_DIR, file), 'utf8');
  const out: CapturedRequest[] = [];
  for (const block of text.split(/^### /m).slice(1)) {
    const lines = block.split('\n');
    const label = lines[0].trim();
    const [method, url] = (lines[1] ?? '').split(' ');
    if (!method || !url?.startsWith('http')) continue;
    const headers: Record<string, string> = {};
    let i = lines.findIndex((l) => l.startsWith('headers:')) + 1;
    for (; i < lines.length && lines[i].startsWith('  '); i++) {
      const line = lines[i].trim();
      const colon = line.indexOf(':');
      headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
    }
    const bodyAt = lines.findIndex((l) => l.startsWith('body ('));
    let body: Buffer = Buffer.alloc(0);
    if (bodyAt >= 0) {
      const first = lines[bodyAt + 1] ?? '';
      if (first.startsWith('HEX ')) body = Buffer.from(first.slice(4).trim(), 'hex');
      else if (first.startsWith('[gzip-compressed body')) body = gzipSync(Buffer.from(lines[bodyAt + 2] ?? ''));
      else body = Buffer.from(first);
    }
    out.push({ label, request: createRequest({ method, url, headers, body }) });
  }
  return out;
}
