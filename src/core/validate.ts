/**
 * Model-driven input validation, worded as AWS's request validation words it:
 *
 *   1 validation error detected: Value null at 'tableName' failed to satisfy
 *   constraint: Member must not be null
 *
 * Checks come from the spec: required members, enum values, and botocore's
 * constraint traits (length of strings, blobs, lists and maps; range of
 * numbers; patterns). They run for every service before its handler (a
 * service tunes them through ServiceModule.validation), so no handler repeats
 * a generic check. Several violations are joined with "; " under
 * "N validation errors detected: "; AWS lists at most 10 and its count
 * matches the list.
 */
import { AwsError } from './errors';
import type { MemberSpec, ServiceSpec, ShapeSpec } from './spec';

export interface Violation {
  /** AWS path form: lower-camel member names, 1-based list indexes (`keySchema.1.member.attributeName`). */
  path: string;
  value: unknown;
  constraint: string;
}

/** The generic checks a service may turn off (ServiceModule.validation.skip). */
export type ValidationCheck = 'required' | 'enum' | 'length' | 'range' | 'pattern';

export interface ValidationOptions {
  skip?: ReadonlySet<ValidationCheck>;
  /** `Shape.Member` names whose constraints are not checked (see ServiceValidation.skipMembers). */
  skipMembers?: ReadonlySet<string>;
}

export const MAX_REPORTED = 10;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

interface Walk {
  spec: ServiceSpec;
  out: Violation[];
  skip: ReadonlySet<ValidationCheck>;
  skipMembers: ReadonlySet<string>;
  /** Shapes whose values the input's codec has checked (markModelChecked). */
  checked: ReadonlySet<string> | undefined;
}

const NONE: ReadonlySet<never> = new Set();

/**
 * Inputs in which a service's codec (ServiceModule.codecs) has already checked
 * every value of some shapes against all the rules walkStructure applies to
 * them (DynamoDB's AttributeValues: no null list element, no M key past its
 * length), with the names of those shapes: the walk does not descend into
 * them again. One mark per request, only when every such value passed;
 * otherwise the input is walked whole, as any other.
 */
// One slot, not a WeakMap: the dispatcher validates an input right after its codec parsed it, with
// nothing in between, and a WeakMap entry per request cost more than the walk it spared (an ephemeron
// per call for the garbage collector). The mark holds for that object only and is used up when read.
let markedInput: object | undefined;
let markedShapes: ReadonlySet<string> | undefined;

export function markModelChecked(input: object, shapes: ReadonlySet<string>): void {
  markedInput = input;
  markedShapes = shapes;
}

function takeModelChecked(input: object): ReadonlySet<string> | undefined {
  if (markedInput !== input) return undefined;
  const shapes = markedShapes;
  markedInput = undefined;
  markedShapes = undefined;
  return shapes;
}

export function validateInput(
  spec: ServiceSpec,
  shapeName: string,
  input: Record<string, unknown>,
  options: ValidationOptions = {},
): Violation[] {
  const walk: Walk = {
    spec,
    out: [],
    skip: options.skip ?? NONE,
    skipMembers: options.skipMembers ?? NONE,
    checked: takeModelChecked(input),
  };
  walkStructure(walk, shapeName, input, '');
  return walk.out;
}

/** What walkStructure needs of one member, computed once per shape. */
interface MemberPlan {
  name: string;
  path: string;
  member: MemberSpec;
  /** Anything to check at or below this member (constraints, nested checks, a list's null elements). */
  walk: boolean;
}

interface ShapePlan {
  members: MemberPlan[];
  /** Plan index by member name, for walking only the members a value has. */
  index: Map<string, number>;
  required: boolean;
}

const plans = new WeakMap<ServiceSpec, Map<string, ShapePlan | null>>();

function planOf(spec: ServiceSpec, shapeName: string): ShapePlan | null {
  let bySpec = plans.get(spec);
  if (!bySpec) {
    bySpec = new Map();
    plans.set(spec, bySpec);
  }
  let plan = bySpec.get(shapeName);
  if (plan === undefined) {
    const shape = spec.shapes[shapeName];
    if (shape && 'members' in shape) {
      const members = Object.entries(shape.members).map(([name, member]) => ({
        name,
        path: lowerFirst(name),
        member,
        walk: constrained(member) || hasChecks(spec, member.target) || spec.shapes[member.target]?.type === 'list',
      }));
      plan = {
        members,
        index: new Map(members.map((m, i) => [m.name, i])),
        required: members.some((m) => m.member.required),
      };
    } else {
      plan = null;
    }
    bySpec.set(shapeName, plan);
  }
  return plan;
}

