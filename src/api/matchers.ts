/**
 * The assertions behind `expect(aws).toHaveReceivedOperation(...)`, shared by
 * the jest and vitest entries. They read the call journal of the handle they
 * are given (any mock handle: all handles of a session see the same journal).
 *
 * An operation is named as `service, operation` ('s3', 'PutObject') or by the
 * SDK's Command class (PutObjectCommand). Each matcher has a Command-named
 * alias (`toHaveReceivedCommand`, `toHaveReceivedCommandWith`, ...) so tests
 * written for aws-sdk-client-mock-jest read the same. Inputs match partially
 * at any depth, with RegExps and asymmetric matchers (`expect.any(String)`).
 * Failures print with the runner's own helpers (`this.utils`): its colours
 * and its diff between the expected input and the nearest call received.
 */
import type { CommandClass } from './handle';
import type { CallFilter, JournalEntry } from './journal';
import { type InputMatch, matchesPartially } from './match';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** What jest and vitest hand a matcher as `this` (the parts used here). */
export interface MatcherContext {
  isNot?: boolean;
  utils?: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
    diff(expected: unknown, received: unknown, options?: { expand?: boolean }): string | null;
  };
}

interface HasJournal {
  calls(filter?: CallFilter & { command?: CommandClass }): JournalEntry[];
}

function journalOf(received: unknown): HasJournal {
  if (typeof (received as HasJournal | null)?.calls !== 'function') {
    throw new TypeError('mockaws matchers: expect() needs a mock handle, e.g. expect(mockAws())');
  }
  return received as HasJournal;
}

/** An operation as the matchers were given it, and the arguments after it. */
interface Target {
  filter: CallFilter & { command?: CommandClass };
  label: string;
  rest: unknown[];
}

function targetOf(args: unknown[]): Target {
  const [first, second, ...more] = args;
  if (typeof first === 'function') {
    return { filter: { command: first as CommandClass }, label: (first as { name: string }).name, rest: [second, ...more] };
  }
  if (typeof first !== 'string' || typeof second !== 'string') {
    throw new TypeError("mockaws matchers: name the operation as ('s3', 'PutObject') or by its Command class (PutObjectCommand)");
  }
  return { filter: { service: first, operation: second }, label: `${first}.${second}`, rest: more };
}

/** Plain-text fallbacks for a runner that hands no `this.utils`. */
const plainUtils: NonNullable<MatcherContext['utils']> = {
  matcherHint: (name) => `expect(aws).${name}(...)`,
  printExpected: (value) => describe(value),
  printReceived: (value) => describe(value),
  diff: () => null,
};

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a predicate';
  const text = JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) return `<${v.data.length} bytes>`;
    if (v instanceof RegExp) return String(v);
    return v;
  });
  if (text === undefined) return String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function utilsOf(context: MatcherContext | undefined): NonNullable<MatcherContext['utils']> {
  return context?.utils ?? plainUtils;
}

function listCalls(entries: JournalEntry[], utils: NonNullable<MatcherContext['utils']>): string {
  if (entries.length === 0) return '  (no calls)';
  const shown = entries.slice(-10);
  const skipped = entries.length - shown.length;
  const lines = shown.map(
    (e, i) =>
      `  ${skipped + i + 1}. ${e.service}.${e.operation} ${utils.printReceived(e.input)}${e.error ? ` → ${e.error.code}` : ''}`,
  );
  return `${skipped > 0 ? `  … ${skipped} earlier\n` : ''}${lines.join('\n')}`;
}

/** The diff between an expected input and the nearest call received (the last of the operation). */
function nearestDiff(expected: unknown, calls: JournalEntry[], utils: NonNullable<MatcherContext['utils']>): string {
  if (typeof expected !== 'object' || expected === null || calls.length === 0) return '';
  const diff = utils.diff(expected, calls[calls.length - 1].input);
  return diff ? `\n\nDifference from the last call received:\n${diff}` : '';
}

interface Check {
  name: string;
  context: MatcherContext | undefined;
  received: unknown;
  args: unknown[];
}

type Verdict = (journal: HasJournal, target: Target, utils: NonNullable<MatcherContext['utils']>) => {
  pass: boolean;
  expected: string;
  got: string;
};

