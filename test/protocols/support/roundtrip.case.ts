/**
 * The generic protocol conformance suite. For a service and its real v3
 * client, over many operations and seeds:
 *  - requests: random model-valid input → serialized by the SDK (through a
 *    capturing request handler) → parsed by our protocol → must equal the input;
 *  - responses: random output → serialized by our protocol → deserialized by
 *    the SDK → must equal;
 *  - errors: every modelled error with random fields → our protocol → the SDK
 *    throws the right exception class with those fields and the status.
 */
import { AwsError } from '../../../src/core/errors';
import type { MemberSpec, OperationSpec, ProtocolName, ServiceSpec, StructureShape } from '../../../src/core/spec';
import { detectProtocol, protocolFor } from '../../../src/protocols';
import { fillErrorStatus } from '../../../src/protocols/errors';
import { toAwsRequest, toSdkResponse } from '../../../src/intercept/sdk-handler';
import type { AwsResponse } from '../../../src/core/request';
import { containsValue } from './compare';
import { seededRandom, ValueGenerator } from './random-values';

export interface RoundTripOptions {
  spec: ServiceSpec;
  /** The client package's exports (require('@aws-sdk/client-x')). */
  sdk: Record<string, any>;
  /** Extra client config (e.g. a forced protocol, forcePathStyle). */
  clientConfig?: Record<string, unknown>;
  /** How many operations to sample (all when absent) and seeds per operation. */
  maxOperations?: number;
  seeds?: number;
  skipOperation?: (op: OperationSpec) => boolean;
  skipMember?: (name: string, member: MemberSpec) => boolean;
  /** Shapes of the canned response used while capturing requests. */
  cannedResponse?: () => AwsResponse;
  /** Our protocol to answer with (default: the service's first); pair with a forced client protocol. */
  protocol?: ProtocolName;
}

export interface RoundTripReport {
  operations: number;
  cases: number;
  failures: string[];
}

function clientClass(sdk: Record<string, any>): any {
  const Base = sdk.__Client;
  const name = Object.keys(sdk).find(
    (k) => k.endsWith('Client') && typeof sdk[k] === 'function' && sdk[k].prototype instanceof Base,
  );
  if (!name) throw new Error('no client class in SDK module');
  return sdk[name];
}

function pickOperations(opts: RoundTripOptions): OperationSpec[] {
  const ops = Object.values(opts.spec.operations)
    .filter((op) => !opts.skipOperation?.(op))
    .filter((op) => opts.sdk[`${op.name}Command`])
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!opts.maxOperations || ops.length <= opts.maxOperations) return ops;
  const step = ops.length / opts.maxOperations;
  return Array.from({ length: opts.maxOperations }, (_, i) => ops[Math.floor(i * step)]);
}

function makeClient(opts: RoundTripOptions, handler: unknown): any {
  const Client = clientClass(opts.sdk);
  return new Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: handler,
    ...opts.clientConfig,
  });
}

const emptyOk = (): AwsResponse => ({ status: 200, headers: {}, body: Buffer.from('{}') });

export async function requestRoundTrip(opts: RoundTripOptions): Promise<RoundTripReport> {
  let captured: unknown;
  const client = makeClient(opts, {
    handle: async (request: unknown) => {
      captured = request;
      return { response: toSdkResponse((opts.cannedResponse ?? emptyOk)()) };
    },
  });
  const report: RoundTripReport = { operations: 0, cases: 0, failures: [] };
  for (const op of pickOperations(opts)) {
    if (!op.input) continue;
    report.operations++;
    for (let seed = 1; seed <= (opts.seeds ?? 3); seed++) {
      const gen = new ValueGenerator(opts.spec, seededRandom(seed * 7919 + op.name.length), {
        skip: opts.skipMember,
      });
      const input = gen.structure(op.input);
      captured = undefined;
      await client.send(new opts.sdk[`${op.name}Command`](structuredCloneInput(input))).catch(() => undefined);
      if (!captured) {
        report.failures.push(`${op.name}#${seed}: the SDK sent nothing`);
        continue;
      }
      report.cases++;
      try {
        const req = await toAwsRequest(captured as never);
        const protocol = protocolFor(detectProtocol(req, opts.spec));
        if (opts.protocol && protocol.name !== opts.protocol) {
          report.failures.push(`${op.name}#${seed}: detected ${protocol.name}, expected ${opts.protocol}`);
          continue;
        }
        const resolved = protocol.resolveOperation(req, opts.spec);
        if (resolved?.name !== op.name) {
          report.failures.push(`${op.name}#${seed}: resolved as ${resolved?.name}`);
          continue;
        }
        const parsed = protocol.parse(req, op, opts.spec);
        for (const diff of containsValue(input, parsed)) report.failures.push(`${op.name}#${seed} request ${diff}`);
      } catch (e) {
        report.failures.push(`${op.name}#${seed}: ${(e as Error).message}`);
      }
    }
  }
  return report;
}

