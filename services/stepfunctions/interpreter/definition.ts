/**
 * Parsing and checking an Amazon States Language definition the way
 * CreateStateMachine and ValidateStateMachineDefinition do: diagnostics
 * with AWS's codes (INVALID_JSON_DESCRIPTION, MISSING_DESCRIPTION,
 * SCHEMA_VALIDATION_FAILED, INVALID_RESOURCE, MISSING_TRANSITION_TARGET,
 * MISSING_END_STATE, INVALID_STATE_NAME; warnings NO_DOLLAR) and a JSON
 * Pointer-like location (`/States/Pay/Next`).
 */
import { isIntrinsic } from './intrinsics';

export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

export type StateDef = Record<string, any>;
export interface MachineDef {
  StartAt: string;
  States: Record<string, StateDef>;
  QueryLanguage?: 'JSONPath' | 'JSONata';
  TimeoutSeconds?: number;
  Comment?: string;
  Version?: string;
}

const TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];
const JSONATA_IO = ['Output'];
const RESULT = ['ResultPath', 'ResultSelector', 'Parameters'];
const RECOVER = ['Retry', 'Catch'];
/** Fields each state type accepts (JSONPath and JSONata forms together; the query language then narrows). */
const FIELDS: Record<string, string[]> = {
  Task: [...COMMON, ...FLOW, ...JSONPATH_IO, ...JSONATA_IO, ...RESULT, ...RECOVER, 'Resource', 'Arguments', 'Assign', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials'],
  Pass: [...COMMON, ...FLOW, ...JSONPATH_IO, ...JSONATA_IO, 'Parameters', 'ResultPath', 'Result', 'Assign'],
  Choice: [...COMMON, ...JSONPATH_IO, ...JSONATA_IO, 'Choices', 'Default', 'Assign'],
  Wait: [...COMMON, ...FLOW, ...JSONPATH_IO, ...JSONATA_IO, 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath', 'Assign'],
  Succeed: [...COMMON, ...JSONPATH_IO, ...JSONATA_IO],
  Fail: [...COMMON, 'Error', 'Cause', 'ErrorPath', 'CausePath'],
  Parallel: [...COMMON, ...FLOW, ...JSONPATH_IO, ...JSONATA_IO, ...RESULT, ...RECOVER, 'Branches', 'Arguments', 'Assign'],
  Map: [
    ...COMMON, ...FLOW, ...JSONPATH_IO, ...JSONATA_IO, ...RESULT, ...RECOVER, 'Assign', 'Arguments',
    'ItemsPath', 'Items', 'ItemSelector', 'ItemProcessor', 'Iterator', 'MaxConcurrency', 'MaxConcurrencyPath', 'ItemReader', 'ItemBatcher', 'ResultWriter',
    'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'Label',
  ],
};
const JSONPATH_ONLY = ['InputPath', 'OutputPath', 'Parameters', 'ResultPath', 'ResultSelector', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'ErrorPath', 'CausePath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath'];
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];

const COMPARATORS = [
  'StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals', 'StringMatches',
  'NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals',
  'BooleanEquals', 'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
];
export const CHOICE_OPERATORS = new Set([...COMPARATORS, ...COMPARATORS.filter((c) => !c.startsWith('Is') && c !== 'StringMatches').map((c) => `${c}Path`)]);

const RESOURCE = /^arn:aws[a-z-]*:(states|lambda):[a-z0-9-]*:(\d{12})?:.+$/;

export function parseDefinition(text: string): { def?: MachineDef; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!text.trim()) return { diagnostics: [{ severity: 'ERROR', code: 'MISSING_DESCRIPTION', message: 'The state machine definition is empty.' }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: (err as Error).message, location: '/' }] };
  }
  checkMachine(raw, '', 'JSONPath', diagnostics, true);
  return { def: diagnostics.some((d) => d.severity === 'ERROR') ? undefined : (raw as MachineDef), diagnostics };
}

