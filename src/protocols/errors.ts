/**
 * Error facts every protocol needs from the model: which error shape a code
 * names (handlers may throw the shape name or its awsQueryError code), its
 * HTTP status, and the `x-amzn-query-error` header of query-compatible services.
 */
import type { AwsError } from '../core/errors';
import type { ServiceSpec, StructureShape } from '../core/spec';

const byQueryCode = new WeakMap<ServiceSpec, Map<string, string>>();

function queryCodeIndex(spec: ServiceSpec): Map<string, string> {
  let index = byQueryCode.get(spec);
  if (!index) {
    index = new Map();
    for (const name of spec.errors) {
      const shape = spec.shapes[name] as StructureShape | undefined;
      if (shape?.error?.queryCode) index.set(shape.error.queryCode, name);
    }
    byQueryCode.set(spec, index);
  }
  return index;
}

/** The error shape name for a code, or the code itself when the model has none. */
export function shapeForErrorCode(spec: ServiceSpec, code: string): string {
  const shape = spec.shapes[code] as StructureShape | undefined;
  if (shape?.error) return code;
  return queryCodeIndex(spec).get(code) ?? code;
}

export function errorShape(spec: ServiceSpec, code: string): StructureShape | undefined {
  const shape = spec.shapes[shapeForErrorCode(spec, code)] as StructureShape | undefined;
  return shape?.error ? shape : undefined;
}

/** Fills in an AwsError's status from the model when the thrower left it out. */
export function fillErrorStatus(spec: ServiceSpec, err: AwsError): void {
  if (err.status !== undefined) return;
  err.status = errorShape(spec, err.code)?.error?.status ?? 400;
}

/** The code query clients see: the awsQueryError code when modelled. */
export function queryCodeOf(spec: ServiceSpec, err: AwsError): { code: string; status: number } {
  const traits = errorShape(spec, err.code)?.error;
  return {
    code: traits?.queryCode ?? err.code,
    status: traits?.queryStatus ?? err.status ?? 400,
  };
}

export function queryErrorHeader(spec: ServiceSpec, err: AwsError): string {
  return `${queryCodeOf(spec, err).code};${err.fault === 'client' ? 'Sender' : 'Receiver'}`;
}
