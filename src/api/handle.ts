/**
 * The mock handle `mockAws()` returns: stop/reset, the call journal, override
 * rules and typed backend access, all views of the session it joined. The
 * handle is also a decorator (`@mockAws()`): applied to a method, it stops
 * itself and runs each call of the method in a fresh mock of its options.
 */
import type { CallHook, Dispatcher } from '../core/dispatch';
import { clock } from '../core/clock';
import type { StateSnapshot } from '../core/dispatch';
import { eventLoop } from '../core/events';
import { DEFAULT_ACCOUNT } from '../core/ids';
import { version } from '../../package.json';
import type { StateClassLoaders } from '../persist/classes';
import type { Persistence } from '../persist/persistence';
import type { Backends } from './backends';
import { applyDecorator } from './decorator';
import { defaultRegion } from './environment';
import { type CallFilter, DEFAULT_JOURNAL_LIMIT, type JournalEntry } from './journal';
import type { InputMatch } from './match';
import type { OverrideBuilder } from './overrides';
import type { JoinRequest, MockRuntime } from './runtime';
import type { Session } from './session';

/** Input and output types of each operation, per service id (the generated `<Svc>Operations` maps). */
export type OperationMap = { [service: string]: { [operation: string]: { input: unknown; output: unknown } } };

type OpsOf<Ops extends OperationMap, S extends keyof Ops> = Ops[S];

/**
 * An SDK v3 Command class (`PutObjectCommand`): `on(PutObjectCommand)` is
 * `on('s3', 'PutObject')`, with the SDK's own input and output types.
 */
export type CommandClass<I extends object = any, O extends object = any> = abstract new (
  input: I,
) => { readonly input: I; resolveMiddleware(...args: any[]): (...args: any[]) => Promise<{ output: O }> };

type CommandInput<C> = C extends CommandClass<infer I, any> ? I : never;
type CommandOutput<C> = C extends CommandClass<any, infer O> ? Omit<O, '$metadata'> : never;

/** The call journal's filter, with service ids and operation names typed from the catalog. */
export type TypedCallFilter<Ops extends OperationMap> = {
  [S in keyof Ops & string]: CallFilter & { service: S; operation?: keyof Ops[S] & string };
}[keyof Ops & string] | (CallFilter & { service?: undefined }) | CommandCallFilter;

/** The journal's filter naming the operation by its SDK Command class. */
export type CommandCallFilter = Omit<CallFilter, 'service' | 'operation'> & { command: CommandClass };

export interface MockAwsOptions {
  /** Account for calls not signed with a 12-digit or fake-issued key. Default 123456789012. */
  account?: string;
  /** Region of clients that name none (set as AWS_REGION). Default: AWS_REGION, else us-east-1. */
  region?: string;
  /** Only these service ids are faked; any other AWS call is refused, never sent. */
  services?: string[];
  /** Hosts besides AWS's whose raw HTTP traffic the fake answers, e.g. 'localhost:4566'. */
  hosts?: Array<string | RegExp>;
  /** Calls the journal keeps (the most recent ones). Default 10,000; 0 keeps none. */
  journalLimit?: number;
  /**
   * `'enforce'`: calls made with credentials the fake issued (IAM access keys,
   * STS sessions) are authorized against the caller's IAM policies, as AWS
   * does; the default credentials stay the account root. Off by default.
   */
  iam?: 'enforce' | 'off';
  /**
   * Check every captured request's signature (SigV4 header and presigned
   * query, S3's SigV2) against the secrets the fake knows, as the server's
   * `--verify-signatures` does: the default credentials, `test`/`test`, and
   * keys IAM and STS issued. A wrong secret gets the service's own error
   * (`SignatureDoesNotMatch`, `InvalidSignatureException`, ...). Off by default.
   */
  verifySignatures?: boolean;
  /**
   * Keep all state in this directory, as the server's `--state-dir` does: the
   * saved state is loaded first (calls wait for it), and each call is answered
   * once its effects are on disk, so the next process (or the next test run)
   * starts where this one stopped. `reset()` empties the directory.
   */
  stateDir?: string;
}

/** What startMock needs from the services' generated code. */
export interface MockServices {
  /** services/state-classes.generated.ts (for stateDir). */
  classLoaders: StateClassLoaders;
}

/** How a handle may be used as a decorator (TC39 or `experimentalDecorators`). */
export interface MockDecorator {
  <T extends (this: any, ...args: any[]) => any>(value: T, context: ClassMethodDecoratorContext): T;
  <T extends abstract new (...args: any[]) => any>(value: T, context: ClassDecoratorContext<T>): void;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
  <T extends Function>(target: T): T;
}

