/**
 * Puts botocore's constraint traits (min/max length or range, pattern, enum
 * values in model order) onto a built ServiceSpec. The v3 schemas drop these
 * traits; codegen/constraints/constraints.json holds them, extracted from
 * botocore's service-2.json by `npm run codegen:constraints`
 * (codegen/constraints/extract.py) and committed, so codegen, CI and the
 * stale check never need Python.
 */
import type { Constraints, MemberSpec, ServiceSpec } from '../src/core/spec';
import raw from './constraints/constraints.json';

/** The constraints of one member's target, with those of its elements. */
interface MemberConstraints extends Constraints {
  member?: MemberConstraints;
  key?: MemberConstraints;
  value?: MemberConstraints;
}

interface ServiceConstraints {
  members: Record<string, Record<string, MemberConstraints>>;
  enums: Record<string, string[]>;
}

const file = raw as unknown as { botocore: string; services: Record<string, ServiceConstraints> };

export const BOTOCORE_VERSION = file.botocore;

/** Applies the constraints of service `id`; returns warnings (shapes botocore names that the spec lacks are ignored). */
export function applyConstraints(spec: ServiceSpec, id: string): string[] {
  const source = file.services[id];
  const warnings: string[] = [];
  if (!source) return warnings;
  const ctx = { spec, source, warnings };
  for (const [shapeName, members] of Object.entries(source.members)) {
    const shape = spec.shapes[shapeName];
    if (!shape || !('members' in shape)) continue;
    for (const [memberName, c] of Object.entries(members)) {
      const member = shape.members[memberName];
      if (member) applyMember(ctx, `${shapeName}.${memberName}`, member, c);
    }
  }
  return warnings;
}

interface Ctx {
  spec: ServiceSpec;
  source: ServiceConstraints;
  warnings: string[];
}

function applyMember(ctx: Ctx, where: string, member: MemberSpec, c: MemberConstraints): void {
  setScalar(ctx, where, member, c);
  const shape = ctx.spec.shapes[member.target];
  if (!shape) return;
  // A synthetic list/map (`__listOfString`) is shared by members with different element rules.
  const synthetic = member.target.startsWith('__');
  if (shape.type === 'list' && c.member) {
    if (synthetic) member.items = scalarOnly(ctx, where, c.member, shape.member);
    else applyMember(ctx, `${member.target}.member`, shape.member, c.member);
  } else if (shape.type === 'map') {
    if (c.key) {
      if (synthetic) member.keys = scalarOnly(ctx, where, c.key, shape.key);
      else applyMember(ctx, `${member.target}.key`, shape.key, c.key);
    }
    if (c.value) {
      if (synthetic) member.values = scalarOnly(ctx, where, c.value, shape.value);
      else applyMember(ctx, `${member.target}.value`, shape.value, c.value);
    }
  }
}

function scalarOnly(ctx: Ctx, where: string, c: MemberConstraints, element: MemberSpec): Constraints {
  const out: MemberSpec = { target: element.target, ...(element.enum ? { enum: element.enum } : {}) };
  setScalar(ctx, where, out, c);
  const { target: _target, ...constraints } = out;
  return constraints;
}

function setScalar(ctx: Ctx, where: string, member: MemberSpec, c: MemberConstraints): void {
  if (c.min !== undefined) member.min = c.min;
  if (c.max !== undefined) member.max = c.max;
  if (c.pattern !== undefined && member.target === 'string') member.pattern = c.pattern;
  if (c.enum !== undefined && member.target === 'string') setEnum(ctx, where, member, c.enum);
}

/** Botocore's values, in model order, under the SDK's enum name when the SDK typed the member. */
function setEnum(ctx: Ctx, where: string, member: MemberSpec, name: string): void {
  const values = ctx.source.enums[name];
  if (!values) return;
  const target = member.enum ?? name;
  const existing = ctx.spec.enums[target];
  if (existing && !sameSet(existing, values)) {
    ctx.warnings.push(`${where}: enum ${target} differs from botocore's ${name}; the SDK's values are kept`);
    return;
  }
  ctx.spec.enums[target] = values;
  member.enum = target;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set([...a, ...b]).size === a.length;
}
