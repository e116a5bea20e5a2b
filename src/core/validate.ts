/**
 * Model-driven input validation: required members and enum values, worded as
 * AWS's request validation words them:
 *
 *   1 validation error detected: Value null at 'tableName' failed to satisfy
 *   constraint: Member must not be null
 *
 * A service opts in through ServiceModule.validation (the error code its
 * protocol family uses), so the check runs before its handler and no handler
 * repeats it. Lengths and patterns are not in the SDK's schemas; services
 * check those themselves.
 */
import { AwsError } from './errors';
import type { MemberSpec, ServiceSpec } from './spec';

export interface Violation {
  /** AWS path form: lower-camel member names, 1-based list indexes (`keySchema.1.member.attributeName`). */
  path: string;
  value: unknown;
  constraint: string;
}

const MAX_REPORTED = 10;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function validateInput(spec: ServiceSpec, shapeName: string, input: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  walkStructure(spec, shapeName, input, '', out, 0);
  return out;
}

function walkStructure(
  spec: ServiceSpec,
  shapeName: string,
  value: Record<string, unknown>,
  prefix: string,
  out: Violation[],
  depth: number,
): void {
  const shape = spec.shapes[shapeName];
  if (!shape || !('members' in shape) || depth > 20) return;
  for (const [name, member] of Object.entries(shape.members)) {
    const path = prefix + lowerFirst(name);
    const v = value[name];
    if (v === undefined || v === null) {
      if (member.required) out.push({ path, value: null, constraint: 'Member must not be null' });
      continue;
    }
    walkValue(spec, member, v, path, out, depth + 1);
  }
}

/**
 * Whether anything below a shape can fail validation (a required member or
 * an enum), memoized per spec: most request payloads (DynamoDB items,
 * attribute maps) have nothing to check and are skipped whole.
 */
const checkable = new WeakMap<ServiceSpec, Map<string, boolean>>();

function hasChecks(spec: ServiceSpec, target: string): boolean {
  let memo = checkable.get(spec);
  if (!memo) {
    memo = checkableShapes(spec);
    checkable.set(spec, memo);
  }
  return memo.get(target) ?? false;
}

/** A fixpoint over the shape graph, so recursive shapes get the right answer. */
function checkableShapes(spec: ServiceSpec): Map<string, boolean> {
  const result = new Map<string, boolean>();
  const entries = Object.entries(spec.shapes);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, shape] of entries) {
      if (result.get(name)) continue;
      const members =
        shape.type === 'list' ? [shape.member] : shape.type === 'map' ? [shape.key, shape.value] : Object.values(shape.members);
      const structure = shape.type === 'structure' || shape.type === 'union';
      if (members.some((m) => m.enum !== undefined || (structure && m.required) || result.get(m.target))) {
        result.set(name, true);
        changed = true;
      }
    }
  }
  return result;
}

function walkValue(spec: ServiceSpec, member: MemberSpec, v: unknown, path: string, out: Violation[], depth: number) {
  if (!member.enum && !hasChecks(spec, member.target)) return;
  if (member.enum && typeof v === 'string') {
    const allowed = spec.enums[member.enum];
    if (allowed && !allowed.includes(v)) {
      out.push({ path, value: v, constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]` });
    }
    return;
  }
  const shape = spec.shapes[member.target];
  if (!shape) return;
  if (shape.type === 'list' && Array.isArray(v)) {
    v.forEach((item, i) => {
      if (item !== null && item !== undefined) {
        walkValue(spec, shape.member, item, `${path}.${i + 1}.member`, out, depth + 1);
      }
    });
  } else if (shape.type === 'map' && typeof v === 'object') {
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      if (item !== null && item !== undefined) walkValue(spec, shape.value, item, `${path}.${k}`, out, depth + 1);
    }
  } else if ((shape.type === 'structure' || shape.type === 'union') && typeof v === 'object') {
    walkStructure(spec, member.target, v as Record<string, unknown>, `${path}.`, out, depth);
  }
}

export function formatViolations(violations: Violation[]): string {
  const shown = violations.slice(0, MAX_REPORTED);
  const parts = shown.map(
    (v) =>
      `Value ${v.value === null ? 'null' : `'${String(v.value)}'`} at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
  );
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** The AwsError for a list of violations, or undefined when there are none. */
export function validationFailure(violations: Violation[], code: string): AwsError | undefined {
  if (violations.length === 0) return undefined;
  return new AwsError(code, formatViolations(violations), { status: 400 });
}