function walkStructure(walk: Walk, shapeName: string, value: Record<string, unknown>, prefix: string): void {
  const plan = planOf(walk.spec, shapeName);
  if (!plan) return;
  if (!plan.required) {
    // Nothing can be missing: visit only the members the value has (one of a union's ten), in model order.
    const present: number[] = [];
    for (const key of Object.keys(value)) {
      const i = plan.index.get(key);
      if (i !== undefined && plan.members[i].walk) present.push(i);
    }
    if (present.length > 1) present.sort((a, b) => a - b);
    for (const i of present) visitMember(walk, shapeName, plan.members[i], value, prefix);
    return;
  }
  for (const entry of plan.members) visitMember(walk, shapeName, entry, value, prefix);
}

function visitMember(walk: Walk, shapeName: string, entry: MemberPlan, value: Record<string, unknown>, prefix: string): void {
  const v = Object.hasOwn(value, entry.name) ? value[entry.name] : undefined;
  if (v === undefined || v === null) {
    if (entry.member.required && !walk.skip.has('required')) {
      walk.out.push({ path: prefix + entry.path, value: null, constraint: 'Member must not be null' });
    }
    return;
  }
  if (!entry.walk) return;
  if (walk.skipMembers.size && walk.skipMembers.has(`${shapeName}.${entry.name}`)) return;
  walkValue(walk, entry.member, v, prefix + entry.path);
}

/**
 * Whether anything below a shape can fail validation, memoized per spec: most
 * request payloads (DynamoDB items, attribute maps) have little to check and
 * are skipped whole where they have nothing. Answered for the shapes asked
 * about, not the whole model at once: a fixpoint over every shape cost a
 * process's first validated call to a service about 0.6 ms for DynamoDB's 374
 * shapes (more for S3's and EC2's), where the shapes a call reaches are a few.
 */
const checkable = new WeakMap<ServiceSpec, Map<string, boolean>>();

function hasChecks(spec: ServiceSpec, target: string): boolean {
  let memo = checkable.get(spec);
  if (!memo) {
    memo = new Map();
    checkable.set(spec, memo);
  }
  const known = memo.get(target);
  return known ?? reachesACheck(spec, target, memo);
}

function constrained(m: MemberSpec): boolean {
  return (
    m.enum !== undefined ||
    m.min !== undefined ||
    m.max !== undefined ||
    m.pattern !== undefined ||
    m.items !== undefined ||
    m.keys !== undefined ||
    m.values !== undefined
  );
}

/**
 * A shape has checks when a shape reachable from it (itself included) has a
 * constrained member, or a required one in a structure or union. A walk of the
 * shapes reachable from `target` (recursive shapes included: each is visited
 * once): when it finds none, none of the shapes it visited has checks either.
 */
function reachesACheck(spec: ServiceSpec, target: string, memo: Map<string, boolean>): boolean {
  const seen = new Set<string>();
  const pending = [target];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const known = memo.get(name);
    if (known === false) continue;
    const shape = known ? undefined : Object.hasOwn(spec.shapes, name) ? spec.shapes[name] : undefined;
    if (known || (shape && hasOwnCheck(shape))) {
      memo.set(target, true);
      return true;
    }
    if (shape) for (const m of membersOf(shape)) pending.push(m.target);
  }
  for (const name of seen) memo.set(name, false);
  return false;
}

function membersOf(shape: ShapeSpec): MemberSpec[] {
  return shape.type === 'list' ? [shape.member] : shape.type === 'map' ? [shape.key, shape.value] : Object.values(shape.members);
}

function hasOwnCheck(shape: ShapeSpec): boolean {
  const structure = shape.type === 'structure' || shape.type === 'union';
  return membersOf(shape).some((m) => constrained(m) || (structure && m.required));
}

/** Element, key and value members of a list or map with the referencing member's constraints on them, made once. */
const merged = new WeakMap<MemberSpec, { item?: MemberSpec; key?: MemberSpec; value?: MemberSpec; inner?: MemberSpec }>();