/**
 * The mock handle. `Ops` types `on()` and `calls()`: service ids and
 * operation names complete in the editor, inputs and answers are checked.
 */
export interface MockAws<Ops extends OperationMap = OperationMap> extends MockDecorator {
  /** The dispatcher answering this mock's calls (for server mode and tools). */
  readonly dispatcher: Dispatcher;
  readonly account: string;
  readonly region: string;
  /** False once stop() was called. */
  readonly active: boolean;
  /** `await m.backends.s3(account?, region?)`: a service's state, for assertions. */
  readonly backends: Backends;
  /**
   * Leave the mock; when no handle is left, un-hook everything and drop all state. Un-hooking is
   * immediate; the promise settles once a state directory's last flush is on disk (at once without
   * one): await it before removing or reusing the directory.
   */
  stop(): Promise<void>;
  /**
   * With a snapshot: replace all state with a copy of it (the journal and
   * override rules stay; the snapshot can be restored again, also under a
   * later mock). Without one: an alias of stop().
   */
  restore(): Promise<void>;
  restore(snapshot: MockSnapshot): void;
  /**
   * A copy of all state (every service, account and region, and the
   * credentials STS and IAM issued), taken once pending deliveries settled.
   * A fixture built once and restored before each test costs a copy, not the
   * calls that built it. Warm Lambda environments are not copied (a restored
   * function starts cold); the clock is not part of it.
   * @example
   * const fixture = await aws.snapshot();
   * beforeEach(() => aws.restore(fixture));
   */
  snapshot(): Promise<MockSnapshot>;
  /** Drop all state, the journal and the override rules, staying active. */
  reset(): void;
  /** Forget the calls answered so far (the journal), keeping state. */
  resetHistory(): void;
  /** Remove every override rule, keeping state. */
  resetOverrides(): void;
  /**
   * Override an operation (optionally only for inputs matching `match`). A
   * service or operation mockaws does not know is an error naming the closest one.
   * @example
   * aws.on('s3', 'GetObject', { Key: 'a' }).resolves({ Body: 'hello' });
   * aws.on(GetObjectCommand, { Key: 'a' }).resolves({ Body: 'hello' }); // the same, from the SDK's class
   */
  on<S extends keyof Ops & string, O extends keyof OpsOf<Ops, S> & string>(
    service: S,
    operation: O,
    match?: InputMatch<OpsOf<Ops, S>[O]['input']>,
  ): OverrideBuilder<OpsOf<Ops, S>[O]['input'], OpsOf<Ops, S>[O]['output']>;
  on<C extends CommandClass>(command: C, match?: InputMatch<CommandInput<C>>): OverrideBuilder<CommandInput<C>, CommandOutput<C>>;
  /** The calls answered so far, optionally filtered. An unknown service id is an error. */
  calls(filter?: TypedCallFilter<Ops>): JournalEntry[];
  /** Capture clients of a class the automatic discovery missed (e.g. after jest.resetModules()). */
  patchClient(clientClass: abstract new (...args: never[]) => unknown): void;
  /** mockaws's clock: `advance(ms)` and `set(date)` move it (and tick fake timers when installed). */
  readonly clock: MockClock;
  /** Resolves once no cross-service delivery (EventBridge, S3 notifications, ...) is due or running. */
  settle(): Promise<void>;
}

/** What `aws.snapshot()` returns: opaque, for `aws.restore(snapshot)`. */
export interface MockSnapshot {
  readonly kind: 'mockaws-snapshot';
}

const snapshots = new WeakMap<MockSnapshot, StateSnapshot>();

/** The clock controls of a mock handle (`aws.clock`). */
export interface MockClock {
  /** Milliseconds since the epoch, as the fake sees them. */
  now(): number;
  /** Move the fake's time forward; waits and deliveries that fall due run. */
  advance(ms: number): void;
  /** Jump to a date (forward jumps fire what falls due). */
  set(date: Date | number | string): void;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

function normalize(options: MockAwsOptions, runtime: MockRuntime): JoinRequest {
  const account = options.account ?? DEFAULT_ACCOUNT;
  if (!ACCOUNT_ID.test(account)) throw new TypeError(`mockaws: account must be 12 digits, got '${account}'`);
  const region = options.region ?? defaultRegion();
  if (!REGION.test(region)) throw new TypeError(`mockaws: '${region}' is not a region name`);
  let services: ReadonlySet<string> | undefined;
  if (options.services) {
    const known = runtime.serviceIds();
    const unknown = options.services.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      throw new TypeError(`mockaws: unknown service '${unknown.join("', '")}'; known: ${known.join(', ')}`);
    }
    services = new Set(options.services);
  }
  const journalLimit = options.journalLimit ?? DEFAULT_JOURNAL_LIMIT;
  if (!Number.isInteger(journalLimit) || journalLimit < 0) {
    throw new TypeError(`mockaws: journalLimit must be a whole number >= 0, got ${journalLimit}`);
  }
  return { account, region, services, hosts: options.hosts ?? [], journalLimit };
}

