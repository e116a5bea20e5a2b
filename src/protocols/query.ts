/**
 * AWS query (SNS, IAM, STS, and the legacy forms of SQS and CloudWatch) and,
 * through its options, EC2 query.
 *
 * Request: form-encoded `Action=Op&Version=...&Member.sub=...` (POST body, or
 * the query string of a GET). Lists are `Name.member.N` (`Name.N` when
 * flattened, always in EC2); maps are `Name.entry.N.key/value`.
 * Response: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>` (EC2: no
 * Result wrapper, a `requestId` element, lists of `item`).
 */
import type { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import { type MemberSpec, type OperationSpec, operationNamed, type ServiceSpec } from '../core/spec';
import { queryCodeOf, shapeForErrorCode } from './errors';
import type { Protocol, ResponseMeta } from './protocol';
import { setEntry, textToScalar } from './values';
import { MAX_DEPTH, tooDeep } from './wire-errors';
import { EC2_STYLE, escapeXml, QUERY_STYLE, XmlWriter } from './xml-writer';

/** A dotted form key tree: `A.member.1.B=x` → A → member → 1 → B = "x". */
interface FormNode {
  value?: string;
  children?: Map<string, FormNode>;
}

export function parseForm(params: URLSearchParams): FormNode {
  const root: FormNode = {};
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) {
        next = {};
        node.children.set(part, next);
      }
      node = next;
    }
    node.value = value;
  }
  return root;
}

/** Parsed once per request: resolveOperation and parse both read the form. */
const formCache = new WeakMap<AwsRequest, URLSearchParams>();

/** The form parameters of a query request, from the body or the URL. */
export function formParams(req: AwsRequest): URLSearchParams {
  if (req.body.length === 0) return req.url.searchParams;
  let params = formCache.get(req);
  if (!params) {
    params = new URLSearchParams(req.body.toString('utf8'));
    formCache.set(req, params);
  }
  return params;
}

interface QueryFlavor {
  ec2: boolean;
}

function memberKey(name: string, member: MemberSpec, flavor: QueryFlavor): string {
  if (flavor.ec2) {
    if (member.ec2QueryName) return member.ec2QueryName;
    const base = member.xmlName ?? name;
    return base.charAt(0).toUpperCase() + base.slice(1);
  }
  return member.xmlName ?? name;
}

/** Children of a list/map node in index order (1, 2, ... as the keys say). */
function indexed(node: FormNode | undefined): FormNode[] {
  if (!node?.children) return [];
  return [...node.children.entries()]
    .filter(([k]) => /^\d+$/.test(k))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, v]) => v);
}

function readNode(spec: ServiceSpec, member: MemberSpec, node: FormNode, flavor: QueryFlavor, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw tooDeep();
  const shape = spec.shapes[member.target];
  if (!shape) return textToScalar(member.target, node.value ?? '');
  if (shape.type === 'list') {
    // `Param=` with no children is how the SDK sends an empty list.
    if (!node.children) return [];
    const flattened = flavor.ec2 || member.xmlFlattened || shape.xmlFlattened;
    const itemsNode = flattened ? node : node.children.get(shape.member.xmlName ?? 'member');
    return indexed(itemsNode).map((item) => readNode(spec, shape.member, item, flavor, depth + 1));
  }
  if (shape.type === 'map') {
    if (!node.children) return {};
    const flattened = member.xmlFlattened || shape.xmlFlattened;
    const entries = indexed(flattened ? node : node.children.get('entry'));
    const keyName = shape.key.xmlName ?? 'key';
    const valueName = shape.value.xmlName ?? 'value';
    const out: Record<string, unknown> = {};
    for (const entry of entries) {
      const k = entry.children?.get(keyName)?.value;
      const v = entry.children?.get(valueName);
      if (k !== undefined && v) setEntry(out, k, readNode(spec, shape.value, v, flavor, depth + 1));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  if (!node.children) return out;
  for (const [name, m] of Object.entries(shape.members)) {
    const child = node.children.get(memberKey(name, m, flavor));
    if (child) out[name] = readNode(spec, m, child, flavor, depth + 1);
  }
  return out;
}

function queryResponse(status: number, requestId: string, xml: string): AwsResponse {
  const body = Buffer.from(xml, 'utf8');
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'content-length': String(body.length) },
    body,
  };
}

function createQueryProtocol(flavor: QueryFlavor): Protocol {
  const style = flavor.ec2 ? EC2_STYLE : QUERY_STYLE;
  const writers = new WeakMap<ServiceSpec, XmlWriter>();
  const writerFor = (spec: ServiceSpec): XmlWriter => {
    let w = writers.get(spec);
    if (!w) {
      w = new XmlWriter(spec, style);
      writers.set(spec, w);
    }
    return w;
  };

  return {
    name: flavor.ec2 ? 'ec2' : 'query',

    resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined {
      const action = formParams(req).get('Action');
      return action ? operationNamed(spec, action) : undefined;
    },

    parse(req: AwsRequest, op: OperationSpec, spec: ServiceSpec): Record<string, unknown> {
      if (!op.input) return {};
      const root = parseForm(formParams(req));
      return readNode(spec, { target: op.input }, root, flavor) as Record<string, unknown>;
    },

    serialize(output, op, spec, meta: ResponseMeta): AwsResponse {
      const ns = spec.xmlNamespace ? ` xmlns="${escapeXml(spec.xmlNamespace)}"` : '';
      const inner =
        op.output && output ? writerFor(spec).members(op.output, output as Record<string, unknown>).body : '';
      const xml = flavor.ec2
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response${ns}><requestId>${meta.requestId}</requestId>${inner}</${op.name}Response>`
        : `<${op.name}Response${ns}><${op.name}Result>${inner}</${op.name}Result><ResponseMetadata><RequestId>${meta.requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
      return queryResponse(200, meta.requestId, xml);
    },

    serializeError(err: AwsError, _op, spec, meta: ResponseMeta): AwsResponse {
      const { code, status } = queryCodeOf(spec, err);
      const shapeName = shapeForErrorCode(spec, err.code);
      const fields = spec.shapes[shapeName]
        ? writerFor(spec).members(shapeName, err.fields).body
        : Object.entries(err.fields)
            .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
            .join('');
      const message = `<Message>${escapeXml(err.message)}</Message>`;
      const xml = flavor.ec2
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>${message}${fields}</Error></Errors><RequestID>${meta.requestId}</RequestID></Response>`
        : `<ErrorResponse xmlns="${escapeXml(spec.xmlNamespace ?? '')}"><Error><Type>${err.fault === 'client' ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(code)}</Code>${message}${fields}</Error><RequestId>${meta.requestId}</RequestId></ErrorResponse>`;
      const response = queryResponse(status, meta.requestId, xml);
      Object.assign(response.headers, err.headers);
      return response;
    },
  };
}

export const queryProtocol = createQueryProtocol({ ec2: false });
export const ec2Protocol = createQueryProtocol({ ec2: true });

