/**
 * services/<svc>/types.ts: a TypeScript interface per structure and union of
 * the spec, and `<Svc>Operations`, the input/output map handler tables are
 * typed with. Members are optional unless the model requires them.
 */
import type { MemberSpec, ServiceSpec } from '../src/core/spec';
import { generatedBanner } from './emit-spec';
import { pascalId } from './services';

/**
 * Shape names that would shadow globals this file or its users rely on; they
 * get the SDK's own escape, a leading underscore (`_Error`, `_Record`).
 */
const RESERVED = new Set([
  'Array', 'Boolean', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object', 'Partial', 'Promise',
  'Record', 'Required', 'Set', 'Stream', 'String', 'Symbol', 'Uint8Array',
]);

const PRIMITIVE_TYPES: Record<string, string> = {
  string: 'string',
  boolean: 'boolean',
  number: 'number',
  bigint: 'string',
  bigdecimal: 'string',
  timestamp: 'Date',
  blob: 'Uint8Array',
  document: 'unknown',
};

const NOTHING = 'Record<string, never>';

export function typeName(shape: string): string {
  return RESERVED.has(shape) ? `_${shape}` : shape;
}

export function emitTypes(spec: ServiceSpec, sources: string): string {
  const lines = [generatedBanner(sources), ''];
  for (const [name, shape] of Object.entries(spec.shapes)) {
    if (shape.type !== 'structure' && shape.type !== 'union') continue;
    const members = Object.entries(shape.members);
    if (members.length === 0) {
      lines.push(`export type ${typeName(name)} = ${NOTHING};`);
      continue;
    }
    lines.push(`export interface ${typeName(name)} {`);
    for (const [memberName, member] of members) {
      const optional = member.required && shape.type === 'structure' ? '' : '?';
      lines.push(`  ${propertyKey(memberName)}${optional}: ${typeOf(member, spec)};`);
    }
    lines.push('}');
  }
  // A type alias, not an interface: HandlerTable needs its implicit index signature.
  lines.push('', `export type ${pascalId(spec.id)}Operations = {`);
  for (const op of Object.values(spec.operations)) {
    const input = op.input ? typeName(op.input) : NOTHING;
    const output = op.output ? typeName(op.output) : NOTHING;
    lines.push(`  ${op.name}: { input: ${input}; output: ${output} };`);
  }
  lines.push('};', '');
  return lines.join('\n');
}

function typeOf(member: MemberSpec, spec: ServiceSpec): string {
  const primitive = PRIMITIVE_TYPES[member.target];
  if (primitive) return primitive;
  const shape = spec.shapes[member.target];
  if (!shape) throw new Error(`${spec.id}: member targets unknown shape ${member.target}`);
  if (shape.type === 'list') {
    const element = typeOf(shape.member, spec);
    return /[\s|<]/.test(element) ? `Array<${element}>` : `${element}[]`;
  }
  if (shape.type === 'map') return `Record<string, ${typeOf(shape.value, spec)}>`;
  return typeName(member.target);
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
