/**
 * Evaluating the data fields of a state. JSONPath workflows use payload
 * templates (a key ending in `.$` takes its value from a path, a context
 * path `$$.`, a variable `$name` or an intrinsic function); JSONata
 * workflows use `{% expression %}` strings anywhere in a value, with
 * `$states` (input, result, errorOutput, context) and the workflow's
 * variables bound.
 */
import jsonata from 'jsonata';
import { json, put, queryFailure, StatesError } from './errors';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { evaluatePath, type Roots } from './jsonpath';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One `.$` value: a path, a context or variable path, or an intrinsic function. */
export function dynamicValue(expr: unknown, roots: Roots, field: string): unknown {
  if (typeof expr !== 'string') throw new StatesError('States.Runtime', `The value of the field '${field}' must be a path or an intrinsic function`);
  return isIntrinsic(expr) ? evaluateIntrinsic(expr, roots, field) : evaluatePath(expr, roots, field);
}

/** A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign) evaluated against `roots`. */
export function payloadTemplate(template: unknown, roots: Roots, field: string): unknown {
  if (Array.isArray(template)) return template.map((v) => payloadTemplate(v, roots, field));
  if (!isObj(template)) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) put(out, key.slice(0, -2), dynamicValue(value, roots, field));
    else put(out, key, payloadTemplate(value, roots, field));
  }
  return out;
}

// ---- JSONata ----

export interface JsonataScope {
  states: Record<string, unknown>;
  variables: ReadonlyMap<string, unknown>;
}

const compiled = new Map<string, ReturnType<typeof jsonata>>();

function compile(expr: string): ReturnType<typeof jsonata> {
  let hit = compiled.get(expr);
  if (!hit) {
    try {
      hit = jsonata(expr);
    } catch (err) {
      throw queryFailure(`Unable to parse the JSONata expression '${expr}': ${(err as Error).message}`);
    }
    if (compiled.size > 2000) compiled.clear();
    compiled.set(expr, hit);
  }
  return hit;
}

const JSONATA = /^\{%([\s\S]*)%\}$/;
export const isJsonataExpression = (v: unknown): v is string => typeof v === 'string' && JSONATA.test(v.trim());

/** One `{% %}` string: its value (undefined when the expression yields nothing). */
export async function evaluateJsonata(text: string, scope: JsonataScope, field: string): Promise<unknown> {
  const expr = (JSONATA.exec(text.trim()) as RegExpExecArray)[1];
  const bindings: Record<string, unknown> = { states: scope.states };
  for (const [k, v] of scope.variables) bindings[k] = v;
  try {
    const value = await compile(expr).evaluate(scope.states.input, bindings);
    return normalize(value);
  } catch (err) {
    if (err instanceof StatesError) throw err;
    const e = err as { message?: string; code?: string };
    throw queryFailure(`An error occurred while evaluating the expression '${text}' for the field '${field}': ${e.message ?? String(err)}`);
  }
}

/** JSONata sequences carry a marker property; plain JSON values go on. */
function normalize(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value));
}

/** A JSONata template value (Arguments, Output, Assign, ItemSelector...): every `{% %}` string inside evaluated. */
export async function jsonataTemplate(template: unknown, scope: JsonataScope, field: string): Promise<unknown> {
  if (typeof template === 'string') return isJsonataExpression(template) ? evaluateJsonata(template, scope, field) : template;
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (const v of template) out.push(await jsonataTemplate(v, scope, field));
    return out;
  }
  if (!isObj(template)) return template;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    const value = await jsonataTemplate(v, scope, field);
    if (value !== undefined) put(out, k, value);
  }
  return out;
}

/** Checks a JSONata result has the type a field needs (Seconds, Items, Condition...). */
export function expectType(value: unknown, ok: boolean, field: string, what: string): void {
  if (!ok) throw queryFailure(`The ${field} field must evaluate to ${what}, got '${json(value)}'`);
}