function backendsOf(dispatcher: Dispatcher, ids: string[]): Backends {
  const get = <T>(service: string, account?: string, region?: string) =>
    dispatcher.backends.get<T>(service, account, region);
  const table: Record<string, unknown> = { get };
  for (const id of ids) table[id] = (account?: string, region?: string) => get(id, account, region);
  return table as Backends;
}

/** The base class of a client class: the prototype that owns `send`. */
function baseClientClass(cls: abstract new (...args: never[]) => unknown) {
  let proto: object | null = cls.prototype as object;
  while (proto && !Object.hasOwn(proto, 'send')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new TypeError('mockaws: patchClient() needs an SDK v3 client class');
  return proto.constructor as unknown as { prototype: { send: (...args: unknown[]) => unknown } };
}

/** The service and operation of an SDK Command class, from its schema (`[kind, namespace, operation, ...]`). */
function commandName(cls: CommandClass, runtime: MockRuntime): { service: string; operation: string } {
  let schema: unknown;
  try {
    schema = (new (cls as unknown as new (input: object) => { schema?: unknown })({}) as { schema?: unknown }).schema;
  } catch {
    schema = undefined;
  }
  const [, namespace, operation] = Array.isArray(schema) ? schema : [];
  const service = typeof namespace === 'string' ? runtime.names.serviceOfNamespace(namespace) : undefined;
  if (!service || typeof operation !== 'string') {
    throw new TypeError(
      `mockaws: on(${cls.name || 'class'}): not an SDK v3 Command class of a service mockaws knows; ` +
        "name the operation instead: on('<service>', '<Operation>')",
    );
  }
  return { service, operation };
}

/*
 * What the opt-in options need (the IAM policy engine, signature verification,
 * persistence) loads when a handle asks for it, not with `import 'mockaws'`:
 * a process that never asks never compiles it. Calls made before it is loaded
 * wait for it (the session's `ready`), so none is answered without it.
 */

/** IAM enforcement (src/core/policy/enforce.ts) as a dispatcher hook, its engine loaded on the first call. */
function enforcement(dispatcher: Dispatcher): CallHook {
  let hook: CallHook | undefined;
  return async (call, next) => {
    hook ??= (await import('../core/policy/enforce')).enforcementHook(dispatcher);
    return hook(call, next);
  };
}

/** Signature checks on a session's dispatcher while a handle lives; the returned function takes them off. */
async function checkSignatures(dispatcher: Dispatcher): Promise<() => void> {
  const { signatureCheck } = await import('../core/signature-auth');
  const before = dispatcher.authenticate;
  const check = signatureCheck(dispatcher);
  dispatcher.authenticate = check;
  return () => {
    if (dispatcher.authenticate === check) dispatcher.authenticate = before;
  };
}

/** Calls to the session wait for `work` too; `ready` is dropped once everything it waits for is done. */
function waitFor(session: Session, work: Promise<unknown>): Promise<unknown> {
  const ready = session.ready ? Promise.all([session.ready, work]) : work;
  session.ready = ready;
  // A failure (a state directory that cannot be read) fails each call with the reason, and is not an unhandled rejection.
  ready.then(
    () => {
      if (session.ready === ready) session.ready = undefined;
    },
    () => undefined,
  );
  return ready;
}

export function startMock(options: MockAwsOptions, runtime: MockRuntime, generated?: MockServices): MockAws {
  const request = normalize(options, runtime);
  if (options.iam !== undefined && options.iam !== 'enforce' && options.iam !== 'off') {
    throw new TypeError(`mockaws: iam must be 'enforce' or 'off', got '${options.iam}'`);
  }
  if (options.stateDir !== undefined && !generated) {
    throw new TypeError('mockaws: stateDir needs the mockAws() of the mockaws package');
  }
  const member = {};
  const session = runtime.join(member, request);
  let active = true;
  // IAM enforcement (src/core/policy/enforce.ts): one hook on the session's dispatcher while this handle lives.
  const unenforce = options.iam === 'enforce' ? session.dispatcher.use(enforcement(session.dispatcher)) : undefined;
  let unverify: (() => void) | undefined;
  let waiting: Promise<unknown> | undefined;
  if (options.verifySignatures) {
    const verifying = checkSignatures(session.dispatcher).then((off) => {
      if (active) unverify = off;
      else off();
    });
    waiting = waitFor(session, verifying);
  }
  let persistence: Promise<Persistence> | undefined;
  if (options.stateDir !== undefined && generated) {
    const settings = { dir: options.stateDir, classLoaders: generated.classLoaders, version };
    persistence = import('../persist/persistence').then(({ Persistence }) => Persistence.attach(session.dispatcher, settings));
    waiting = waitFor(session, persistence);
  }
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    if (!active) return stopped ?? Promise.resolve();
    active = false;
    unenforce?.();
    unverify?.();
    // Every answered call is on disk already; closing stops the periodic flush after a last one, which
    // stop()'s promise waits for (a state directory removed before it settles races that write).
    stopped = persistence ? persistence.then((p) => p.close()).catch(() => undefined) : Promise.resolve();
    if (session.ready === waiting) session.ready = undefined;
    // The state is dropped only after that flush: it would otherwise write the emptied state to the directory.
    runtime.leave(member, session, persistence && stopped);
    clock.reset(); // time moved by hand ends with the mock
    return stopped;
  };
  const decorate = (...args: unknown[]): unknown => {
    stop();
    return applyDecorator(args, () => startMock(options, runtime, generated));
  };
  let backends: Backends | undefined;
  const api = {
    stop,
    restore: (snapshot?: MockSnapshot) => {
      if (snapshot === undefined) return stop();
      const state = snapshots.get(snapshot);
      if (!state) throw new TypeError('mockaws: restore() takes what snapshot() returned');
      if (!active) throw new Error('mockaws: restore(snapshot) after stop()');
      session.dispatcher.restore(state);
    },
    snapshot: async (): Promise<MockSnapshot> => {
      if (!active) throw new Error('mockaws: snapshot() after stop()');
      await eventLoop(session.dispatcher.backends).settle();
      const snapshot: MockSnapshot = Object.freeze({ kind: 'mockaws-snapshot' as const });
      snapshots.set(snapshot, session.dispatcher.snapshot());
      return snapshot;
    },
    reset: () => {
      session.reset();
      persistence?.then((p) => p.cleared()).catch(() => undefined);
      clock.reset(); // a reset mock is back on real (or fake-timer) time
    },
    resetHistory: () => session.journal.clear(),
    resetOverrides: () => session.overrides.clear(),
    on: (first: string | CommandClass, second?: string | InputMatch<any>, third?: InputMatch<any>) => {
      if (!active) throw new Error('mockaws: on() after stop()');
      if (typeof first === 'function') {
        const { service, operation } = commandName(first, runtime);
        return session.overrides.add(member, service, operation, second as InputMatch<any> | undefined);
      }
      return session.overrides.add(member, first, second as string, third);
    },
    calls: (filter?: CallFilter & { command?: CommandClass }) => {
      if (filter?.command) {
        const { command, ...rest } = filter;
        return session.journal.calls({ ...rest, ...commandName(command, runtime) });
      }
      if (filter?.service !== undefined) {
        const where = `calls({ service: '${filter.service}'${filter.operation === undefined ? '' : `, operation: '${filter.operation}'`} })`;
        runtime.names.checkService(filter.service, where);
        // An operation is checked when the service's model is loaded (it is, once the service was called).
        const verdict = filter.operation === undefined ? undefined : runtime.names.checkOperation(filter.service, filter.operation, where);
        if (typeof verdict === 'string') throw new TypeError(verdict);
      }
      return session.journal.calls(filter);
    },
    patchClient: (clientClass: abstract new (...args: never[]) => unknown) =>
      runtime.patchClientClass(baseClientClass(clientClass)),
    clock: { now: clock.now, advance: clock.advance, set: clock.set } satisfies MockClock,
    settle: () => eventLoop(session.dispatcher.backends).settle(),
  };
  Object.defineProperties(decorate, {
    dispatcher: { get: () => session.dispatcher },
    account: { get: () => session.account },
    region: { get: () => session.region },
    active: { get: () => active },
    backends: { get: () => (backends ??= backendsOf(session.dispatcher, runtime.serviceIds())) },
  });
  return Object.assign(decorate, api) as unknown as MockAws;
}
