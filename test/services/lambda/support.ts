/** Helpers for the Lambda tests: zips built with fflate and a function created from one. */
import { AddPermissionCommand, CreateFunctionCommand, type CreateFunctionCommandInput, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { strToU8, zipSync } from 'fflate';
import { createHash, createHmac } from 'node:crypto';
import type { MockAws } from '../../../src/mock';

export const ROLE = 'arn:aws:iam::123456789012:role/lambda-role';

/** Lambda's trust policy: the role a function runs as must let lambda.amazonaws.com assume it. */
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * Creates ROLE in IAM before each test: CreateFunction refuses a role that does
 * not exist ("The role defined for the function cannot be assumed by Lambda."),
 * and the mock's state is reset after each test. Call it in a describe body.
 */
export function useLambdaRole(config: () => object = () => ({ region: 'us-east-1' })): void {
  beforeEach(() => createLambdaRole(config()));
}

/** Creates ROLE in IAM (again, after a test's own reset()). */
export async function createLambdaRole(config: object = { region: 'us-east-1' }): Promise<void> {
  await new IAMClient(config).send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: TRUST }));
}

/** A zip of `files` (path → source text). */
export function zip(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  return zipSync(entries);
}

export function lambdaClient(config: { maxAttempts?: number } = {}): LambdaClient {
  return new LambdaClient({ region: 'us-east-1', ...config });
}

/** Creates a Node.js function from `files` and waits out its Pending state. */
export async function createNodeFunction(
  client: LambdaClient,
  name: string,
  files: Record<string, string>,
  extra: Partial<CreateFunctionCommandInput> = {},
) {
  const out = await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zip(files) },
      ...extra,
    }),
  );
  await new Promise((r) => setTimeout(r, 10));
  return out;
}

export const decode = (bytes: Uint8Array | undefined) => JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8'));
export const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Retries `check` until it stops throwing: for work the fake does off the caller's request (pollers, Event invocations). */
export async function eventually(check: () => unknown | Promise<unknown>, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** An event source batch as a test sees it. */
export type Batch = { Records: Array<Record<string, any>> };

/** A function whose batches are recorded (its handler replaced in the backend); `respond` decides what it answers. */
export async function recorder(m: MockAws, client: LambdaClient, name: string, respond: (batch: Batch) => unknown = () => null): Promise<Batch[]> {
  await createNodeFunction(client, name, { 'index.js': 'exports.handler = async () => null;' });
  const batches: Batch[] = [];
  (await m.backends.lambda()).setHandler(name, async (event: unknown) => {
    batches.push(event as Batch);
    return respond(event as Batch);
  });
  return batches;
}

/**
 * The two statements a public (AuthType NONE) function URL needs since October
 * 2025 (Lambda developer guide, "Control access to Lambda function URLs"):
 * `lambda:InvokeFunctionUrl` for everyone with `FunctionUrlAuthType NONE`, and
 * `lambda:InvokeFunction` for everyone when invoked through the URL. The API
 * adds neither by itself (the console and SAM do).
 */
export async function allowPublicUrl(client: LambdaClient, name: string, qualifier?: string): Promise<void> {
  await client.send(
    new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }),
  );
  await client.send(
    new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'FunctionURLInvokeAllowPublicAccess', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }),
  );
}

/** The hash constructor @smithy/signature-v4 takes (a hash, or an HMAC when given a key), over node:crypto. */
export class Sha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}
