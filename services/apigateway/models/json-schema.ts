/**
 * JSON Schema draft 4, as API Gateway validates request bodies against a
 * method's request model: type, enum, numbers (minimum / maximum with the
 * draft-4 boolean exclusives, multipleOf), strings (minLength / maxLength in
 * code points, pattern), arrays (items, additionalItems, min/maxItems,
 * uniqueItems), objects (properties, required, additionalProperties,
 * patternProperties, min/maxProperties), allOf / anyOf / oneOf / not, and
 * `$ref` to `#...` inside the model or to another model of the API as
 * `https://apigateway.amazonaws.com/restapis/<id>/models/<name>`. The
 * messages follow the wording of the validator behind API Gateway's
 * `$context.error.validationErrorString`.
 */

type Schema = Record<string, unknown>;

/** Another model's schema by name (undefined when the API has no such model). */
export type ModelLookup = (name: string) => Schema | undefined;

const isObj = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A `$ref` to a model of the API as API Gateway stores it: the name, then an optional `#` fragment. */
export const MODEL_REF = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/#]+)(#.*)?$/;

/** A model's stored schema as an object, or undefined when it is not a JSON object. */
export function schemaObject(text: string | undefined): Schema | undefined {
  try {
    const parsed = text ? JSON.parse(text) : undefined;
    return isObj(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}


function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => equal((a as Schema)[k], (b as Schema)[k]));
}

function pointer(root: Schema, fragment: string): unknown {
  let at: unknown = root;
  for (const raw of fragment.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    at = isObj(at) || Array.isArray(at) ? (at as Schema)[key] : undefined;
  }
  return at;
}

/** The messages of every violation of `schema` by `value` (empty when it conforms). */
export function validateSchema(value: unknown, schema: Schema, models: ModelLookup): string[] {
  const errors: string[] = [];
  check(value, schema, schema, models, errors, 0);
  return errors;
}

function check(value: unknown, schema: unknown, root: Schema, models: ModelLookup, errors: string[], depth: number): void {
  if (!isObj(schema) || depth > 64) return;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const model = MODEL_REF.exec(ref);
    if (model) {
      const target = models(decodeURIComponent(model[1]));
      if (!target) errors.push(`unknown model reference ${ref}`);
      else check(value, model[2] ? pointer(target, model[2]) : target, target, models, errors, depth + 1);
    } else if (ref.startsWith('#')) check(value, pointer(root, ref), root, models, errors, depth + 1);
    else errors.push(`unresolvable reference ${ref}`);
    return;
  }
  const type = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type.map(String) : [String(schema.type)];
    const ok = allowed.includes(type) || (type === 'integer' && allowed.includes('number'));
    if (!ok) {
      errors.push(`instance type (${type}) does not match any allowed primitive type (allowed: ${JSON.stringify(allowed)})`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => equal(e, value))) {
    errors.push(`instance value (${JSON.stringify(value)}) not found in enum (possible values: ${JSON.stringify(schema.enum)})`);
  }
  if (typeof value === 'number') checkNumber(value, schema, errors);
  if (typeof value === 'string') checkString(value, schema, errors);
  if (Array.isArray(value)) checkArray(value, schema, root, models, errors, depth);
  if (isObj(value)) checkObject(value, schema, root, models, errors, depth);
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) check(value, s, root, models, errors, depth + 1);
  const passing = (list: unknown[]) => list.filter((s) => validateAgainst(value, s, root, models, depth)).length;
  if (Array.isArray(schema.anyOf) && passing(schema.anyOf) === 0) errors.push(`instance failed to match at least one required schema among ${schema.anyOf.length}`);
  if (Array.isArray(schema.oneOf)) {
    const n = passing(schema.oneOf);
    if (n !== 1) errors.push(`instance failed to match exactly one schema (matched ${n} out of ${schema.oneOf.length})`);
  }
  if (isObj(schema.not) && validateAgainst(value, schema.not, root, models, depth)) errors.push('instance matched a schema which it should not have');
}

function validateAgainst(value: unknown, schema: unknown, root: Schema, models: ModelLookup, depth: number): boolean {
  const errors: string[] = [];
  check(value, schema, root, models, errors, depth + 1);
  return errors.length === 0;
}