function partsOf(spec: ServiceSpec, member: MemberSpec) {
  let parts = merged.get(member);
  if (!parts) {
    const shape = spec.shapes[member.target];
    parts = {};
    if (shape?.type === 'list') parts.item = member.items ? { ...shape.member, ...member.items } : shape.member;
    if (shape?.type === 'map') {
      parts.key = member.keys ? { ...shape.key, ...member.keys } : shape.key;
      const value = member.values ? { ...shape.value, ...member.values } : shape.value;
      parts.value = value;
      // The value's own constraints are reported on the map; inside each value only what lies below.
      parts.inner = { target: value.target, items: value.items, keys: value.keys, values: value.values };
    }
    merged.set(member, parts);
  }
  return parts;
}

function walkValue(walk: Walk, member: MemberSpec, v: unknown, path: string): void {
  const { spec } = walk;
  const shape = spec.shapes[member.target];
  // A null element of a list that is not sparse (JSON `[null]`): never a value a handler can use.
  if (shape?.type === 'list' && !shape.sparse && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] === null || v[i] === undefined) {
        walk.out.push({ path: `${path}.${i + 1}.member`, value: null, constraint: 'Member must not be null' });
      }
    }
  }
  const own = constrained(member);
  if (!own && !hasChecks(spec, member.target)) return;
  if (own) checkScalar(walk, member, v, path);
  if (!shape) return;
  if (shape.type === 'list' && Array.isArray(v)) {
    const item = partsOf(spec, member).item as MemberSpec;
    if (!spec.shapes[item.target]) {
      // Scalar elements are reported once, on the list, with all the element's constraints.
      if (anyFails(walk, item, v)) walk.out.push({ path, value: v, constraint: `Member must satisfy constraint: [${describe(walk, item)}]` });
      return;
    }
    if (!constrained(item) && !hasChecks(spec, item.target)) return;
    for (let i = 0; i < v.length; i++) {
      const entry = v[i];
      if (entry !== null && entry !== undefined) walkValue(walk, item, entry, `${path}.${i + 1}.member`);
    }
  } else if (shape.type === 'map' && v !== null && typeof v === 'object') {
    const { key, value, inner } = partsOf(spec, member) as Required<ReturnType<typeof partsOf>>;
    const map = v as Record<string, unknown>;
    if (ownConstraints(key) && anyFails(walk, key, Object.keys(map))) {
      walk.out.push({ path, value: v, constraint: `Map keys must satisfy constraint: [${describe(walk, key)}]` });
    }
    if (ownConstraints(value) && anyFails(walk, value, Object.values(map))) {
      walk.out.push({ path, value: v, constraint: `Map value must satisfy constraint: [${describe(walk, value)}]` });
    }
    if (!spec.shapes[value.target] || (!constrained(inner) && !hasChecks(spec, inner.target))) return;
    for (const k of Object.keys(map)) {
      const entry = map[k];
      if (entry !== null && entry !== undefined) walkValue(walk, inner, entry, `${path}.${k}`);
    }
  } else if ((shape.type === 'structure' || shape.type === 'union') && typeof v === 'object' && v !== null) {
    if (!walk.checked?.has(member.target)) walkStructure(walk, member.target, v as Record<string, unknown>, `${path}.`);
  }
}

/** Does any of `values` fail `element`'s own constraints? */
function anyFails(walk: Walk, element: MemberSpec, values: unknown[]): boolean {
  if (!ownConstraints(element)) return false;
  for (const x of values) if (x !== null && x !== undefined && scalarFails(walk, element, x)) return true;
  return false;
}

function ownConstraints(m: MemberSpec): boolean {
  return m.enum !== undefined || m.min !== undefined || m.max !== undefined || m.pattern !== undefined;
}

/**
 * All constraints of an element, as AWS lists them inside "[...]" when a list
 * element, map key or map value fails: upper bound, lower bound, pattern, enum.
 */
function describe(walk: Walk, m: MemberSpec): string {
  const parts: string[] = [];
  const scalarNumber = m.target === 'number' || m.target === 'bigint' || m.target === 'bigdecimal';
  const unit = scalarNumber ? 'value' : 'length';
  if (m.max !== undefined) parts.push(`Member must have ${unit} less than or equal to ${m.max}`);
  if (m.min !== undefined) parts.push(`Member must have ${unit} greater than or equal to ${m.min}`);
  if (m.pattern !== undefined) parts.push(`Member must satisfy regular expression pattern: ${m.pattern}`);
  if (m.enum !== undefined) parts.push(`Member must satisfy enum value set: [${(walk.spec.enums[m.enum] ?? []).join(', ')}]`);
  return parts.join(', ');
}

