/**
 * AWS restXml (S3, Route 53, CloudFront).
 *
 * Request: bindings as rest-json; a structure payload is an XML document whose
 * root is the member's xmlName (S3 `CreateBucketConfiguration`, `Delete`,
 * `Tagging`), unbound members form the input's document.
 * Response: header-bound members, then the payload or a document rooted at
 * the output shape's xmlName (`ListBucketResult`), else its shape name, with
 * `xmlns` = the service namespace. A document whose only member is a scalar
 * named like the root (S3 GetBucketLocation's `<LocationConstraint>`) is
 * written as that root's text.
 * Error: S3 `<Error><Code/><Message/>…<RequestId/><HostId/></Error>`; others
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 * HEAD and 304 answers never carry a body (the SDK then names a 404 `NotFound`).
 *
 * @note S3's 200-with-error (CopyObject, UploadPartCopy, CompleteMultipartUpload
 * failing after the 200 was sent): throw an AwsError with `status: 200`; the
 * `<Error>` document goes out with status 200 and the SDK raises it as an error.
 */
import type { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec, StructureShape } from '../core/spec';
import type { Protocol, ResponseMeta } from './protocol';
import { type RestFormat, restProtocol } from './rest-protocol';
import { isS3Dialect, s3RequestIdHeaders } from './s3/dialect';
import { isoString } from './values';
import { escapeXml, QUERY_STYLE, XmlWriter } from './xml-writer';
import { parseXmlDocument, XmlShapeReader } from './xml-reader';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const writers = new WeakMap<ServiceSpec, XmlWriter>();
const readers = new WeakMap<ServiceSpec, XmlShapeReader>();

function writerFor(spec: ServiceSpec): XmlWriter {
  let w = writers.get(spec);
  if (!w) {
    w = new XmlWriter(spec, QUERY_STYLE);
    writers.set(spec, w);
  }
  return w;
}

function readerFor(spec: ServiceSpec): XmlShapeReader {
  let r = readers.get(spec);
  if (!r) {
    r = new XmlShapeReader(spec);
    readers.set(spec, r);
  }
  return r;
}

function structureOf(spec: ServiceSpec, name: string): StructureShape | undefined {
  const shape = spec.shapes[name];
  return shape && 'members' in shape ? shape : undefined;
}

function xmlnsAttr(spec: ServiceSpec, shape: StructureShape | undefined): string {
  const ns = shape?.xmlNamespace;
  if (ns) return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : ` xmlns="${escapeXml(ns.uri)}"`;
  return spec.xmlNamespace ? ` xmlns="${escapeXml(spec.xmlNamespace)}"` : '';
}

/** `<root xmlns>members</root>` for a structure value. */
function document(spec: ServiceSpec, rootName: string, shapeName: string, value: Record<string, unknown>): Buffer {
  const shape = structureOf(spec, shapeName);
  const { attrs, body } = writerFor(spec).members(shapeName, value);
  const text = textRoot(spec, rootName, shape, value);
  const inner = text ?? body;
  return Buffer.from(`${XML_DECLARATION}<${rootName}${xmlnsAttr(spec, shape)}${attrs}>${inner}</${rootName}>`, 'utf8');
}

/** GetBucketLocation-style documents: the root's text is the only member. */
function textRoot(
  spec: ServiceSpec,
  rootName: string,
  shape: StructureShape | undefined,
  value: Record<string, unknown>,
): string | undefined {
  if (!shape) return undefined;
  const bodyMembers = Object.entries(shape.members).filter(([, m]) => !m.location);
  if (bodyMembers.length !== 1) return undefined;
  const [name, member] = bodyMembers[0];
  if ((member.xmlName ?? name) !== rootName || spec.shapes[member.target]) return undefined;
  const v = value[name];
  if (v === undefined || v === null) return '';
  // The writer renders the element; keep only its text content.
  const element = writerFor(spec).value(rootName, member, v);
  return element.slice(element.indexOf('>') + 1, element.lastIndexOf('<'));
}

function payloadRootName(spec: ServiceSpec, member: MemberSpec): string {
  return member.xmlName ?? structureOf(spec, member.target)?.xmlName ?? member.target;
}

function requestIdHeaders(spec: ServiceSpec, meta: ResponseMeta): Record<string, string> {
  return isS3Dialect(spec) ? s3RequestIdHeaders(meta.requestId) : { 'x-amzn-requestid': meta.requestId };
}

const restXmlFormat: RestFormat = {
  contentType: 'application/xml',
  readBody(spec, shapeName, body) {
    return readerFor(spec).structure(shapeName, parseXmlDocument(body));
  },
  readPayload(spec, member, body) {
    return readerFor(spec).value(member, parseXmlDocument(body));
  },
  writeBody(spec, shapeName, value) {
    return document(spec, structureOf(spec, shapeName)?.xmlName ?? shapeName, shapeName, value);
  },
  writePayload(spec, member, value) {
    return document(spec, payloadRootName(spec, member), member.target, value as Record<string, unknown>);
  },
  baseHeaders: requestIdHeaders,
  errorHead: (spec, _shapeName, meta) => requestIdHeaders(spec, meta),
  errorBody(spec, shapeName, err, meta) {
    return Buffer.from(errorDocument(spec, shapeName, err, meta), 'utf8');
  },
  errorBodyHeaders: { 'content-type': 'application/xml' },
};

const RESERVED_ERROR_ELEMENTS = new Set(['Code', 'Message', 'message', 'RequestId', 'HostId', 'Type']);

/** Error members as elements: modelled ones by the model, the rest as simple elements. */
function errorFields(spec: ServiceSpec, shapeName: string, fields: Record<string, unknown>): string {
  const shape = structureOf(spec, shapeName);
  const modelled: Record<string, unknown> = {};
  let extra = '';
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || RESERVED_ERROR_ELEMENTS.has(k)) continue;
    if (shape && k in shape.members) modelled[k] = v;
    else extra += `<${k}>${escapeXml(simpleText(v))}</${k}>`;
  }
  return (shape ? writerFor(spec).members(shapeName, modelled).body : '') + extra;
}

function simpleText(v: unknown): string {
  if (v instanceof Date) return isoString(v);
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function errorDocument(spec: ServiceSpec, shapeName: string, err: AwsError, meta: ResponseMeta): string {
  const code = `<Code>${escapeXml(err.code)}</Code>`;
  const message = `<Message>${escapeXml(err.message)}</Message>`;
  const fields = errorFields(spec, shapeName, err.fields);
  if (isS3Dialect(spec)) {
    const ids = s3RequestIdHeaders(meta.requestId);
    return `${XML_DECLARATION}<Error>${code}${message}${fields}<RequestId>${ids['x-amz-request-id']}</RequestId><HostId>${ids['x-amz-id-2']}</HostId></Error>`;
  }
  const type = `<Type>${err.fault === 'client' ? 'Sender' : 'Receiver'}</Type>`;
  const ns = spec.xmlNamespace ? ` xmlns="${escapeXml(spec.xmlNamespace)}"` : '';
  return `${XML_DECLARATION}<ErrorResponse${ns}><Error>${type}${code}${message}${fields}</Error><RequestId>${escapeXml(meta.requestId)}</RequestId></ErrorResponse>`;
}

export const restXmlProtocol: Protocol = restProtocol('rest-xml', restXmlFormat);
