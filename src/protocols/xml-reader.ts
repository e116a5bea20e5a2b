/**
 * XML request bodies → shape values, for rest-xml (S3 `CreateBucketConfiguration`,
 * `Delete`, `Tagging`, Route 53 change batches). The mirror of xml-writer.ts:
 *  - a structure's members are child elements named by xmlName (else the
 *    member name), or attributes when xmlAttribute;
 *  - a list is a wrapper whose children are the items, unless flattened: then
 *    each item is a sibling element named like the member;
 *  - a map is `<entry><key/><value/></entry>` items (key/value names from the
 *    model), or sibling entries when flattened.
 * Parsing uses fast-xml-parser in order-preserving mode, so repeated elements
 * and mixed content are never guessed.
 */
import type { XMLParser } from 'fast-xml-parser';
import { localRequire } from '../intercept/local-require';
import { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec } from '../core/spec';
import { setEntry, textToScalar } from './values';
import { MAX_DEPTH } from './wire-errors';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (CDATA included). */
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

let parser: XMLParser | undefined;

/**
 * The parser, made on the first XML body: fast-xml-parser takes tens of milliseconds to load, and
 * a process that only calls JSON services (or only reads from S3) never needs it.
 */
function xmlParser(): XMLParser {
  if (parser) return parser;
  const { XMLParser: Parser } = localRequire('fast-xml-parser') as typeof import('fast-xml-parser');
  parser = new Parser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    // Decodes numeric references (&#xD; is how the SDK writes '\r').
    htmlEntities: true,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  return parser;
}

export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    { status: 400 },
  );
}

/** The root element of an XML document; MalformedXML when it is not well-formed. */
export function parseXmlDocument(body: Buffer | string): XmlElement {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let nodes: OrderedNode[];
  try {
    nodes = xmlParser().parse(text, true) as OrderedNode[];
  } catch {
    throw malformedXml();
  }
  const root = nodes.map((n) => toElement(n, 0)).find((e): e is XmlElement => e !== undefined);
  if (!root) throw malformedXml();
  return root;
}

function toElement(node: OrderedNode, depth: number): XmlElement | undefined {
  // Nesting far beyond any AWS document is malformed, and must not overflow the stack.
  if (depth > MAX_DEPTH) throw malformedXml();
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '#cdata' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const element: XmlElement = { name, attrs: node[':@'] ?? {}, children: [], text: '' };
  for (const child of node[name] as OrderedNode[]) {
    if ('#text' in child) element.text += String(child['#text']);
    else if ('#cdata' in child) element.text += cdataText(child['#cdata']);
    else {
      const sub = toElement(child, depth + 1);
      if (sub) element.children.push(sub);
    }
  }
  return element;
}

function cdataText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String((v as OrderedNode)['#text'] ?? '')).join('');
  return String(value ?? '');
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Children grouped by element name (and by local name, for prefixed elements). */
function childIndex(element: XmlElement): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  const add = (key: string, child: XmlElement) => {
    const list = index.get(key);
    if (list) list.push(child);
    else index.set(key, [child]);
  };
  for (const child of element.children) {
    add(child.name, child);
    const local = localName(child.name);
    if (local !== child.name) add(local, child);
  }
  return index;
}

export class XmlShapeReader {
  constructor(private readonly spec: ServiceSpec) {}

  /** The members of structure `shapeName` held by `element` (bound members skipped). */
  structure(shapeName: string, element: XmlElement): Record<string, unknown> {
    const shape = this.spec.shapes[shapeName];
    const out: Record<string, unknown> = {};
    if (!shape || !('members' in shape)) return out;
    const children = childIndex(element);
    for (const [name, member] of Object.entries(shape.members)) {
      if (member.location && member.location !== 'payload') continue;
      const xmlName = member.xmlName ?? name;
      if (member.xmlAttribute) {
        const raw = element.attrs[xmlName] ?? element.attrs[localName(xmlName)];
        if (raw !== undefined) out[name] = this.scalar(member, raw);
        continue;
      }
      const found = children.get(xmlName);
      if (!found?.length) continue;
      const flattened = this.isFlattened(member);
      out[name] = flattened ? this.flattened(member, found) : this.value(member, found[0]);
    }
    return out;
  }

  /** One element as the value of `member`. */
  value(member: MemberSpec, element: XmlElement): unknown {
    const shape = this.spec.shapes[member.target];
    if (!shape) return this.scalar(member, element.text);
    if (shape.type === 'list') {
      // Every child of a list wrapper is an item, whatever its name.
      return element.children.map((child) => this.value(shape.member, child));
    }
    if (shape.type === 'map') return this.entries(member, element.children);
    return this.structure(member.target, element);
  }

  private isFlattened(member: MemberSpec): boolean {
    const shape = this.spec.shapes[member.target];
    if (!shape || (shape.type !== 'list' && shape.type !== 'map')) return false;
    return Boolean(member.xmlFlattened || shape.xmlFlattened);
  }

  private flattened(member: MemberSpec, elements: XmlElement[]): unknown {
    const shape = this.spec.shapes[member.target];
    if (shape?.type === 'list') return elements.map((e) => this.value(shape.member, e));
    return this.entries(member, elements);
  }

  private entries(member: MemberSpec, entries: XmlElement[]): Record<string, unknown> {
    const shape = this.spec.shapes[member.target];
    const out: Record<string, unknown> = {};
    if (shape?.type !== 'map') return out;
    const keyName = shape.key.xmlName ?? 'key';
    const valueName = shape.value.xmlName ?? 'value';
    for (const entry of entries) {
      const index = childIndex(entry);
      const key = index.get(keyName)?.[0];
      const value = index.get(valueName)?.[0];
      if (key === undefined) continue;
      setEntry(out, key.text, value === undefined ? undefined : this.value(shape.value, value));
    }
    return out;
  }

  private scalar(member: MemberSpec, text: string): unknown {
    switch (member.target) {
      case 'string':
      case 'bigint':
      case 'bigdecimal':
      case 'document':
        return text;
      case 'boolean':
      case 'number':
        return textToScalar(member.target, text.trim());
      default:
        return textToScalar(member.target, text);
    }
  }
}
