/**
 * A failure inside a workflow: an ASL error name (States.TaskFailed,
 * States.Timeout, a Lambda function's errorType, DynamoDb.ConditionalCheckFailedException)
 * and its cause. Retry and Catch match on `error`.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

export const runtimeError = (cause: string) => new StatesError('States.Runtime', cause);
export const intrinsicFailure = (cause: string) => new StatesError('States.IntrinsicFailure', cause);
export const queryFailure = (cause: string) => new StatesError('States.QueryEvaluationError', cause);

/** Thrown through a fiber of an execution that was stopped, timed out or failed elsewhere: unwinds without effect. */
export class Aborted extends Error {
  constructor() {
    super('execution ended');
  }
}

/** The fake's own JSON rendering (AWS prints compact JSON in causes and messages). */
export const json = (v: unknown) => JSON.stringify(v);

/** Sets a key named by a workflow's data as an own property (`__proto__` and `constructor` are ordinary names there). */
export function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
