/**
 * Walks v3 static schemas from the operations and errors of a service and
 * collects the reachable shapes in the spec format: primitives inlined into
 * members, structures/unions/lists/maps referenced by name. Lists and maps
 * the schemas inline as codes (`64|0`) get synthetic names (`__listOfString`,
 * `__listOfQueueAttributeName` when the SDK types the member as an enum).
 */
import type { ListShape, MapShape, MemberSpec, ShapeSpec, StructureShape } from '../src/core/spec';
import type { Declarations, EnumLink } from './declarations';
import { memberTraits, xmlNamespace } from './member-traits';
import {
  KIND,
  type Resolved,
  type SimpleType,
  type StaticSchema,
  type Traits,
  resolve,
  simpleType,
  translateTraits,
  unwrapMember,
} from './read-v3-schema';

const KNOWN_MEMBER_TRAITS = new Set([
  'httpLabel', 'httpQuery', 'httpQueryParams', 'httpHeader', 'httpPrefixHeaders', 'httpResponseCode',
  'httpPayload', 'xmlName', 'xmlAttribute', 'xmlFlattened', 'xmlNamespace', 'ec2QueryName', 'jsonName',
  'timestampFormat', 'idempotencyToken', 'streaming', 'mediaType', 'hostLabel', 'sensitive', 'idempotent',
]);

export class ShapeCollector {
  readonly shapes = new Map<string, ShapeSpec>();
  readonly usedEnums = new Set<string>();
  readonly warnings = new Set<string>();
  /** Shape name → namespace that claimed it, to catch cross-namespace collisions. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly namespace: string,
    private readonly decls: Declarations,
  ) {}

  /** Registers a structure/union/list/map schema (and all it reaches); returns its name. */
  shape(schema: StaticSchema): string {
    const [kind, ns, name] = schema;
    const owner = this.owners.get(name);
    if (owner !== undefined) {
      if (owner !== ns) this.warnings.add(`shape name ${name} in both ${owner} and ${ns}`);
      return name;
    }
    if (ns !== this.namespace) this.warnings.add(`shape ${ns}#${name} outside ${this.namespace}`);
    this.owners.set(name, ns);
    const traits = translateTraits(schema[3]);
    if (kind === KIND.list) {
      const list: ListShape = { type: 'list', member: undefined as unknown as MemberSpec };
      this.shapes.set(name, list);
      list.member = this.member(schema[4], name, 'member');
      Object.assign(list, collectionTraits(traits));
    } else if (kind === KIND.map) {
      const map: MapShape = { type: 'map', key: { target: 'string' }, value: { target: 'string' } };
      this.shapes.set(name, map);
      map.key = this.member(schema[4], name, 'key');
      map.value = this.member(schema[5], name, 'value');
      Object.assign(map, collectionTraits(traits));
    } else if (kind === KIND.structure || kind === KIND.error || kind === KIND.union) {
      const struct: StructureShape = { type: kind === KIND.union ? 'union' : 'structure', members: {} };
      this.shapes.set(name, struct);
      this.fillStructure(struct, schema, traits);
    } else {
      throw new Error(`${name}: schema kind ${kind} is not a shape`);
    }
    return name;
  }

  private fillStructure(struct: StructureShape, schema: StaticSchema, traits: Traits): void {
    const name = schema[2];
    const names = schema[4] as string[];
    const refs = schema[5] as unknown[];
    const requiredCount = typeof schema[6] === 'number' ? schema[6] : 0;
    const members = names.map((memberName, i) => {
      const member = this.member(refs[i], name, memberName);
      if (i < requiredCount) member.required = true;
      return [memberName, member] as const;
    });
    // Schemas list required members first; the model order is what AWS writes in XML.
    const order = this.decls.memberOrder.get(name) ?? [];
    const rank = (member: string) => {
      const i = order.indexOf(member);
      return i < 0 ? order.length : i;
    };
    members.sort(([a], [b]) => rank(a) - rank(b));
    for (const [memberName, member] of members) struct.members[memberName] = member;
    if (typeof traits.xmlName === 'string') struct.xmlName = traits.xmlName;
    if (traits.xmlNamespace !== undefined) struct.xmlNamespace = xmlNamespace(traits.xmlNamespace);
    if (typeof traits.error === 'string') {
      const fault = traits.error === 'server' ? 'server' : 'client';
      const status = typeof traits.httpError === 'number' ? traits.httpError : fault === 'server' ? 500 : 400;
      struct.error = { fault, status };
      const query = traits.awsQueryError;
      if (Array.isArray(query)) {
        struct.error.queryCode = String(query[0]);
        struct.error.queryStatus = Number(query[1]);
      }
    }
  }