/** Whether one value breaks a constraint of `member` (checkScalar without the messages). */
function scalarFails(walk: Walk, member: MemberSpec, v: unknown): boolean {
  const before = walk.out.length;
  checkScalar(walk, member, v, '');
  if (walk.out.length === before) return false;
  walk.out.length = before;
  return true;
}

/** Enum, pattern, length and range of one value, in that order. */
function checkScalar(walk: Walk, member: MemberSpec, v: unknown, path: string): void {
  const { out, skip } = walk;
  if (member.enum !== undefined && typeof v === 'string' && !skip.has('enum')) {
    const allowed = walk.spec.enums[member.enum];
    if (allowed && !allowed.includes(v)) {
      out.push({ path, value: v, constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]` });
    }
  }
  if (member.pattern !== undefined && typeof v === 'string' && !skip.has('pattern')) {
    const re = compilePattern(member.pattern);
    if (re && !re.test(v)) out.push({ path, value: v, constraint: `Member must satisfy regular expression pattern: ${member.pattern}` });
  }
  const { min, max } = member;
  if (min === undefined && max === undefined) return;
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (skip.has('range')) return;
    if (min !== undefined && v < min) out.push({ path, value: v, constraint: `Member must have value greater than or equal to ${min}` });
    if (max !== undefined && v > max) out.push({ path, value: v, constraint: `Member must have value less than or equal to ${max}` });
    return;
  }
  const size = sizeOf(v);
  if (size === undefined || skip.has('length')) return;
  if (min !== undefined && size < min) out.push({ path, value: v, constraint: `Member must have length greater than or equal to ${min}` });
  if (max !== undefined && size > max) out.push({ path, value: v, constraint: `Member must have length less than or equal to ${max}` });
}

/** Length as AWS counts it: UTF-16 units of a string (a Java String), bytes of a blob, entries of a list or map. */
function sizeOf(v: unknown): number | undefined {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Map) return v.size;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length;
  return undefined;
}

const patterns = new Map<string, RegExp | null>();

/**
 * A model pattern (Java syntax) as a whole-string JavaScript RegExp, or null
 * when JavaScript cannot express it (then the pattern is not checked rather
 * than checked wrongly).
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re !== undefined) return re;
  re = null;
  const source = pattern
    // Java's POSIX classes, which JavaScript lacks.
    .replace(/\\p\{Alnum\}/g, 'a-zA-Z0-9')
    .replace(/\\p\{Alpha\}/g, 'a-zA-Z')
    .replace(/\\p\{XDigit\}/g, '0-9a-fA-F')
    .replace(/\\p\{Punct\}/g, '!-\\/:-@\\[-`{-~')
    .replace(/\\p\{ASCII\}/g, '\\x00-\\x7F')
    .replace(/\\p\{Print\}/g, '\\x20-\\x7E')
    .replace(/\\p\{Graph\}/g, '\\x21-\\x7E')
    .replace(/\\p\{Space\}/g, '\\s')
    .replace(/\\Z$|\\z$/, '');
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${source})$`, flags);
      break;
    } catch {
      // try the next flavour
    }
  }
  patterns.set(pattern, re);
  return re;
}

/** `'ab'`, `null`, and Java's toString of lists and maps (`[a, b]`, `{k=v}`), as AWS prints values. */
function printValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return `'${javaString(v)}'`;
}

function javaString(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (v instanceof Uint8Array) return `java.nio.HeapByteBuffer[pos=0 lim=${v.byteLength} cap=${v.byteLength}]`;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${javaString(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

export function formatViolations(violations: Violation[]): string {
  const shown = violations.slice(0, MAX_REPORTED);
  const parts = shown.map((v) => `Value ${printValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`);
  const n = shown.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** The AwsError for a list of violations, or undefined when there are none. */
export function validationFailure(violations: Violation[], code: string): AwsError | undefined {
  if (violations.length === 0) return undefined;
  return new AwsError(code, formatViolations(violations), { status: 400 });
}
