/**
 * API Gateway's JSON-patch updates (every Update* operation of REST APIs):
 * `patchOperations` of `{op, path, value, from}` where `path` is a JSON
 * pointer into the resource (`/name`, `/requestTemplates/application~1json`).
 * Each operation declares the paths it takes and with which ops (AWS's
 * "Patch Operations" table); anything else is BadRequestException. All
 * operations are checked and applied to a copy first, so a bad one leaves
 * the resource as it was.
 */
import { badRequest } from '../exceptions';
import type { PatchOperation } from '../types';
import { deepCopy } from './copy';

type Op = 'add' | 'remove' | 'replace' | 'copy' | 'move';

/** How a value (always a string on the wire) is stored. */
export type Kind = 'string' | 'boolean' | 'integer' | 'number' | 'list';

export interface PatchRule {
  /** `/name` for a scalar member, `/requestParameters/*` for any key of a map member. */
  path: string;
  ops: readonly Op[];
  kind?: Kind;
  /** A custom application (lists of ARNs, composite values): mutates the target. */
  apply?: (target: Record<string, unknown>, op: Op, key: string | undefined, value: string | undefined) => void;
}

/** A JSON pointer segment unescaped (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function match(rules: readonly PatchRule[], path: string): { rule: PatchRule; key?: string } | undefined {
  for (const rule of rules) {
    if (rule.path === path) return { rule };
    if (rule.path.endsWith('/*')) {
      const prefix = rule.path.slice(0, -1);
      const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '';
      if (rest && !rest.includes('/')) return { rule, key: unescapePointer(rest) };
    }
  }
  return undefined;
}

export function invalidPatch(op: PatchOperation): Error {
  return badRequest(`Invalid patch path ${op.path ?? ''} for operation ${op.op ?? ''}`);
}

function convert(kind: Kind | undefined, value: string | undefined, path: string): unknown {
  if (value === undefined) return undefined;
  switch (kind) {
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw badRequest(`Invalid boolean value '${value}' for ${path}`);
      return value === 'true';
    case 'integer':
      if (!/^-?\d+$/.test(value)) throw badRequest(`Invalid integer value '${value}' for ${path}`);
      return Number(value);
    case 'number':
      if (Number.isNaN(Number(value)) || value.trim() === '') throw badRequest(`Invalid number value '${value}' for ${path}`);
      return Number(value);
    default:
      return value;
  }
}

/** Sets or deletes `key` of the map member `member` (created null-prototype when absent). */
function setIn(target: Record<string, unknown>, member: string, key: string, value: unknown): void {
  const existing = target[member] as Record<string, unknown> | undefined;
  const map: Record<string, unknown> = Object.create(null);
  Object.assign(map, existing ?? {});
  if (value === undefined) delete map[key];
  else map[key] = value;
  target[member] = map;
}

/**
 * Applies `ops` to a copy of `target` under `rules` and returns the copy; throws (without touching
 * `target`) on the first operation the rules do not allow. `copy` reads `from` (a path the rules know).
 */
export function applyPatch<T extends object>(target: T, ops: readonly PatchOperation[] | undefined, rules: readonly PatchRule[]): T {
  const copy = deepCopy(target) as unknown as Record<string, unknown>;
  for (const op of ops ?? []) {
    const path = op.path ?? '';
    const found = match(rules, path);
    const verb = op.op as Op;
    if (!found?.rule.ops.includes(verb)) throw invalidPatch(op);
    const { rule, key } = found;
    let value = op.value;
    if (verb === 'copy' || verb === 'move') {
      const from = match(rules, op.from ?? '');
      if (!from) throw badRequest(`Invalid patch from path ${op.from ?? ''}`);
      const fromMember = from.rule.path.endsWith('/*') ? from.rule.path.slice(1, -2) : from.rule.path.slice(1);
      const source = from.key === undefined ? copy[fromMember] : (copy[fromMember] as Record<string, unknown> | undefined)?.[from.key];
      if (source === undefined) throw badRequest(`Invalid patch from path ${op.from ?? ''}`);
      value = String(source);
      if (verb === 'move' && from.key !== undefined) setIn(copy, fromMember, from.key, undefined);
    }
    if (rule.apply) {
      rule.apply(copy, verb, key, value);
      continue;
    }
    const member = key === undefined ? path.slice(1) : rule.path.slice(1, -2);
    const stored = verb === 'remove' ? undefined : convert(rule.kind, value, path);
    if (key === undefined) copy[member] = stored;
    else setIn(copy, member, key, stored);
  }
  return copy as unknown as T;
}

/** Applies the patch and writes the result back into `target` (one assignment after every check passed). */
export function patchInPlace<T extends object>(target: T, ops: readonly PatchOperation[] | undefined, rules: readonly PatchRule[]): T {
  const patched = applyPatch(target, ops, rules);
  for (const k of Object.keys(target)) if (!(k in patched)) delete (target as Record<string, unknown>)[k];
  Object.assign(target, patched);
  return target;
}

/** Rules for scalar members taking `replace`. */
export function replaceable(kind: Kind, ...paths: string[]): PatchRule[] {
  return paths.map((path) => ({ path, ops: ['replace'], kind }));
}

/** A map member whose keys take add / replace / remove (`/requestTemplates/*`). */
export function mapMember(member: string, kind: Kind = 'string'): PatchRule {
  return { path: `/${member}/*`, ops: ['add', 'replace', 'remove'], kind };
}

/** A member one level down (`/throttle/burstLimit`, `/tlsConfig/insecureSkipVerification`), replace only. */
export function nestedMember(path: string, kind: Kind): PatchRule {
  const [, outer, inner] = path.split('/');
  return {
    path,
    ops: ['replace'],
    apply: (target, _op, _key, value) => {
      const parent = { ...((target[outer] as Record<string, unknown> | undefined) ?? {}) };
      parent[inner] = convert(kind, value, path);
      target[outer] = parent;
    },
  };
}

/** A list member whose items are added and removed by value (`/authorizationScopes`, `/features`). */
export function listMember(path: string): PatchRule {
  const member = path.slice(1);
  return {
    path,
    ops: ['add', 'remove'],
    apply: (target, op, _key, value) => {
      const list = [...((target[member] as string[] | undefined) ?? [])];
      if (value === undefined) throw badRequest(`A value is required for ${op} on ${path}`);
      if (op === 'add' && !list.includes(value)) list.push(value);
      target[member] = op === 'remove' ? list.filter((v) => v !== value) : list;
    },
  };
}