  /** One member of `owner`, with the enum link the SDK declares for it. */
  member(ref: unknown, owner: string, memberName: string, link?: EnumLink): MemberSpec {
    const { schema, traits } = unwrapMember(ref);
    for (const t of Object.keys(traits)) {
      if (!KNOWN_MEMBER_TRAITS.has(t)) this.warnings.add(`member trait ${t} (${owner}.${memberName}) not in spec`);
    }
    const found = link ?? this.decls.links.get(`${owner}.${memberName}`);
    const resolved = resolve(schema);
    const target = this.target(resolved, found);
    const own = resolved.kind === 'simple' || resolved.kind === 'list' || resolved.kind === 'map' ? resolved.traits : {};
    if (resolved.kind === 'shape' && translateTraits(resolved.schema[3]).streaming) own.streaming = 1;
    const spec: MemberSpec = { target: target.name, ...simpleFields(target.simple), ...memberTraits({ ...own, ...traits }, memberName) };
    if (target.simple && found?.enum && target.simple.primitive === 'string') {
      spec.enum = found.enum;
      this.usedEnums.add(found.enum);
    }
    return spec;
  }

  private target(resolved: Resolved, link: EnumLink | undefined): { name: string; simple?: SimpleType } {
    switch (resolved.kind) {
      case 'simple':
        return { name: resolved.type.primitive, simple: resolved.type };
      case 'list':
        return { name: this.inlineList(resolved.of, link?.member) };
      case 'map':
        return { name: this.inlineMap(resolved.of, link) };
      case 'unit':
        throw new Error('unit schema used as a member');
      case 'shape': {
        const name = this.shape(resolved.schema);
        if (link) this.applyLink(name, link);
        return { name };
      }
    }
  }

  /** `64|code`: a list of a simple type, named by its element (or the element's enum). */
  private inlineList(code: number, link: EnumLink | undefined): string {
    const type = simpleType(code);
    const name = `__listOf${typeSuffix(type, link?.enum)}`;
    if (!this.shapes.has(name)) {
      this.shapes.set(name, { type: 'list', member: this.simpleMember(type, link?.enum) });
    }
    return name;
  }

  /** `128|code`: a map of string to a simple type. */
  private inlineMap(code: number, link: EnumLink | undefined): string {
    const type = simpleType(code);
    const keyPart = link?.key ? `${link.key}To` : '';
    const name = `__mapOf${keyPart}${typeSuffix(type, link?.value?.enum)}`;
    if (!this.shapes.has(name)) {
      this.shapes.set(name, {
        type: 'map',
        key: this.simpleMember({ primitive: 'string' }, link?.key),
        value: this.simpleMember(type, link?.value?.enum),
      });
    }
    return name;
  }

  private simpleMember(type: SimpleType, enumName: string | undefined): MemberSpec {
    const spec: MemberSpec = { target: type.primitive, ...simpleFields(type) };
    if (enumName && type.primitive === 'string') {
      spec.enum = enumName;
      this.usedEnums.add(enumName);
    }
    return spec;
  }

  /** Puts a referencing member's enum link onto a named list/map's elements. */
  private applyLink(name: string, link: EnumLink): void {
    const shape = this.shapes.get(name);
    if (shape?.type === 'list' && link.member) this.linkMember(name, shape.member, link.member);
    if (shape?.type === 'map') {
      if (link.key) this.linkMember(name, shape.key, { enum: link.key });
      if (link.value) this.linkMember(name, shape.value, link.value);
    }
  }

  private linkMember(owner: string, member: MemberSpec, link: EnumLink): void {
    if (link.enum && member.target === 'string') {
      if (member.enum && member.enum !== link.enum) {
        this.warnings.add(`${owner}: element typed as both ${member.enum} and ${link.enum}`);
        return;
      }
      member.enum = link.enum;
      this.usedEnums.add(link.enum);
    } else if (!link.enum) {
      this.applyLink(member.target, link);
    }
  }
}

function collectionTraits(traits: Traits): Partial<ListShape> {
  const out: Partial<ListShape> = {};
  if (traits.xmlFlattened) out.xmlFlattened = true;
  if (typeof traits.xmlName === 'string') out.xmlName = traits.xmlName;
  if (traits.sparse) out.sparse = true;
  return out;
}

function simpleFields(type: SimpleType | undefined): Partial<MemberSpec> {
  const out: Partial<MemberSpec> = {};
  if (type?.timestampFormat) out.timestampFormat = type.timestampFormat;
  if (type?.streaming) out.streaming = true;
  return out;
}

/** `String`, `TimestampDateTime`, or the enum name: the tail of a synthetic shape name. */
function typeSuffix(type: SimpleType, enumName: string | undefined): string {
  if (enumName && type.primitive === 'string') return enumName;
  const base = type.primitive.charAt(0).toUpperCase() + type.primitive.slice(1);
  const format = type.timestampFormat ? type.timestampFormat.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()) : '';
  return `${base}${format}${type.streaming ? 'Stream' : ''}`;
}

