/**
 * HTTP binding details that Lambda and S3 do not exercise, on a small
 * hand-written spec: template specificity, header lists (quoted items,
 * HTTP dates), mediaType headers, query lists and maps, jsonName, document
 * payloads, status-code members. Wire forms follow the SDK's serializers.
 */
import { AwsError } from '../../src/core/errors';
import { createRequest } from '../../src/core/request';
import type { ServiceSpec } from '../../src/core/spec';
import { headerText, readHeader, splitHeader } from '../../src/protocols/http-bindings';
import { restJsonProtocol } from '../../src/protocols/rest-json';
import { bodyText } from './support/rest-capture';

const http = (method: string, uri: string, code = 200) => ({ method, uri, code });

const spec: ServiceSpec = {
  id: 'demo',
  namespace: 'com.example.demo',
  serviceShape: 'Demo',
  apiVersion: '2020-01-01',
  signingName: 'demo',
  endpointPrefix: 'demo',
  protocols: ['rest-json'],
  operations: {
    GetThing: { name: 'GetThing', input: 'ThingInput', output: 'ThingOutput', http: http('GET', '/things/{Id}') },
    GetSpecial: { name: 'GetSpecial', http: http('GET', '/things/special') },
    GetSub: { name: 'GetSub', input: 'ThingInput', http: http('GET', '/things/{Id}/sub') },
    GetFile: { name: 'GetFile', input: 'FileInput', http: http('GET', '/files/{Path+}') },
    Search: { name: 'Search', input: 'SearchInput', http: http('GET', '/search') },
    SearchFast: { name: 'SearchFast', input: 'SearchInput', http: http('GET', '/search?mode=fast') },
    PutDoc: { name: 'PutDoc', input: 'DocInput', output: 'DocInput', http: http('POST', '/docs', 201) },
  },
  shapes: {
    ThingInput: {
      type: 'structure',
      members: {
        Id: { target: 'number', location: 'uri', locationName: 'Id', required: true },
        Tags: { target: 'Strings', location: 'header', locationName: 'X-Tags' },
        Dates: { target: 'Dates', location: 'header', locationName: 'X-Dates' },
        Epoch: { target: 'timestamp', timestampFormat: 'epoch-seconds', location: 'header', locationName: 'X-Epoch' },
        Flag: { target: 'boolean', location: 'header', locationName: 'X-Flag' },
        Policy: { target: 'string', mediaType: 'application/json', location: 'header', locationName: 'X-Policy' },
        Since: { target: 'timestamp', location: 'querystring', locationName: 'since' },
        Sizes: { target: 'Numbers', location: 'querystring', locationName: 'size' },
        Extra: { target: 'QueryMap', location: 'queryParams' },
        Meta: { target: 'StringMap', location: 'headers', locationName: 'x-meta-' },
        DisplayName: { target: 'string', jsonName: 'display_name' },
        Created: { target: 'timestamp' },
      },
    },
    ThingOutput: {
      type: 'structure',
      members: {
        Status: { target: 'number', location: 'statusCode' },
        Tags: { target: 'Strings', location: 'header', locationName: 'X-Tags' },
        Dates: { target: 'Dates', location: 'header', locationName: 'X-Dates' },
        DisplayName: { target: 'string', jsonName: 'display_name' },
        Created: { target: 'timestamp' },
      },
    },
    FileInput: { type: 'structure', members: { Path: { target: 'string', location: 'uri', locationName: 'Path' } } },
    SearchInput: {
      type: 'structure',
      members: { Mode: { target: 'string', location: 'querystring', locationName: 'mode' }, Q: { target: 'string', location: 'querystring', locationName: 'q' } },
    },
    DocInput: { type: 'structure', members: { Doc: { target: 'document', location: 'payload' } } },
    Strings: { type: 'list', member: { target: 'string' } },
    Numbers: { type: 'list', member: { target: 'number' } },
    Dates: { type: 'list', member: { target: 'timestamp' } },
    StringMap: { type: 'map', key: { target: 'string' }, value: { target: 'string' } },
    QueryMap: { type: 'map', key: { target: 'string' }, value: { target: 'Strings' } },
  },
  enums: {},
  errors: [],
};

const request = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  createRequest({ method, url: `https://demo.us-east-1.amazonaws.com${path}`, headers, body });

function parse(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const req = request(method, path, headers, body);
  const op = restJsonProtocol.resolveOperation(req, spec);
  return { op: op?.name, input: op ? restJsonProtocol.parse(req, op, spec) : undefined };
}

describe('URI template matching', () => {
  it.each([
    ['/things/special', 'GetSpecial'],
    ['/things/42', 'GetThing'],
    ['/things/42/', 'GetThing'],
    ['/things/42/sub', 'GetSub'],
    ['/things/42/sub/more', undefined],
    ['/files/a/b%20c/d.txt', 'GetFile'],
    ['/search?mode=fast&q=x', 'SearchFast'],
    ['/search?mode=slow&q=x', 'Search'],
    ['/search', 'Search'],
  ])('GET %s → %s', (path, op) => {
    expect(parse('GET', path).op).toBe(op);
  });

  it('decodes a greedy label across slashes and converts typed labels', () => {
    expect(parse('GET', '/files/a/b%20c/d%2Fe.txt').input).toEqual({ Path: 'a/b c/d/e.txt' });
    expect(parse('GET', '/things/42').input).toEqual({ Id: 42 });
  });

  it('does not route another method', () => {
    expect(parse('DELETE', '/things/42').op).toBeUndefined();
  });
});

