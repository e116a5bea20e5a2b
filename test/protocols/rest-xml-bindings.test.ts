/**
 * XML body shapes S3 does not exercise, on a small Route 53-like spec: a
 * request document of unbound members (no payload member), maps wrapped and
 * flattened, lists of lists, attributes, timestamps and blobs — written by
 * xml-writer.ts and read back by xml-reader.ts through the protocol.
 */
import { createRequest } from '../../src/core/request';
import type { ServiceSpec } from '../../src/core/spec';
import { restXmlProtocol } from '../../src/protocols/rest-xml';
import { bodyText } from './support/rest-capture';

const spec: ServiceSpec = {
  id: 'zones',
  namespace: 'com.example.zones',
  serviceShape: 'Zones',
  apiVersion: '2013-04-01',
  signingName: 'zones',
  endpointPrefix: 'zones',
  protocols: ['rest-xml'],
  xmlNamespace: 'https://example.com/doc/2013-04-01/',
  operations: {
    CreateZone: {
      name: 'CreateZone',
      input: 'CreateZoneRequest',
      output: 'CreateZoneRequest',
      http: { method: 'POST', uri: '/2013-04-01/zone', code: 201 },
    },
  },
  shapes: {
    CreateZoneRequest: {
      type: 'structure',
      xmlName: 'CreateZoneRequest',
      members: {
        Name: { target: 'string', required: true },
        Id: { target: 'string', xmlAttribute: true, xmlName: 'id' },
        Created: { target: 'timestamp' },
        Secret: { target: 'blob' },
        Count: { target: 'number' },
        Enabled: { target: 'boolean' },
        Labels: { target: 'LabelMap' },
        Flat: { target: 'LabelMap', xmlFlattened: true, xmlName: 'Pair' },
        Grid: { target: 'Grid' },
        Records: { target: 'Records', xmlFlattened: true, xmlName: 'Record' },
        Comment: { target: 'string', location: 'header', locationName: 'x-comment' },
      },
    },
    Record: { type: 'structure', members: { Type: { target: 'string' }, Values: { target: 'Values' } } },
    Records: { type: 'list', member: { target: 'Record' } },
    Values: { type: 'list', member: { target: 'string', xmlName: 'Value' } },
    Row: { type: 'list', member: { target: 'number' } },
    Grid: { type: 'list', member: { target: 'Row' } },
    LabelMap: { type: 'map', key: { target: 'string', xmlName: 'K' }, value: { target: 'string', xmlName: 'V' } },
  },
  enums: {},
  errors: [],
};

const value = {
  Name: 'example.com.',
  Id: 'Z1 & "2"',
  Created: new Date('2024-01-02T03:04:05.678Z'),
  Secret: Buffer.from([1, 2, 3, 250]),
  Count: 3,
  Enabled: false,
  Labels: { a: '1', 'b c': '<2>' },
  Flat: { x: 'y' },
  Grid: [[1, 2], [3]],
  Records: [
    { Type: 'A', Values: ['1.2.3.4', '5.6.7.8'] },
    { Type: 'TXT', Values: ['  spaced  ', 'line\nbreak'] },
  ],
};

describe('rest-xml documents of unbound members', () => {
  it('writes a document the reader reads back to the same value', () => {
    const res = restXmlProtocol.serialize({ ...value, Comment: 'hi' }, spec.operations.CreateZone, spec, { requestId: 'r' });
    expect(res.status).toBe(201);
    expect(res.headers['x-comment']).toBe('hi');
    const xml = bodyText(res);
    expect(xml).toContain('<CreateZoneRequest xmlns="https://example.com/doc/2013-04-01/" id="Z1 &amp; &quot;2&quot;">');
    expect(xml).toContain('<Labels><entry><K>a</K><V>1</V></entry>');
    expect(xml).toContain('<Pair><K>x</K><V>y</V></Pair>');
    expect(xml).toContain('<Record><Type>A</Type><Values><Value>1.2.3.4</Value>');

    const req = createRequest({
      method: 'POST',
      url: 'https://zones.amazonaws.com/2013-04-01/zone',
      headers: { 'x-comment': 'hi', 'content-type': 'application/xml' },
      body: xml,
    });
    const op = restXmlProtocol.resolveOperation(req, spec)!;
    expect(restXmlProtocol.parse(req, op, spec)).toEqual({ ...value, Comment: 'hi' });
  });

  it('reads documents written by other clients: whitespace between elements, padded numbers, CDATA', () => {
    const xml = `<?xml version="1.0"?>
      <CreateZoneRequest xmlns="https://example.com/doc/2013-04-01/">
        <Name><![CDATA[a<b>.com.]]></Name>
        <Count> 7 </Count>
        <Enabled>true</Enabled>
        <Record>
          <Type>MX</Type>
        </Record>
      </CreateZoneRequest>`;
    const req = createRequest({ method: 'POST', url: 'https://zones.amazonaws.com/2013-04-01/zone', body: xml });
    expect(restXmlProtocol.parse(req, spec.operations.CreateZone, spec)).toEqual({
      Name: 'a<b>.com.',
      Count: 7,
      Enabled: true,
      Records: [{ Type: 'MX' }],
    });
  });
});