function checkNumber(n: number, s: Schema, errors: string[]): void {
  if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? n <= s.minimum : n < s.minimum)) {
    errors.push(
      s.exclusiveMinimum === true
        ? `numeric instance is not strictly greater than the required minimum ${s.minimum}`
        : `numeric instance is lower than the required minimum (minimum: ${s.minimum}, found: ${n})`,
    );
  }
  if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? n >= s.maximum : n > s.maximum)) {
    errors.push(
      s.exclusiveMaximum === true
        ? `numeric instance is not strictly lower than the required maximum ${s.maximum}`
        : `numeric instance is greater than the required maximum (maximum: ${s.maximum}, found: ${n})`,
    );
  }
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const q = n / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) errors.push(`remainder of division is not zero (${n} / ${s.multipleOf})`);
  }
}

function checkString(v: string, s: Schema, errors: string[]): void {
  const length = [...v].length;
  if (typeof s.minLength === 'number' && length < s.minLength) {
    errors.push(`string ${JSON.stringify(v)} is too short (length: ${length}, required minimum: ${s.minLength})`);
  }
  if (typeof s.maxLength === 'number' && length > s.maxLength) {
    errors.push(`string ${JSON.stringify(v)} is too long (length: ${length}, maximum allowed: ${s.maxLength})`);
  }
  if (typeof s.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(v)) errors.push(`ECMA 262 regex ${JSON.stringify(s.pattern)} does not match input string ${JSON.stringify(v)}`);
  }
}

function checkArray(a: unknown[], s: Schema, root: Schema, models: ModelLookup, errors: string[], depth: number): void {
  if (typeof s.minItems === 'number' && a.length < s.minItems) {
    errors.push(`array is too short: must have at least ${s.minItems} elements but instance has ${a.length} elements`);
  }
  if (typeof s.maxItems === 'number' && a.length > s.maxItems) {
    errors.push(`array is too long: must have at most ${s.maxItems} elements but instance has ${a.length} elements`);
  }
  if (s.uniqueItems === true && a.some((x, i) => a.findIndex((y) => equal(x, y)) !== i)) errors.push('array must not contain duplicate elements');
  if (Array.isArray(s.items)) {
    a.forEach((x, i) => {
      if (i < (s.items as unknown[]).length) check(x, (s.items as unknown[])[i], root, models, errors, depth + 1);
      else if (s.additionalItems === false) errors.push(`array instance has more elements than allowed by the schema (${(s.items as unknown[]).length})`);
      else check(x, s.additionalItems, root, models, errors, depth + 1);
    });
  } else if (isObj(s.items)) for (const x of a) check(x, s.items, root, models, errors, depth + 1);
}

function checkObject(o: Schema, s: Schema, root: Schema, models: ModelLookup, errors: string[], depth: number): void {
  const keys = Object.keys(o);
  if (Array.isArray(s.required)) {
    const missing = s.required.map(String).filter((k) => !Object.hasOwn(o, k));
    if (missing.length) errors.push(`object has missing required properties (${JSON.stringify(missing.sort())})`);
  }
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
    errors.push(`object has too few properties (found ${keys.length} but schema requires at least ${s.minProperties})`);
  }
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) {
    errors.push(`object has too many properties (found ${keys.length} but schema requires at most ${s.maxProperties})`);
  }
  const properties = isObj(s.properties) ? s.properties : {};
  const patterns = isObj(s.patternProperties) ? Object.entries(s.patternProperties) : [];
  const extra: string[] = [];
  for (const key of keys) {
    let matched = false;
    if (Object.hasOwn(properties, key)) {
      matched = true;
      check(o[key], properties[key], root, models, errors, depth + 1);
    }
    for (const [pattern, sub] of patterns) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re?.test(key)) {
        matched = true;
        check(o[key], sub, root, models, errors, depth + 1);
      }
    }
    if (matched) continue;
    if (s.additionalProperties === false) extra.push(key);
    else if (isObj(s.additionalProperties)) check(o[key], s.additionalProperties, root, models, errors, depth + 1);
  }
  if (extra.length) errors.push(`object instance has properties which are not allowed by the schema: ${JSON.stringify(extra.sort())}`);
}