describe('header, query and body bindings', () => {
  it('reads header lists, HTTP-date lists, epoch and boolean headers, base64 JSON headers and prefixes', () => {
    const policy = '{"a":[1,2]}';
    const { input } = parse('GET', '/things/7', {
      'x-tags': 'a, "b,c", "d\\"e"',
      'x-dates': 'Tue, 02 Jan 2024 03:04:05 GMT, Wed, 03 Jan 2024 03:04:05 GMT',
      'x-epoch': '1704164645.5',
      'x-flag': 'true',
      'x-policy': Buffer.from(policy).toString('base64'),
      'x-meta-color': 'blue',
      'x-meta-size': 'L',
    });
    expect(input).toEqual({
      Id: 7,
      Tags: ['a', 'b,c', 'd"e'],
      Dates: [new Date('2024-01-02T03:04:05Z'), new Date('2024-01-03T03:04:05Z')],
      Epoch: new Date(1704164645500),
      Flag: true,
      Policy: policy,
      Meta: { color: 'blue', size: 'L' },
    });
  });

  it('reads query timestamps, repeated keys as lists and leaves the rest to the query map', () => {
    const { input } = parse('GET', '/things/7?since=2024-01-02T03%3A04%3A05Z&size=1&size=2&x=1&x=2&y=3');
    expect(input).toEqual({
      Id: 7,
      Since: new Date('2024-01-02T03:04:05Z'),
      Sizes: [1, 2],
      Extra: { x: ['1', '2'], y: ['3'] },
    });
  });

  it('answers a badly typed label or header with SerializationException', () => {
    expect(() => parse('GET', '/things/abc')).toThrow(expect.objectContaining({ code: 'SerializationException' }));
    expect(() => parse('GET', '/things/1', { 'x-flag': 'maybe' })).toThrow(expect.objectContaining({ code: 'SerializationException' }));
  });

  it('reads and writes JSON bodies by jsonName, timestamps as epoch seconds', () => {
    const { input } = parse('GET', '/things/1', {}, '{"display_name":"Thing","Created":1704164645}');
    expect(input).toEqual({ Id: 1, DisplayName: 'Thing', Created: new Date('2024-01-02T03:04:05Z') });
    const res = restJsonProtocol.serialize(
      { DisplayName: 'Thing', Created: new Date('2024-01-02T03:04:05.250Z'), Tags: ['x,y', 'z'] },
      spec.operations.GetThing,
      spec,
      { requestId: 'r' },
    );
    expect(JSON.parse(bodyText(res))).toEqual({ display_name: 'Thing', Created: 1704164645.25 });
    expect(res.headers['x-tags']).toBe('"x,y", z');
  });

  it('reads and writes a document payload as JSON', () => {
    const doc = { a: [1, { b: null }], c: 'd' };
    expect(parse('POST', '/docs', {}, JSON.stringify(doc)).input).toEqual({ Doc: doc });
    const res = restJsonProtocol.serialize({ Doc: doc }, spec.operations.PutDoc, spec, { requestId: 'r' });
    expect(res.status).toBe(201);
    expect(JSON.parse(bodyText(res))).toEqual(doc);
  });

  it('takes the status from the statusCode member and refuses an impossible one', () => {
    const ok = restJsonProtocol.serialize({ Status: 206 }, spec.operations.GetThing, spec, { requestId: 'r' });
    expect(ok.status).toBe(206);
    expect(() => restJsonProtocol.serialize({ Status: 42 }, spec.operations.GetThing, spec, { requestId: 'r' })).toThrow(AwsError);
  });
});

describe('header text forms', () => {
  const listOf = (target: string) => ({ target: target === 'timestamp' ? 'Dates' : 'Strings' });

  it('writes and reads back every header form', () => {
    const cases: Array<[{ target: string; mediaType?: string; timestampFormat?: 'epoch-seconds' }, unknown]> = [
      [listOf('string'), ['plain', 'with,comma', 'with "quote"', 'back\\slash']],
      [listOf('timestamp'), [new Date('2024-01-02T03:04:05Z'), new Date('2030-12-31T23:59:59Z')]],
      [{ target: 'string', mediaType: 'application/json' }, '{"k":"v"}'],
      [{ target: 'timestamp', timestampFormat: 'epoch-seconds' }, new Date(1704164645000)],
      [{ target: 'timestamp' }, new Date('2024-01-02T03:04:05Z')],
      [{ target: 'blob' }, Buffer.from([0, 1, 2, 255])],
      [{ target: 'number' }, 12.5],
      [{ target: 'boolean' }, false],
    ];
    for (const [member, value] of cases) {
      const text = headerText(spec, member, value);
      expect(readHeader(spec, member, text)).toEqual(value);
    }
  });

  it('splits header lists as the SDK quotes them', () => {
    expect(splitHeader('a,b, "c, d" ,"e\\"f"')).toEqual(['a', 'b', 'c, d', 'e"f']);
  });
});
