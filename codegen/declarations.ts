/**
 * What the client's declaration files (dist-types/models/*.d.ts) know and
 * its static schemas do not:
 * - which string members are enums (`Status?: QueueStatus | undefined`,
 *   `Names?: AttributeName[]`, `Attributes?: Partial<Record<QueueAttributeName, string>>`);
 *   the values come from the runtime enum objects the package exports;
 * - the model's member order (schemas list required members first), which
 *   AWS keeps in its XML responses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a member's declared type refers to enums; absent parts carry none. */
export interface EnumLink {
  enum?: string;
  /** List element. */
  member?: EnumLink;
  /** Map key enum and value link. */
  key?: string;
  value?: EnumLink;
}

export interface Declarations {
  /** Enum name → values, for every enum the package declares. */
  values: Map<string, string[]>;
  /** `Owner.Member` → link, for members whose type mentions an enum. */
  links: Map<string, EnumLink>;
  /** Structure/union/error name → its members in model order. */
  memberOrder: Map<string, string[]>;
}

const OWNER = /^export (?:interface|declare class|declare namespace) (\w+)\b/;
const MEMBER = /^\s+([A-Za-z_$][\w$]*)\??: (.+);$/;
const ENUM_DECL = /^export declare const (\w+): \{$/;

export function readDeclarations(dir: string, exports: Record<string, unknown>): Declarations {
  const modelsDir = join(dir, 'dist-types', 'models');
  const files = readdirSync(modelsDir).filter((f) => f.endsWith('.d.ts'));
  const values = new Map<string, string[]>();
  for (const file of files.filter((f) => f.startsWith('enums'))) {
    for (const line of readFileSync(join(modelsDir, file), 'utf8').split('\n')) {
      const name = ENUM_DECL.exec(line)?.[1];
      const runtime = name ? exports[name] : undefined;
      if (name && runtime && typeof runtime === 'object') {
        values.set(name, Object.values(runtime as Record<string, unknown>).map(String));
      }
    }
  }
  const decls: Declarations = { values, links: new Map(), memberOrder: new Map() };
  for (const file of files.filter((f) => f.startsWith('models') || f.startsWith('errors'))) {
    readMembers(readFileSync(join(modelsDir, file), 'utf8'), decls);
  }
  return decls;
}

function readMembers(text: string, decls: Declarations): void {
  let owner: string | undefined;
  let order: string[] = [];
  for (const line of text.split('\n')) {
    const start = OWNER.exec(line);
    if (start) {
      // The SDK prefixes names that clash with TS globals (`_Record`); the model does not.
      owner = start[1].replace(/^_/, '');
      order = decls.memberOrder.get(owner) ?? [];
      decls.memberOrder.set(owner, order);
      continue;
    }
    if (line === '}') {
      owner = undefined;
      continue;
    }
    const m = owner ? MEMBER.exec(line) : null;
    if (!owner || !m || /^\s+(readonly|static)\b/.test(line)) continue;
    // Union members repeat in every variant (`S?: never`) and in the Visitor.
    if (!order.includes(m[1]) && m[1] !== '$unknown') order.push(m[1]);
    const link = parseType(m[2].replace(/ \| undefined$/, ''), decls.values);
    if (link) decls.links.set(`${owner}.${m[1]}`, link);
  }
}

/** The enum references in a declared type, or undefined when there are none. */
export function parseType(text: string, enums: Map<string, string[]>): EnumLink | undefined {
  const t = text.trim();
  if (enums.has(t)) return { enum: t };
  if (t.endsWith('[]')) {
    const member = parseType(t.slice(0, -2).replace(/^\((.*)\)$/, '$1'), enums);
    return member && { member };
  }
  const partial = /^Partial<(.*)>$/.exec(t);
  if (partial) return parseType(partial[1], enums);
  const record = /^Record<(\w+), (.*)>$/.exec(t);
  if (record) {
    const key = enums.has(record[1]) ? record[1] : undefined;
    const value = parseType(record[2], enums);
    return key || value ? { key, value } : undefined;
  }
  return undefined;
}
