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
import type { ServiceNames } from './names';

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
export type FakeHandler<I = Record<string, unknown>, O = Record<string, unknown>> = (
  input: I,
  next: () => Promise<O>,
  call: Call,
) => Answer<O> | Promise<Answer<O>> | undefined | Promise<undefined>;

/** A blob member (bytes, or the SDK's streaming body) may be given as text or bytes. */
type Loose<T> = T extends Uint8Array
  ? Uint8Array | string
  : 'transformToString' extends keyof NonNullable<T>
    ? Uint8Array | string | T
    : T;

/**
 * An output to answer with: any members of the operation's output (an
 * unknown member is a type error), blobs as bytes or text.
 */
export type Answer<O> = { [K in keyof O]?: Loose<O[K]> };

type Behaviour = (call: Call, next: () => Promise<unknown>) => Promise<unknown>;

interface Rule {
  owner: object;
  service: string;
  operation: string;
  match: InputMatch<any> | undefined;
  once: Behaviour[];
  always: Behaviour | undefined;
  /** Why the rule can never match (an operation its service does not have), once known. */
  invalid?: string;
  /** The check of the operation name, while the service's model loads. */
  checking?: Promise<void>;
}

/** What `m.on(...)` returns; every method returns the builder, so answers chain. */
export class OverrideBuilder<I = Record<string, unknown>, O = Record<string, unknown>> {
  constructor(private readonly rule: Rule) {}

  /** Answer every matching call with this output. */
  resolves(output: Answer<O> = {}): this {
    this.rule.always = resolveWith(output);
    return this;
  }

  /** Answer the next matching call with this output. */
  resolvesOnce(output: Answer<O> = {}): this {
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
  callsFake(fake: FakeHandler<I, O>): this {
    this.rule.always = fakeWith(fake as FakeHandler<any, any>);
    return this;
  }

  /** Run `fake(input, next, call)` for the next matching call. */
  callsFakeOnce(fake: FakeHandler<I, O>): this {
    this.rule.once.push(fakeWith(fake as FakeHandler<any, any>));
    return this;
  }
}

export class Overrides {
  private rules: Rule[] = [];

  constructor(private readonly names: ServiceNames) {}

  add(owner: object, service: string, operation: string, match?: InputMatch<any>): OverrideBuilder<any, any> {
    const where = `on('${String(service)}', '${String(operation)}')`;
    this.names.checkService(service, where);
    if (typeof operation !== 'string' || !operation) {
      throw new TypeError('mockaws: on(service, operation, match?) needs a service id and an operation name');
    }
    const rule: Rule = { owner, service, operation, match, once: [], always: undefined };
    const verdict = this.names.checkOperation(service, operation, where);
    if (typeof verdict === 'string') throw new TypeError(verdict);
    if (verdict instanceof Promise) {
      rule.checking = verdict.then((message) => {
        rule.invalid = message;
        rule.checking = undefined;
      });
    }
    this.rules.push(rule);
    return new OverrideBuilder(rule);
  }

  /** The dispatcher hook that applies the rules. */
  readonly hook: CallHook = (call, next) => {
    // Learn this service's operation names now (its model is loading anyway): later on() calls check at once.
    this.names.learn(call.service);
    if (this.rules.length === 0) return next();
    const pending = this.rules.filter((rule) => rule.service === call.service && rule.checking);
    if (pending.length > 0) return Promise.all(pending.map((rule) => rule.checking)).then(() => this.hook(call, next));
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (rule.service !== call.service) continue;
      // A rule naming an operation its service lacks is a typo: fail loudly rather than never match.
      if (rule.invalid) {
        return Promise.reject(new AwsError('MockawsInvalidOverride', rule.invalid, { status: 400, senderFault: true }));
      }
      if (rule.operation !== call.operation) continue;
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

function resolveWith(output: object): Behaviour {
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

function fakeWith(fake: FakeHandler<any, any>): Behaviour {
  if (typeof fake !== 'function') throw new TypeError('mockaws: callsFake() needs a function');
  return async (call, next) => fake(call.input, next as () => Promise<any>, call);
}