function run({ name, context, received, args }: Check, verdict: Verdict): MatcherResult {
  const journal = journalOf(received);
  const target = targetOf(args);
  const utils = utilsOf(context);
  const { pass, expected, got } = verdict(journal, target, utils);
  const hint = utils.matcherHint(name, 'aws', target.label, { isNot: context?.isNot });
  return {
    pass,
    message: () =>
      `${hint}\n\n${pass ? 'Expected not: ' : 'Expected: '}${expected}\n${got}\n\nCalls received:\n${listCalls(journal.calls(), utils)}`,
  };
}

function inputLabel(input: unknown, utils: NonNullable<MatcherContext['utils']>): string {
  return input === undefined ? '' : ` with input matching ${utils.printExpected(input)}`;
}

const verdicts = {
  received: (name: string) =>
    function (this: any, received: unknown, ...args: unknown[]): MatcherResult {
      return run({ name, context: this as MatcherContext | undefined, received, args }, (journal, target, utils) => {
        const input = target.rest[0] as InputMatch | undefined;
        const all = journal.calls(target.filter);
        const hits = all.filter((e) => input === undefined || matches(e, input));
        return {
          pass: hits.length > 0,
          expected: `at least one call of ${target.label}${inputLabel(input, utils)}`,
          got: `Received: ${countOf(hits.length, 'matching call')} (${countOf(all.length, `call`)} of ${target.label})${
            hits.length === 0 ? nearestDiff(input, all, utils) : ''
          }`,
        };
      });
    },
  times: (name: string, fixed?: number) =>
    function (this: any, received: unknown, ...args: unknown[]): MatcherResult {
      return run({ name, context: this as MatcherContext | undefined, received, args }, (journal, target, utils) => {
        const times = fixed ?? (target.rest.shift() as number);
        if (!Number.isInteger(times) || times < 0) throw new TypeError(`mockaws matchers: ${name} needs a call count`);
        const input = target.rest[0] as InputMatch | undefined;
        const all = journal.calls(target.filter);
        const count = all.filter((e) => input === undefined || matches(e, input)).length;
        return {
          pass: count === times,
          expected: `${countOf(times, 'call')} of ${target.label}${inputLabel(input, utils)}`,
          got: `Received: ${countOf(count, 'such call')}`,
        };
      });
    },
  nth: (name: string, which: 'nth' | 'last') =>
    function (this: any, received: unknown, ...args: unknown[]): MatcherResult {
      return run({ name, context: this as MatcherContext | undefined, received, args }, (journal, target, utils) => {
        const n = which === 'nth' ? (target.rest.shift() as number) : undefined;
        if (which === 'nth' && (!Number.isInteger(n) || (n as number) < 1)) {
          throw new TypeError(`mockaws matchers: ${name} needs a call number from 1`);
        }
        const input = target.rest[0] as InputMatch;
        const all = journal.calls(target.filter);
        const call = which === 'last' ? all.at(-1) : all[(n as number) - 1];
        const ordinal = which === 'last' ? 'the last call' : `call ${n}`;
        const diff = call && typeof input === 'object' ? utils.diff(input, call.input) : null;
        return {
          pass: call !== undefined && matches(call, input),
          expected: `${ordinal} of ${target.label}${inputLabel(input, utils)}`,
          got: call
            ? `Received: ${ordinal} with input ${utils.printReceived(call.input)}${diff ? `\n\n${diff}` : ''}`
            : `Received: ${countOf(all.length, 'call')} of ${target.label}`,
        };
      });
    },
};

function matches(entry: JournalEntry, input: InputMatch): boolean {
  if (typeof input === 'function') return (input as (i: Record<string, unknown>) => boolean)(entry.input);
  return matchesPartially(entry.input, input);
}

