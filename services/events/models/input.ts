/**
 * What a target receives ("Transforming target input" in the EventBridge user
 * guide): the whole event by default, `Input` (fixed JSON), `InputPath` (a
 * JSON path into the event), or an `InputTransformer` — InputPathsMap picks
 * values, InputTemplate places them. In a JSON template a string value
 * placed inside quotes is inserted as string contents, outside quotes as a
 * quoted JSON string; objects and numbers go in as JSON. A template that is
 * not JSON (plain text) gets the raw values. Predefined variables:
 * <aws.events.rule-arn>, <aws.events.rule-name>,
 * <aws.events.event.ingestion-time>, <aws.events.event>,
 * <aws.events.event.json>.
 */
import { validation } from '../exceptions';

export interface TargetInput {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

const PATH = /^\$(\.[A-Za-z0-9_-]+|\[\d+\]|\['[^']+'\])*$/;

export function checkTargetInput(t: TargetInput): void {
  const given = [t.Input, t.InputPath, t.InputTransformer].filter((x) => x !== undefined).length;
  if (given > 1) throw validation('Only one of Input, InputPath, or InputTransformer must be provided.');
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      throw validation('Input must be valid JSON.');
    }
  }
  if (t.InputPath !== undefined && !PATH.test(t.InputPath)) throw validation(`Invalid InputPath: ${t.InputPath}`);
  const map = t.InputTransformer?.InputPathsMap ?? {};
  if (Object.keys(map).length > 100) throw validation('InputPathsMap cannot have more than 100 entries.');
  for (const [k, path] of Object.entries(map)) {
    if (k.startsWith('aws.events.')) throw validation(`InputTemplate Key: ${k} is reserved.`);
    if (!PATH.test(path)) throw validation(`Invalid InputPathsMap value: ${path}`);
  }
}

/** The value at a `$.a.b[0]` path, or undefined. */
export function select(doc: unknown, path: string): unknown {
  const steps = path.slice(1).match(/\.[A-Za-z0-9_-]+|\[\d+\]|\['[^']+'\]/g) ?? [];
  let cur = doc;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = step.startsWith("['") ? step.slice(2, -2) : step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export interface InputContext {
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

/** The body a target is sent for `event`. */
export function renderInput(t: TargetInput, event: Record<string, unknown>, ctx: InputContext): string {
  if (t.Input !== undefined) return t.Input;
  if (t.InputPath !== undefined) {
    const v = select(event, t.InputPath);
    return v === undefined ? '' : JSON.stringify(v);
  }
  if (!t.InputTransformer) return JSON.stringify(event);
  const values = new Map<string, unknown>();
  for (const [k, path] of Object.entries(t.InputTransformer.InputPathsMap ?? {})) values.set(k, select(event, path));
  values.set('aws.events.rule-arn', ctx.ruleArn);
  values.set('aws.events.rule-name', ctx.ruleName);
  values.set('aws.events.event.ingestion-time', ctx.ingestionTime);
  values.set('aws.events.event', event);
  values.set('aws.events.event.json', event);
  const template = t.InputTransformer.InputTemplate;
  const json = /^\s*[{[]/.test(template);
  let inString = false;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (values.has(name)) {
        out += place(values.get(name), json, inString);
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function place(v: unknown, json: boolean, inString: boolean): string {
  if (!json) return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  if (inString) {
    const text = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
    return JSON.stringify(text).slice(1, -1);
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}