/** InvalidDefinition's message: the errors, each `CODE: message at location`. */
export function describeDiagnostics(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  return `Invalid State Machine Definition: '${errors.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join(', ')}'`;
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkMachine(raw: unknown, at: string, inherited: string, out: Diagnostic[], top: boolean): void {
  const err = (code: string, message: string, location: string): void => {
    out.push({ severity: 'ERROR', code, message, location: location || '/' });
  };
  if (!isObj(raw)) {
      err('SCHEMA_VALIDATION_FAILED', 'The definition must be a JSON object', at);
      return;
    }
  const allowed = top ? ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'] : ['StartAt', 'States', 'Comment', 'ProcessorConfig', 'QueryLanguage'];
  for (const k of Object.keys(raw)) if (!allowed.includes(k)) err('SCHEMA_VALIDATION_FAILED', `These fields are required or not allowed: ${k}`, `${at}`);
  const ql = raw.QueryLanguage ?? inherited;
  if (raw.QueryLanguage !== undefined && raw.QueryLanguage !== 'JSONPath' && raw.QueryLanguage !== 'JSONata') {
    err('SCHEMA_VALIDATION_FAILED', "The value for the field 'QueryLanguage' must be one of: JSONPath, JSONata", `${at}/QueryLanguage`);
  }
  if (typeof raw.StartAt !== 'string') err('SCHEMA_VALIDATION_FAILED', "The field 'StartAt' should have a STRING value", `${at}/StartAt`);
  if (!isObj(raw.States)) {
      err('SCHEMA_VALIDATION_FAILED', "The field 'States' should have an OBJECT value", `${at}/States`);
      return;
    }
  const names = Object.keys(raw.States);
  if (typeof raw.StartAt === 'string' && !names.includes(raw.StartAt)) err('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${raw.StartAt}`, `${at}/StartAt`);
  let terminal = false;
  for (const [name, state] of Object.entries(raw.States)) {
    const loc = `${at}/States/${name}`;
    if (name.length === 0 || name.length > 80) err('INVALID_STATE_NAME', `State name '${name}' must be 1 to 80 characters long`, loc);
    if (!isObj(state)) {
      err('SCHEMA_VALIDATION_FAILED', 'A state must be a JSON object', loc);
      continue;
    }
    if (typeof state.Type !== 'string' || !TYPES.includes(state.Type)) {
      err('SCHEMA_VALIDATION_FAILED', `The value for the field 'Type' must be one of: ${TYPES.join(', ')}`, `${loc}/Type`);
      continue;
    }
    const sql = state.QueryLanguage ?? ql;
    if (ql === 'JSONata' && state.QueryLanguage === 'JSONPath') err('SCHEMA_VALIDATION_FAILED', "A state cannot set 'QueryLanguage' to JSONPath when the state machine uses JSONata", `${loc}/QueryLanguage`);
    for (const field of Object.keys(state)) {
      if (!FIELDS[state.Type].includes(field)) err('SCHEMA_VALIDATION_FAILED', `Field '${field}' is not supported`, `${loc}/${field}`);
      else if (sql === 'JSONata' && JSONPATH_ONLY.includes(field)) err('SCHEMA_VALIDATION_FAILED', `The field '${field}' is not supported by the JSONata query language`, `${loc}/${field}`);
      else if (sql !== 'JSONata' && JSONATA_ONLY.includes(field)) err('SCHEMA_VALIDATION_FAILED', `The field '${field}' is supported only by the JSONata query language`, `${loc}/${field}`);
    }
    const flows = !['Choice', 'Succeed', 'Fail'].includes(state.Type);
    if (flows) {
      if (state.End === true) {
        terminal = true;
        if (state.Next !== undefined) err('SCHEMA_VALIDATION_FAILED', "The fields 'Next' and 'End' are mutually exclusive", loc);
      } else if (typeof state.Next !== 'string') err('SCHEMA_VALIDATION_FAILED', "The field 'Next' or 'End' is required", loc);
      else if (!names.includes(state.Next)) err('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${state.Next}`, `${loc}/Next`);
    } else if (state.Type !== 'Choice') terminal = true;
    checkState(state, loc, sql, names, out);
  }
  if (!terminal && names.length) err('MISSING_END_STATE', 'Workflow has no terminal state', at);
}

function checkState(state: StateDef, loc: string, ql: string, names: string[], out: Diagnostic[]): void {
  const err = (code: string, message: string, location: string): void => {
    out.push({ severity: 'ERROR', code, message, location });
  };
  const target = (value: unknown, location: string) => {
    if (typeof value !== 'string') err('SCHEMA_VALIDATION_FAILED', "The field 'Next' should have a STRING value", location);
    else if (!names.includes(value)) err('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${value}`, location);
  };
  switch (state.Type) {
    case 'Task':
      if (typeof state.Resource !== 'string') err('SCHEMA_VALIDATION_FAILED', "The field 'Resource' is required", `${loc}/Resource`);
      else if (!RESOURCE.test(state.Resource)) err('INVALID_RESOURCE', `Resource '${state.Resource}' is not a valid resource ARN`, `${loc}/Resource`);
      break;
    case 'Choice':
      if (!Array.isArray(state.Choices) || !state.Choices.length) err('SCHEMA_VALIDATION_FAILED', "The field 'Choices' should be a non-empty array", `${loc}/Choices`);
      else
        state.Choices.forEach((rule: unknown, i: number) => {
          const at = `${loc}/Choices/${i}`;
          if (!isObj(rule)) {
      err('SCHEMA_VALIDATION_FAILED', 'A choice rule must be a JSON object', at);
      return;
    }
          target(rule.Next, `${at}/Next`);
          if (ql === 'JSONata') {
            if (rule.Condition === undefined) err('SCHEMA_VALIDATION_FAILED', "The field 'Condition' is required", at);
          } else checkRule(rule, at, out);
        });
      if (state.Default !== undefined) target(state.Default, `${loc}/Default`);
      break;
    case 'Wait': {
      const given = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((f) => state[f] !== undefined);
      if (given.length !== 1) err('SCHEMA_VALIDATION_FAILED', 'A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath', loc);
      break;
    }
    case 'Parallel':
      if (!Array.isArray(state.Branches) || !state.Branches.length) err('SCHEMA_VALIDATION_FAILED', "The field 'Branches' should be a non-empty array", `${loc}/Branches`);
      else
        state.Branches.forEach((b: unknown, i: number) => {
          checkMachine(b, `${loc}/Branches/${i}`, ql, out, false);
        });
      break;
    case 'Map': {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor === undefined) err('SCHEMA_VALIDATION_FAILED', "The field 'ItemProcessor' is required", loc);
      else checkMachine(processor, `${loc}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, ql, out, false);
      break;
    }
  }
  for (const kind of ['Retry', 'Catch'] as const) {
    const list = state[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      err('SCHEMA_VALIDATION_FAILED', `The field '${kind}' should be an array`, `${loc}/${kind}`);
      continue;
    }
    list.forEach((r: any, i: number) => {
      const at = `${loc}/${kind}/${i}`;
      if (!isObj(r) || !Array.isArray(r.ErrorEquals) || !r.ErrorEquals.length) {
      err('SCHEMA_VALIDATION_FAILED', "The field 'ErrorEquals' should be a non-empty array", at);
      return;
    }
      if (r.ErrorEquals.includes('States.ALL') && (r.ErrorEquals.length > 1 || i !== list.length - 1)) {
        err('SCHEMA_VALIDATION_FAILED', "'States.ALL' must appear alone in the last retrier or catcher", `${at}/ErrorEquals`);
      }
      if (kind === 'Catch') target(r.Next, `${at}/Next`);
    });
  }
  // warnings: a path-looking value under a key without .$
  if (ql !== 'JSONata' && isObj(state.Parameters)) warnNoDollar(state.Parameters, `${loc}/Parameters`, out);
}

function checkRule(rule: Record<string, any>, at: string, out: Diagnostic[]): void {
  const err = (message: string): void => {
    out.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message, location: at });
  };
  const logical = ['And', 'Or', 'Not'].filter((k) => rule[k] !== undefined);
  const ops = Object.keys(rule).filter((k) => CHOICE_OPERATORS.has(k));
  if (logical.length + ops.length !== 1) {
      err('A choice rule needs exactly one comparison operator or And/Or/Not');
      return;
    }
  if (logical[0] === 'Not') {
    if (!isObj(rule.Not)) {
      err("The field 'Not' should be an object");
      return;
    }
    checkRule(rule.Not, `${at}/Not`, out);
    return;
  }
  if (logical.length) {
    const list = rule[logical[0]];
    if (!Array.isArray(list) || !list.length) {
      err(`The field '${logical[0]}' should be a non-empty array`);
      return;
    }
    list.forEach((r: Record<string, any>, i: number) => {
      checkRule(r, `${at}/${logical[0]}/${i}`, out);
    });
    return;
  }
  if (typeof rule.Variable !== 'string') err("The field 'Variable' is required");
}

function warnNoDollar(tpl: Record<string, unknown>, at: string, out: Diagnostic[]): void {
  for (const [k, v] of Object.entries(tpl)) {
    if (!k.endsWith('.$') && typeof v === 'string' && (v.startsWith('$.') || isIntrinsic(v))) {
      out.push({ severity: 'WARNING', code: 'NO_DOLLAR', message: `The value of field '${k}' looks like a JSONPath or an intrinsic function but the field name does not end with '.$'`, location: `${at}/${k}` });
    } else if (isObj(v)) warnNoDollar(v, `${at}/${k}`, out);
  }
}
