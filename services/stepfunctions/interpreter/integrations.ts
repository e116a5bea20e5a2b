/**
 * Task resources and the services behind them. Lambda goes through the
 * Lambda backend's invoke(); the optimized integrations (SQS, SNS,
 * DynamoDB, EventBridge, Step Functions) and the AWS SDK integrations
 * (`arn:aws:states:::aws-sdk:<service>:<action>`) call the other service's
 * operation through backends.call, so the model checks the parameters and
 * the service's own errors come back, renamed as Step Functions names them
 * (`DynamoDb.ConditionalCheckFailedException`, `S3.NoSuchKeyException`).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { isAwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import { json, StatesError } from './errors';
import type { StateRun } from './machine';

export type Resource =
  | { kind: 'lambda'; arn: string }
  | { kind: 'activity'; arn: string }
  | { kind: 'integration'; arn: string; service: string; action: string; pattern?: string; resourceType: string; resource: string };

export function parseResource(arn: string): Resource {
  const parts = arn.split(':');
  if (parts[2] === 'lambda') return { kind: 'lambda', arn };
  if (parts[2] === 'states' && parts[5] === 'activity') return { kind: 'activity', arn };
  // arn:aws:states:::<service>:<action>[.<pattern>] or arn:aws:states:::aws-sdk:<service>:<action>[.<pattern>]
  const sdk = parts[5] === 'aws-sdk';
  const service = sdk ? parts[6] : parts[5];
  const tail = sdk ? parts.slice(7).join(':') : parts.slice(6).join(':');
  const dot = tail.indexOf('.');
  const action = dot < 0 ? tail : tail.slice(0, dot);
  const pattern = dot < 0 ? undefined : tail.slice(dot + 1);
  return { kind: 'integration', arn, service: sdk ? `aws-sdk:${service}` : service, action, pattern, resourceType: sdk ? `aws-sdk:${service}` : service, resource: tail };
}

/** The mockaws service id behind an aws-sdk service name. */
const SDK_SERVICE: Record<string, string> = { sfn: 'stepfunctions', eventbridge: 'events', cloudwatchlogs: 'logs', cognitoidentityprovider: 'cognitoidp' };
/** The PascalCase service names of error prefixes where capitalizing the first letter is not enough. */
const ERROR_PREFIX: Record<string, string> = {
  dynamodb: 'DynamoDb', dynamodbstreams: 'DynamoDbStreams', secretsmanager: 'SecretsManager', cloudwatchlogs: 'CloudWatchLogs', cloudwatch: 'CloudWatch',
  eventbridge: 'EventBridge', apigateway: 'ApiGateway', cognitoidentityprovider: 'CognitoIdentityProvider', cognitoidentity: 'CognitoIdentity', sesv2: 'SesV2',
};
/** Optimized integrations name their errors after the service this way. */
const OPTIMIZED_PREFIX: Record<string, string> = { lambda: 'Lambda', dynamodb: 'DynamoDB', sqs: 'SQS', sns: 'SNS', events: 'EventBridge', states: 'StepFunctions' };

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Plain JSON of an operation's output: dates as ISO strings, bytes as base64, streams read. */
async function toJson(v: unknown): Promise<unknown> {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const c of v) chunks.push(Buffer.from(c));
    return Buffer.concat(chunks).toString('utf8');
  }
  if (Array.isArray(v)) return Promise.all(v.map(toJson));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = await toJson(x);
    return out;
  }
  return v;
}

function serviceError(err: unknown, prefix: string, sdk: boolean): StatesError {
  if (err instanceof StatesError) return err;
  if (!isAwsError(err)) return new StatesError('States.TaskFailed', String((err as Error)?.message ?? err));
  const code = sdk && !err.code.endsWith('Exception') ? `${err.code}Exception` : err.code;
  return new StatesError(`${prefix}.${code}`, `${err.message} (Service: ${prefix}, Status Code: ${err.status ?? 400}, Error Code: ${err.code}, Request ID: ${randomUUID()})`);
}

interface LambdaApi {
  invoke(fn: string, payload: string, opts: { invocationType?: 'RequestResponse' | 'Event' | 'DryRun'; qualifier?: string }): Promise<{ statusCode: number; payload: Uint8Array; functionError?: string; executedVersion: string }>;
}

/** Invokes a function; a function error becomes its errorType with the payload as cause. Bare ARNs answer the payload, lambda:invoke the whole response. */
export async function invokeLambda(run: StateRun, fn: string, payload: unknown, bare: boolean, opts: { invocationType?: 'RequestResponse' | 'Event' | 'DryRun'; qualifier?: string } = {}): Promise<unknown> {
  const where = parseArn(fn);
  const lambda = await run.host.backends.get<LambdaApi>('lambda', where?.account ?? run.host.account, where?.region ?? run.host.region);
  let out: Awaited<ReturnType<LambdaApi['invoke']>>;
  try {
    out = await lambda.invoke(fn, typeof payload === 'string' ? payload : json(payload ?? {}), opts);
  } catch (err) {
    throw serviceError(err, 'Lambda', false);
  }
  const text = Buffer.from(out.payload).toString('utf8');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a non-JSON payload stays a string
  }
  if (out.functionError) {
    const type = (body as { errorType?: string } | null)?.errorType;
    throw new StatesError(type ?? 'Lambda.Unknown', text);
  }
  if (bare) return body;
  return {
    ExecutedVersion: out.executedVersion,
    Payload: out.statusCode === 200 ? body : undefined,
    SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': out.executedVersion }, HttpStatusCode: out.statusCode },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: out.statusCode,
  };
}

