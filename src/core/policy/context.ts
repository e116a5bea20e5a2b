/**
 * The request context a policy is evaluated against: condition keys and
 * their values. Key names are case-insensitive, as IAM's are; a key may be
 * single- or multi-valued (aws:TagKeys, aws:PrincipalServiceNamesList).
 */

export type ContextScalar = string | number | boolean | Date;
export type ContextValue = ContextScalar | ContextScalar[];
export type ContextInput = Record<string, ContextValue | undefined>;

function text(value: ContextScalar): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export class Context {
  private readonly byKey = new Map<string, string[]>();
  /** False for Version 2008-10-17 documents, where `${...}` is literal text. */
  variables = true;

  constructor(input: ContextInput = {}) {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      this.byKey.set(key.toLowerCase(), Array.isArray(value) ? value.map(text) : [text(value)]);
    }
  }

  /** All values of a key; undefined when the request does not carry it. */
  values(key: string): string[] | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  /** The value of a single-valued key (a multi-valued key is not a policy variable). */
  single(key: string): string | undefined {
    const v = this.byKey.get(key.toLowerCase());
    return v && v.length === 1 ? v[0] : undefined;
  }

  has(key: string): boolean {
    return this.byKey.has(key.toLowerCase());
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** The same keys, with variables on or off (per document Version). */
  withVariables(on: boolean): Context {
    if (on === this.variables) return this;
    const copy = Object.create(Context.prototype) as Context;
    Object.assign(copy, this, { variables: on });
    return copy;
  }
}
