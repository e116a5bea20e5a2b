/**
 * Request mutations, per wire family. Each takes a seed request and a few
 * numbers fast-check drew, and returns a new request: a value of the wrong
 * type, a member removed or added under an odd name (`__proto__`,
 * `constructor`), nesting hundreds deep, huge numbers, a truncated body,
 * invalid UTF-8, or an operation name that only the prototype has.
 */
import type { AwsRequest } from '../../../src/core/request';

export interface Draw {
  kind: number;
  a: number;
  b: number;
  odd: number;
}

export const ODD_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', ''];

/** Values of every JSON type, DynamoDB-looking ones included. */
export const ODD_JSON: unknown[] = [
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  'x',
  '🙂',
  '\u0000',
  'a'.repeat(3000),
  '1e999',
  'NaN',
  null,
  [],
  {},
  [1, 'a', null, true],
  { S: 1 },
  { L: '23' },
  { M: [] },
  { N: 'abc' },
  { N: '1e999' },
  { B: '!!!' },
  { SS: [] },
  { NULL: false },
  { S: 'a', N: '1' },
  JSON.parse('{"__proto__":{"S":"x"}}'),
  { constructor: 'x', toString: 1 },
];

export const ODD_TEXT = [
  '',
  'abc',
  'true',
  '-1',
  '0',
  '1.5',
  '1e999',
  'NaN',
  '99999999999999999999999',
  '%',
  '%ZZ',
  '\u0000',
  'a'.repeat(3000),
  '__proto__',
  'constructor',
  '2020-13-45T99:99:99Z',
  '<x>',
  '🙂',
];

const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80])];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

function clone(req: AwsRequest, changes: Partial<AwsRequest>): AwsRequest {
  const next = { ...req, headers: { ...req.headers }, url: new URL(req.url.href), ...changes };
  if (changes.body && next.headers['content-length'] !== undefined) next.headers['content-length'] = String(changes.body.length);
  return next;
}

function truncate(req: AwsRequest, d: Draw): AwsRequest {
  const at = req.body.length ? d.a % req.body.length : 0;
  return clone(req, { body: req.body.subarray(0, at) });
}

function badUtf8(req: AwsRequest, d: Draw): AwsRequest {
  const at = req.body.length ? d.a % (req.body.length + 1) : 0;
  const bytes = pick(INVALID_UTF8, d.b);
  // Inside a string when there is one: right after the first quote past `at`.
  const quote = req.body.indexOf(0x22, at);
  const where = quote >= 0 ? quote + 1 : at;
  return clone(req, { body: Buffer.concat([req.body.subarray(0, where), bytes, req.body.subarray(where)]) });
}

function nested(depth: number, leaf: unknown, asObject: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { M: { k: v } } : [v];
  return v;
}

/** Every object/array node of a JSON value with its parent and key, found without recursion. */
function slots(root: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const stack = [root];
  while (stack.length && out.length < 500) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        stack.push(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        stack.push(x);
      }
    }
  }
  return out;
}

function containers(root: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const stack = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v && typeof v === 'object') {
      if (!Array.isArray(v)) out.push(v as Record<string, unknown>);
      stack.push(...Object.values(v));
    }
  }
  return out;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON 1.0/1.1 (DynamoDB, SQS): the body's values, names and bytes, and the target. */
export function mutateJson(req: AwsRequest, d: Draw, operations: string[]): AwsRequest {
  let doc: unknown;
  try {
    doc = JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    doc = {};
  }
  const withDoc = (v: unknown) => clone(req, { body: Buffer.from(JSON.stringify(v)) });
  switch (d.kind % 9) {
    case 0:
    case 1: {
      const all = slots(doc);
      if (!all.length) return withDoc({ [pick(ODD_NAMES, d.b)]: pick(ODD_JSON, d.odd) });
      const { parent, key } = pick(all, d.a);
      (parent as Record<string | number, unknown>)[key] = pick(ODD_JSON, d.odd);
      return withDoc(doc);
    }
    case 2: {
      const all = slots(doc);
      if (!all.length) return withDoc(pick(ODD_JSON, d.odd));
      const { parent, key } = pick(all, d.a);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
      return withDoc(doc);
    }
    case 3: {
      const target = pick(containers(doc), d.a) ?? (doc as Record<string, unknown>);
      define(target, pick(ODD_NAMES, d.b), pick(ODD_JSON, d.odd));
      return withDoc(doc);
    }
    case 4: {
      const all = slots(doc);
      const deep = nested(200 + (d.b % 1000), pick(ODD_JSON, d.odd), d.b % 2 === 0);
      if (!all.length) return withDoc({ Item: deep });
      const { parent, key } = pick(all, d.a);
      (parent as Record<string | number, unknown>)[key] = deep;
      return withDoc(doc);
    }
    case 5:
      return truncate(req, d);
    case 6:
      return badUtf8(req, d);
    case 7: {
      const target = req.headers['x-amz-target'] ?? '';
      const prefix = target.slice(0, target.lastIndexOf('.') + 1);
      const name = d.b % 2 ? pick(ODD_NAMES, d.a) : pick(operations, d.a);
      return clone(req, { headers: { ...req.headers, 'x-amz-target': `${prefix}${name}` } });
    }
    default: {
      // The whole body replaced by one odd value (not an object: a list, a scalar).
      return withDoc(pick(ODD_JSON, d.odd));
    }
  }
}