const asText = (v: unknown) => (typeof v === 'string' || v === undefined ? v : json(v));

export async function invokeIntegration(run: StateRun, res: Resource & { kind: 'integration' }, args: unknown, deadline?: number): Promise<unknown> {
  const { host } = run;
  const input = (args ?? {}) as Record<string, unknown>;
  const where = { account: host.account, region: host.region };
  if (res.service.startsWith('aws-sdk:')) {
    const svc = res.service.slice('aws-sdk:'.length);
    const prefix = ERROR_PREFIX[svc] ?? pascal(svc);
    try {
      return await toJson(await host.backends.call(SDK_SERVICE[svc] ?? svc, pascal(res.action), input, where));
    } catch (err) {
      throw serviceError(err, prefix, true);
    }
  }
  const prefix = OPTIMIZED_PREFIX[res.service] ?? pascal(res.service);
  const call = async (service: string, op: string, params: Record<string, unknown>) => {
    try {
      return await toJson(await host.backends.call(service, op, params, where));
    } catch (err) {
      throw serviceError(err, prefix, false);
    }
  };
  switch (`${res.service}:${res.action}`) {
    case 'lambda:invoke': {
      const { FunctionName, Payload, Qualifier, InvocationType } = input as Record<string, string | undefined>;
      if (typeof FunctionName !== 'string') throw new StatesError('States.Runtime', "The field 'FunctionName' is required by lambda:invoke");
      return invokeLambda(run, FunctionName, Payload ?? {}, false, { qualifier: Qualifier, invocationType: InvocationType as 'Event' | undefined });
    }
    case 'sqs:sendMessage':
      return call('sqs', 'SendMessage', { ...input, MessageBody: asText(input.MessageBody) });
    case 'sns:publish':
      return call('sns', 'Publish', { ...input, Message: asText(input.Message) });
    case 'dynamodb:getItem':
    case 'dynamodb:putItem':
    case 'dynamodb:updateItem':
    case 'dynamodb:deleteItem':
      return call('dynamodb', pascal(res.action), input);
    case 'events:putEvents':
      return call('events', 'PutEvents', { ...input, Entries: ((input.Entries ?? []) as Record<string, unknown>[]).map((e) => ({ ...e, Detail: asText(e.Detail) })) });
    case 'states:startExecution':
      return startExecution(run, res, input, deadline);
  }
  if (RECORDED.has(res.service) && host.recordTask) return recorded(run, res, input, deadline);
  throw new StatesError('States.Runtime', `mockaws does not emulate the integration ${res.arn}`);
}

/** Services whose optimized integrations mockaws records for the test to answer. */
const RECORDED = new Set(['ecs', 'batch', 'glue', 'eks', 'sagemaker', 'emr', 'emr-containers', 'emr-serverless', 'codebuild', 'athena', 'bedrock', 'http', 'apigateway', 'glue-databrew', 'mediaconvert']);

/** Waits for the test to answer a recorded task (StepFunctionsBackend.recordedTasks). */
function recorded(run: StateRun, res: Resource & { kind: 'integration' }, parameters: unknown, deadline?: number): Promise<unknown> {
  const { host } = run;
  return host.rt.suspend<unknown>(run.thread.signal, (resume, fail) => {
    const timer = deadline === undefined ? undefined : host.rt.wake(() => fail(new StatesError('States.Timeout', '')), deadline);
    const withdraw = host.recordTask?.({
      resource: res.arn,
      parameters,
      resume: (output) => host.rt.wake(() => resume(output)),
      fail: (error, cause) => host.rt.wake(() => fail(new StatesError(error, cause))),
    });
    return () => {
      timer?.cancel();
      withdraw?.();
    };
  });
}

async function startExecution(run: StateRun, res: Resource & { kind: 'integration' }, input: Record<string, unknown>, deadline?: number): Promise<unknown> {
  const { host } = run;
  const params = { ...input, Input: asText(input.Input) };
  // the child ends through event-loop tasks, never before this fiber suspends below
  let ended: Record<string, unknown> | undefined;
  let notify: ((describe: Record<string, unknown>) => void) | undefined;
  const sync = res.pattern === 'sync' || res.pattern === 'sync:2';
  let started: Record<string, unknown>;
  try {
    started = (await toJson(
      await host.startExecution(
        params,
        sync
          ? (d) => {
              if (notify) notify(d);
              else ended = d;
            }
          : undefined,
      ),
    )) as Record<string, unknown>;
  } catch (err) {
    throw serviceError(err, 'StepFunctions', false);
  }
  if (!sync) return started;
  host.rt.event(run.thread, 'TaskSubmitted', { taskSubmittedEventDetails: { resourceType: res.resourceType, resource: res.resource, output: json(started) } });
  return host.rt.suspend<unknown>(run.thread.signal, (resume, fail) => {
    const timer = deadline === undefined ? undefined : host.rt.wake(() => fail(new StatesError('States.Timeout', '')), deadline);
    const finish = (d: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d)) if (v !== undefined) out[pascal(k)] = v instanceof Date ? v.toISOString() : v;
      if (res.pattern === 'sync:2' && typeof out.Output === 'string') out.Output = JSON.parse(out.Output);
      host.rt.wake(() => (out.Status === 'SUCCEEDED' ? resume(out) : fail(new StatesError('States.TaskFailed', json(out)))));
    };
    if (ended) finish(ended);
    else notify = finish;
    return () => timer?.cancel();
  });
}