export async function responseRoundTrip(opts: RoundTripOptions): Promise<RoundTripReport> {
  let next: AwsResponse | undefined;
  const client = makeClient(opts, { handle: async () => ({ response: toSdkResponse(next as AwsResponse) }) });
  const report: RoundTripReport = { operations: 0, cases: 0, failures: [] };
  const protocol = protocolFor(opts.protocol ?? opts.spec.protocols[0]);
  for (const op of pickOperations(opts)) {
    if (!op.output) continue;
    report.operations++;
    for (let seed = 1; seed <= (opts.seeds ?? 3); seed++) {
      const gen = new ValueGenerator(opts.spec, seededRandom(seed * 104729 + op.name.length), {
        skip: (name, m) => Boolean(m.streaming) || Boolean(opts.skipMember?.(name, m)),
      });
      const output = gen.structure(op.output);
      report.cases++;
      try {
        next = protocol.serialize(output, op, opts.spec, { requestId: 'req-1' });
        const input = op.input
          ? new ValueGenerator(opts.spec, seededRandom(seed), { skip: opts.skipMember }).structure(op.input)
          : {};
        const result = await client.send(new opts.sdk[`${op.name}Command`](input));
        for (const diff of containsValue(output, result)) report.failures.push(`${op.name}#${seed} response ${diff}`);
      } catch (e) {
        report.failures.push(`${op.name}#${seed}: SDK threw ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
  }
  return report;
}

export async function errorRoundTrip(opts: RoundTripOptions): Promise<RoundTripReport> {
  let next: AwsResponse | undefined;
  const client = makeClient(opts, { handle: async () => ({ response: toSdkResponse(next as AwsResponse) }) });
  const report: RoundTripReport = { operations: 0, cases: 0, failures: [] };
  const protocol = protocolFor(opts.protocol ?? opts.spec.protocols[0]);
  const op = pickOperations(opts).find((o) => o.input && o.http?.method !== 'HEAD');
  if (!op) return report;
  report.operations = 1;
  for (const code of opts.spec.errors) {
    const gen = new ValueGenerator(opts.spec, seededRandom(code.length * 31), {
      skip: (name) => /^(message|Message|Code|code)$/.test(name),
      presence: 1,
    });
    const fields = gen.structure(code);
    const error = new AwsError(code, `boom ${code}`, { fields });
    fillErrorStatus(opts.spec, error);
    next = protocol.serializeError(error, op, opts.spec, { requestId: 'req-1' });
    report.cases++;
    const input = new ValueGenerator(opts.spec, seededRandom(1), { skip: opts.skipMember }).structure(op.input as string);
    const thrown = await client.send(new opts.sdk[`${op.name}Command`](input)).then(
      () => undefined,
      (e: any) => e,
    );
    if (!thrown) {
      report.failures.push(`${code}: the SDK did not throw`);
      continue;
    }
    // Shapes that share one awsQueryError code are indistinguishable on a query-compatible wire.
    const sameQueryCode = opts.protocol ? errorsSharingQueryCode(opts.spec, code) : [code];
    if (!sameQueryCode.includes(thrown.name)) {
      report.failures.push(`${code}: SDK threw ${thrown.name} (${thrown.message})`);
    }
    if (thrown.$metadata?.httpStatusCode !== error.status) {
      report.failures.push(`${code}: status ${thrown.$metadata?.httpStatusCode} instead of ${error.status}`);
    }
    if (!String(thrown.message).includes(`boom ${code}`)) report.failures.push(`${code}: message ${thrown.message}`);
    for (const diff of containsValue(fields, thrown)) report.failures.push(`${code} field ${diff}`);
  }
  return report;
}

function errorsSharingQueryCode(spec: ServiceSpec, code: string): string[] {
  const queryCode = (spec.shapes[code] as StructureShape | undefined)?.error?.queryCode;
  if (!queryCode) return [code];
  return spec.errors.filter((name) => (spec.shapes[name] as StructureShape).error?.queryCode === queryCode);
}

/** The SDK may mutate input objects (defaults, tokens); send a copy. */
function structuredCloneInput(input: Record<string, unknown>): Record<string, unknown> {
  return cloneValue(input) as Record<string, unknown>;
}

function cloneValue(v: unknown): unknown {
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, cloneValue(x)]));
  }
  return v;
}

/** The three conformance checks for each suite, as jest tests. */
export function runProtocolSuites(suites: Array<[string, RoundTripOptions]>): void {
  describe.each(suites)('%s', (name, opts) => {
    it('parses every request the SDK sends back into the input it was given', async () => {
      const report = await requestRoundTrip(opts);
      // ROUNDTRIP_REPORT=1 npx jest test/protocols prints the coverage figures.
      if (process.env.ROUNDTRIP_REPORT) {
        const out = await responseRoundTrip(opts);
        const errors = await errorRoundTrip(opts);
        process.stdout.write(
          `ROUNDTRIP ${name}: requests ${report.operations} ops/${report.cases} cases; ` +
            `responses ${out.operations} ops/${out.cases} cases; errors ${errors.cases}\n`,
        );
      }
      expect(report.failures).toEqual([]);
      expect(report.cases).toBeGreaterThan(report.operations);
    });

    it('serializes outputs the SDK deserializes unchanged', async () => {
      const report = await responseRoundTrip(opts);
      expect(report.failures).toEqual([]);
      expect(report.cases).toBeGreaterThan(0);
    });

    it('serializes every modelled error into the SDK exception class with its fields', async () => {
      const report = await errorRoundTrip(opts);
      expect(report.failures).toEqual([]);
      expect(report.cases).toBe(opts.spec.errors.length);
    });
  });
}
