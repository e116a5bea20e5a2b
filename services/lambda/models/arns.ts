/**
 * Lambda names and ARNs. FunctionName parameters take a name, a partial ARN
 * (123456789012:function:name) or a full ARN, each optionally qualified
 * (name:alias, arn:…:function:name:1).
 */
import { invalidParameter, validation } from '../exceptions';

export const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const QUALIFIER = /^(|[a-zA-Z0-9$_-]{1,128})$/;
const FULL = /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d{1}):(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9$_-]+))?$/;
const PARTIAL = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9$_-]+))?$/;
const SHORT = /^([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9$_-]+))?$/;

export interface FunctionRef {
  name: string;
  qualifier?: string;
  account?: string;
  region?: string;
}

/** Parses a FunctionName parameter; a malformed one is Lambda's ValidationException. */
export function parseFunctionName(value: string, param = 'functionName'): FunctionRef {
  let m = FULL.exec(value);
  if (m) return { name: m[4], qualifier: m[5], account: m[3], region: m[2] };
  m = PARTIAL.exec(value);
  if (m) return { name: m[2], qualifier: m[3], account: m[1] };
  m = SHORT.exec(value);
  if (m && m[1].length <= 64) return { name: m[1], qualifier: m[2] };
  throw validation(
    `1 validation error detected: Value '${value}' at '${param}' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
  );
}

/** The qualifier a call names: in the ARN or the Qualifier parameter, which must agree. */
export function qualifierOf(ref: FunctionRef, param: string | undefined): string | undefined {
  if (param !== undefined && !QUALIFIER.test(param)) {
    throw validation(
      `1 validation error detected: Value '${param}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`,
    );
  }
  if (ref.qualifier !== undefined && param !== undefined && ref.qualifier !== param) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return param || ref.qualifier;
}

export function functionArn(region: string, account: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export function layerArn(region: string, account: string, name: string, version?: number): string {
  return `arn:aws:lambda:${region}:${account}:layer:${name}${version !== undefined ? `:${version}` : ''}`;
}

/** Lambda's timestamp format: 2024-01-31T12:00:00.000+0000. */
export function lambdaTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