/** Query and EC2: form parameters, their names, the Action, and the body's bytes. */
export function mutateQuery(req: AwsRequest, d: Draw, operations: string[]): AwsRequest {
  const params = new URLSearchParams(req.body.toString('utf8'));
  const entries = [...params.entries()].filter(([k]) => k !== 'Action' && k !== 'Version');
  const withParams = (p: URLSearchParams) => clone(req, { body: Buffer.from(p.toString()) });
  switch (d.kind % 8) {
    case 0:
    case 1: {
      if (!entries.length) params.set(pick(ODD_NAMES, d.b) || 'X', pick(ODD_TEXT, d.odd));
      else params.set(pick(entries, d.a)[0], pick(ODD_TEXT, d.odd));
      return withParams(params);
    }
    case 2: {
      if (entries.length) params.delete(pick(entries, d.a)[0]);
      return withParams(params);
    }
    case 3: {
      const base = entries.length ? pick(entries, d.a)[0] : 'Attributes';
      const parts = base.split('.');
      parts[d.b % parts.length] = pick(ODD_NAMES, d.odd) || String(2 ** 31 + d.b);
      params.append(parts.join('.'), pick(ODD_TEXT, d.odd));
      return withParams(params);
    }
    case 4: {
      const base = entries.length ? pick(entries, d.a)[0] : 'Attributes';
      params.append(`${base}${'.member.1'.repeat(50 + (d.b % 400))}`, pick(ODD_TEXT, d.odd));
      return withParams(params);
    }
    case 5:
      return truncate(req, d);
    case 6:
      return badUtf8(req, d);
    default: {
      params.set('Action', d.b % 2 ? pick(ODD_NAMES, d.a) : pick(operations, d.a));
      return withParams(params);
    }
  }
}

/** rest-xml (S3): headers, query parameters, the key path, the method and the XML body. */
export function mutateRestXml(req: AwsRequest, d: Draw): AwsRequest {
  switch (d.kind % 9) {
    case 0: {
      const names = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') || h.startsWith('content-') || h.startsWith('if-') || h === 'range');
      const name = names.length ? pick(names, d.a) : 'x-amz-acl';
      return clone(req, { headers: { ...req.headers, [name]: pick(ODD_TEXT, d.odd).replace(/[\r\n]/g, '') } });
    }
    case 1: {
      const headers = { ...req.headers };
      const name = pick(['x-amz-meta-', 'x-amz-', 'x-amz-grant-', 'x-amz-object-lock-', 'x-amz-checksum-'], d.b) + (pick(ODD_NAMES, d.a) || 'x');
      headers[name] = pick(ODD_TEXT, d.odd);
      return clone(req, { headers });
    }
    case 2: {
      const url = new URL(req.url.href);
      const keys = [...url.searchParams.keys()];
      const key = keys.length && d.b % 2 ? pick(keys, d.a) : pick(['max-keys', 'partNumber', 'uploadId', 'versionId', 'part-number-marker', 'max-parts', 'list-type', 'encoding-type', 'delimiter', 'x-id'], d.a);
      url.searchParams.set(key, pick(ODD_TEXT, d.odd));
      return clone(req, { url });
    }
    case 3: {
      const url = new URL(req.url.href);
      const segment = pick(['%', '%ZZ', '..', '__proto__', 'constructor', 'a'.repeat(1100), '%00', '%F0%9F%99%82'], d.odd);
      const raw = `${(req.rawPath ?? url.pathname).split('?')[0]}/${segment}`;
      let next: URL;
      try {
        next = new URL(`${raw.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')}${url.search}`, url);
      } catch {
        next = url;
      }
      return clone(req, { url: next, rawPath: raw });
    }
    case 4:
      return clone(req, { method: pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH'], d.a) });
    case 5:
      return truncate(req, d);
    case 6:
      return badUtf8(req, d);
    case 7: {
      const depth = 300 + (d.b % 2000);
      const xml = `<?xml version="1.0" encoding="UTF-8"?>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
      return clone(req, { body: Buffer.from(xml), headers: { ...req.headers, 'content-type': 'application/xml' } });
    }
    default: {
      const root = pick(['Delete', 'Tagging', 'CompleteMultipartUpload', 'CreateBucketConfiguration', 'VersioningConfiguration', '__proto__'], d.a);
      const inner = pick(['<Object><Key>k</Key></Object>', '<TagSet><Tag><Key>__proto__</Key><Value>v</Value></Tag></TagSet>', '<Part><PartNumber>abc</PartNumber></Part>', '<Status>Maybe</Status>', '<Quiet>yes</Quiet>', ''], d.b);
      return clone(req, { body: Buffer.from(`<${root}>${inner}</${root}>`), headers: { ...req.headers, 'content-type': 'application/xml' } });
    }
  }
}