function countOf(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function anyOperation(this: any, received: unknown): MatcherResult {
  const context = this as MatcherContext | undefined;
  const journal = journalOf(received);
  const utils = utilsOf(context);
  const calls = journal.calls();
  const pass = calls.length > 0;
  return {
    pass,
    message: () =>
      `${utils.matcherHint('toHaveReceivedAnyOperation', 'aws', '', { isNot: context?.isNot })}\n\n` +
      `${pass ? 'Expected no calls' : 'Expected at least one call'}\n\nCalls received:\n${listCalls(calls, utils)}`,
  };
}

/** The matcher table handed to `expect.extend` (jest and vitest alike). */
export const awsMatchers = {
  toHaveReceivedOperation: verdicts.received('toHaveReceivedOperation'),
  toHaveReceivedOperationWith: verdicts.received('toHaveReceivedOperationWith'),
  toHaveReceivedOperationTimes: verdicts.times('toHaveReceivedOperationTimes'),
  toHaveReceivedOperationOnce: verdicts.times('toHaveReceivedOperationOnce', 1),
  toHaveReceivedNthOperationWith: verdicts.nth('toHaveReceivedNthOperationWith', 'nth'),
  toHaveReceivedLastOperationWith: verdicts.nth('toHaveReceivedLastOperationWith', 'last'),
  toHaveReceivedAnyOperation: anyOperation,
  // The names aws-sdk-client-mock-jest users know, for Command classes.
  toHaveReceivedCommand: verdicts.received('toHaveReceivedCommand'),
  toHaveReceivedCommandWith: verdicts.received('toHaveReceivedCommandWith'),
  toHaveReceivedCommandTimes: verdicts.times('toHaveReceivedCommandTimes'),
  toHaveReceivedCommandOnce: verdicts.times('toHaveReceivedCommandOnce', 1),
  toHaveReceivedNthCommandWith: verdicts.nth('toHaveReceivedNthCommandWith', 'nth'),
  toHaveReceivedLastCommandWith: verdicts.nth('toHaveReceivedLastCommandWith', 'last'),
  toHaveReceivedAnyCommand: anyOperation,
};

type Input<C> = C extends CommandClass<infer I, any> ? InputMatch<I> : never;

/** The matchers as they appear on `expect(...)`, for type augmentation. */
export interface AwsMatchers<R = unknown> {
  /** At least one `service.operation` call (with input matching `input`, when given). */
  toHaveReceivedOperation(service: string, operation: string, input?: InputMatch): R;
  toHaveReceivedOperation<C extends CommandClass>(command: C, input?: Input<C>): R;
  /** At least one call whose input matches `input` (partially, at any depth; RegExps and asymmetric matchers). */
  toHaveReceivedOperationWith(service: string, operation: string, input: InputMatch): R;
  toHaveReceivedOperationWith<C extends CommandClass>(command: C, input: Input<C>): R;
  /** Exactly `times` such calls. */
  toHaveReceivedOperationTimes(service: string, operation: string, times: number, input?: InputMatch): R;
  toHaveReceivedOperationTimes<C extends CommandClass>(command: C, times: number, input?: Input<C>): R;
  /** Exactly one such call. */
  toHaveReceivedOperationOnce(service: string, operation: string, input?: InputMatch): R;
  toHaveReceivedOperationOnce<C extends CommandClass>(command: C, input?: Input<C>): R;
  /** The `n`th call (from 1) of the operation has an input matching `input`. */
  toHaveReceivedNthOperationWith(service: string, operation: string, n: number, input: InputMatch): R;
  toHaveReceivedNthOperationWith<C extends CommandClass>(command: C, n: number, input: Input<C>): R;
  /** The last call of the operation has an input matching `input`. */
  toHaveReceivedLastOperationWith(service: string, operation: string, input: InputMatch): R;
  toHaveReceivedLastOperationWith<C extends CommandClass>(command: C, input: Input<C>): R;
  /** Any call at all. */
  toHaveReceivedAnyOperation(): R;
  /** aws-sdk-client-mock-jest names, for Command classes (also accept `service, operation`). */
  toHaveReceivedCommand<C extends CommandClass>(command: C, input?: Input<C>): R;
  toHaveReceivedCommandWith<C extends CommandClass>(command: C, input: Input<C>): R;
  toHaveReceivedCommandTimes<C extends CommandClass>(command: C, times: number, input?: Input<C>): R;
  toHaveReceivedCommandOnce<C extends CommandClass>(command: C, input?: Input<C>): R;
  toHaveReceivedNthCommandWith<C extends CommandClass>(command: C, n: number, input: Input<C>): R;
  toHaveReceivedLastCommandWith<C extends CommandClass>(command: C, input: Input<C>): R;
  toHaveReceivedAnyCommand(): R;
}
