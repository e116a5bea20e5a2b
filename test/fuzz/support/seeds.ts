/**
 * Seed requests for the fuzz test: for every implemented operation of a
 * service, random model-valid inputs serialized by the real v3 client (so the
 * wire is exactly the SDK's), aimed at resources that exist.
 */
import type { AwsRequest } from '../../../src/core/request';
import type { MemberSpec, ServiceSpec } from '../../../src/core/spec';
import { toAwsRequest, toSdkResponse } from '../../../src/intercept/sdk-handler';
import { seededRandom, ValueGenerator } from '../../protocols/support/random-values';

export interface SeedOptions {
  spec: ServiceSpec;
  sdk: Record<string, any>;
  operations: string[];
  clientConfig?: Record<string, unknown>;
  /** Members the SDK computes or transforms itself. */
  skipMember?: (name: string, member: MemberSpec) => boolean;
  /** Aims a generated input at existing resources (TableName, QueueUrl, Bucket...). */
  aim?: (input: Record<string, unknown>) => void;
  perOperation: number;
}

function clientClass(sdk: Record<string, any>): any {
  const Base = sdk.__Client;
  const name = Object.keys(sdk).find((k) => k.endsWith('Client') && typeof sdk[k] === 'function' && sdk[k].prototype instanceof Base);
  return sdk[name as string];
}

export async function captureSeeds(opts: SeedOptions): Promise<Array<{ op: string; req: AwsRequest }>> {
  let captured: unknown;
  const Client = clientClass(opts.sdk);
  const client = new Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: unknown) => {
        captured = request;
        return { response: toSdkResponse({ status: 200, headers: {}, body: Buffer.from('{}') }) };
      },
    },
    ...opts.clientConfig,
  });
  const seeds: Array<{ op: string; req: AwsRequest }> = [];
  for (const name of opts.operations) {
    const op = opts.spec.operations[name];
    const Command = opts.sdk[`${name}Command`];
    if (!op || !Command) continue;
    for (let i = 0; i < opts.perOperation; i++) {
      const gen = new ValueGenerator(opts.spec, seededRandom(i * 7919 + name.length * 31 + 1), { skip: opts.skipMember });
      const input = op.input ? gen.structure(op.input) : {};
      opts.aim?.(input);
      captured = undefined;
      await client.send(new Command(input)).catch(() => undefined);
      if (captured) seeds.push({ op: name, req: await toAwsRequest(captured as never) });
    }
  }
  return seeds;
}
