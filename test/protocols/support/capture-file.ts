/**
 * Reads the captured-request fixtures (test/protocols/fixtures/*.txt, copied
 * from the research captures): each `### label` block is one HttpRequest the
 * real SDK produced — method + URL, the raw query map, headers and the body,
 * where `\r\n` is printed literally before each line break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsRequest, createRequest } from '../../../src/core/request';

export interface CapturedRequest {
  label: string;
  request: AwsRequest;
}

export function readCaptures(file: string): CapturedRequest[] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8');
  const blocks = text.split(/^### /m).slice(1);
  return blocks.map(parseBlock);
}

function parseBlock(block: string): CapturedRequest {
  const lines = block.split('\n');
  const label = lines[0].trim();
  const [method, href] = lines[1].split(' ');
  const url = new URL(href);
  const query = JSON.parse(lines[2].replace(/^query: /, '')) as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item ?? '');
  }
  const headers: Record<string, string> = {};
  let i = 4;
  for (; lines[i].startsWith('  '); i++) {
    const line = lines[i].trim();
    const colon = line.indexOf(':');
    headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  const size = Number(/^body \((\d+) bytes\):$/.exec(lines[i])?.[1]);
  const rest = lines.slice(i + 1).join('\n').replace(/\\r\\n\n/g, '\r\n');
  const body = Buffer.from(rest, 'utf8').subarray(0, size);
  if (body.length !== size) throw new Error(`capture '${label}': body shorter than ${size} bytes`);
  return { label, request: createRequest({ method, url, headers, body }) };
}
