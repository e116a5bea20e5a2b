/**
 * Shape → XML, shared by the query, ec2 and rest-xml protocols. The three
 * differ only in style: the element name of a non-flattened list's items
 * ('member' for query and rest-xml, 'item' for ec2) and the member names.
 */
import type { MemberSpec, ServiceSpec, StructureShape } from '../core/spec';
import { scalarToText } from './values';

export interface XmlStyle {
  /** Item element of a non-flattened list when the list member has no xmlName. */
  listItem: 'member' | 'item';
}

export const QUERY_STYLE: XmlStyle = { listItem: 'member' };
export const EC2_STYLE: XmlStyle = { listItem: 'item' };

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
  '\n': '&#xA;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (c) => ESCAPES[c]);
}

/** Text content escaping: newlines may stay literal inside elements. */
function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c]);
}

function namespaceAttr(ns: { uri: string; prefix?: string } | undefined): string {
  if (!ns) return '';
  return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : ` xmlns="${escapeXml(ns.uri)}"`;
}

export class XmlWriter {
  constructor(
    private readonly spec: ServiceSpec,
    private readonly style: XmlStyle,
  ) {}

  /**
   * The children (and attributes) of a structure value, skipping members bound
   * to HTTP headers, status or URI, which the REST protocols write elsewhere.
   */
  members(shapeName: string, value: Record<string, unknown>): { attrs: string; body: string } {
    const shape = this.spec.shapes[shapeName] as StructureShape | undefined;
    if (!shape || !('members' in shape)) return { attrs: '', body: '' };
    let attrs = '';
    let body = '';
    for (const [name, member] of Object.entries(shape.members)) {
      if (member.location && member.location !== 'payload') continue;
      const v = value[name];
      if (v === undefined || v === null) continue;
      const elementName = member.xmlName ?? name;
      if (member.xmlAttribute) {
        attrs += ` ${elementName}="${escapeXml(scalarToText(member.target, v, member.timestampFormat ?? 'date-time'))}"`;
      } else {
        body += this.value(elementName, member, v);
      }
    }
    return { attrs, body };
  }

  /** One member value as an element named `name` (several elements for flattened collections). */
  value(name: string, member: MemberSpec, value: unknown): string {
    const shape = this.spec.shapes[member.target];
    if (!shape) {
      const text = scalarToText(member.target, value, member.timestampFormat ?? 'date-time');
      return `<${name}${namespaceAttr(member.xmlNamespace)}>${escapeText(text)}</${name}>`;
    }
    if (shape.type === 'list') {
      const items = Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
      if (member.xmlFlattened || shape.xmlFlattened) {
        return items.map((item) => this.value(name, { ...shape.member, xmlName: undefined }, item)).join('');
      }
      const itemName = shape.member.xmlName ?? this.style.listItem;
      let inner = '';
      for (const item of items) inner += this.value(itemName, shape.member, item);
      return `<${name}${namespaceAttr(member.xmlNamespace)}>${inner}</${name}>`;
    }
    if (shape.type === 'map') {
      const keyName = shape.key.xmlName ?? 'key';
      const valueName = shape.value.xmlName ?? 'value';
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      const flattened = member.xmlFlattened || shape.xmlFlattened;
      let inner = '';
      for (const [k, v] of entries) {
        if (v === undefined) continue;
        const entry = this.value(keyName, shape.key, k) + this.value(valueName, shape.value, v);
        inner += flattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return flattened ? inner : `<${name}>${inner}</${name}>`;
    }
    const { attrs, body } = this.members(member.target, value as Record<string, unknown>);
    const ns = namespaceAttr(member.xmlNamespace ?? shape.xmlNamespace);
    return `<${name}${ns}${attrs}>${body}</${name}>`;
  }
}
