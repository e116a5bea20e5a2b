/**
 * Per-operation overrides on top of the stateful backend, for fault injection:
 *
 *   m.on('s3', 'GetObject', { Key: 'a' }).rejectsOnce({ code: 'SlowDown', status: 503 })
 *   m.on('dynamodb', 'GetItem').callsFake(async (input, next) => ({ ...(await next()), ConsumedCapacity: ... }))
 *
 * A rule runs as a dispatcher hook, after the request is parsed and before the
 * handler: an injected output or error is serialized by the protocol layer
 * like a real one, so the SDK deserializes it into its own exception classes
 * and its retry logic really runs. `next()` runs the real backend. Newer rules
 * win over older ones; a rule's `Once` answers are used up in order before
 * its lasting one; a rule with nothing left to give lets older rules (and
 * then the backend) answer.
 */
import type { Call, CallHook } from '../core/dispatch';
import { AwsError } from '../core/errors';
import { type InputMatch, inputMatches } from './match';

/** An error to inject. `status` defaults to the one the model gives the code (else 400). */
export interface InjectedError {
  code: string;
  message?: string;
  status?: number;
  senderFault?: boolean;
  /** Extra members of the error shape. */
  fields?: Record<string, unknown>;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

/** A fake implementation: `next()` runs the real backend and returns its output. */
export type FakeHandler = (
  input: Record<string, unknown>,
  next: () => Promise<unknown>,
  call: Call,
) => unknown;

type Behaviour = (call: Call, next: () => Promise<unknown>) => Promise<unknown>;

interface Rule {
  owner: object;
  service: string;
  operation: string;
  match: InputMatch | undefined;
  once: Behaviour[];
  always: Behaviour | undefined;
}

/** What `m.on(...)` returns; every method returns the builder, so answers chain. */
export class OverrideBuilder {
  constructor(private readonly rule: Rule) {}

  /** Answer every matching call with this output. */
  resolves(output: Record<string, unknown> = {}): this {
    this.rule.always = resolveWith(output);
    return this;
  }

  /** Answer the next matching call with this output. */
  resolvesOnce(output: Record<string, unknown> = {}): this {
    this.rule.once.push(resolveWith(output));
    return this;
  }

  /** Fail every matching call with this AWS error. */
  rejects(error: InjectedError | string): this {
    this.rule.always = rejectWith(error);
    return this;
  }

  /** Fail the next matching call with this AWS error. */
  rejectsOnce(error: InjectedError | string): this {
    this.rule.once.push(rejectWith(error));
    return this;
  }

  /** Run `fake(input, next, call)` for every matching call. */
  callsFake(fake: FakeHandler): this {
    this.rule.always = fakeWith(fake);
    return this;
  }

  /** Run `fake(input, next, call)` for the next matching call. */
  callsFakeOnce(fake: FakeHandler): this {
    this.rule.once.push(fakeWith(fake));
    return this;
  }
}

export class Overrides {
  private rules: Rule[] = [];

  add(owner: object, service: string, operation: string, match?: InputMatch): OverrideBuilder {
    if (typeof service !== 'string' || typeof operation !== 'string' || !service || !operation) {
      throw new TypeError('mockaws: on(service, operation, match?) needs a service id and an operation name');
    }
    const rule: Rule = { owner, service, operation, match, once: [], always: undefined };
    this.rules.push(rule);
    return new OverrideBuilder(rule);
  }

  /** The dispatcher hook that applies the rules. */
  readonly hook: CallHook = (call, next) => {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (rule.service !== call.service || rule.operation !== call.operation) continue;
      if (!inputMatches(call.input, rule.match)) continue;
      const behaviour = rule.once.shift() ?? rule.always;
      if (behaviour) return behaviour(call, next);
    }
    return next();
  };

  removeOwnedBy(owner: object): void {
    this.rules = this.rules.filter((rule) => rule.owner !== owner);
  }

  clear(): void {
    this.rules = [];
  }
}

function resolveWith(output: Record<string, unknown>): Behaviour {
  return async () => output;
}

function rejectWith(error: InjectedError | string): Behaviour {
  const spec = typeof error === 'string' ? { code: error } : error;
  if (!spec || typeof spec.code !== 'string' || spec.code === '') {
    throw new TypeError("mockaws: rejects() needs an error code, e.g. rejects({ code: 'ThrottlingException' })");
  }
  return async () => {
    throw new AwsError(spec.code, spec.message ?? `mockaws injected ${spec.code}`, {
      status: spec.status,
      senderFault: spec.senderFault,
      fields: spec.fields,
      headers: spec.headers,
    });
  };
}

function fakeWith(fake: FakeHandler): Behaviour {
  if (typeof fake !== 'function') throw new TypeError('mockaws: callsFake() needs a function');
  return async (call, next) => fake(call.input, next, call);
}
