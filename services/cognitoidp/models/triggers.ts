/**
 * Lambda triggers: the pool's LambdaConfig names a function per event, which
 * runs through the Lambda backend's public `invoke` with the event shape
 * Cognito sends. A function error becomes UserLambdaValidationException
 * ("<Trigger> failed with error <message>."), as Cognito reports it.
 */
import type { BackendContext } from '../../../src/core/service';
import { AwsError } from '../../../src/core/errors';
import { invalidLambdaResponse, unexpectedLambda, userLambdaValidation } from '../exceptions';
import type { UserPool } from './pool';
import type { PoolUser } from './user';

/** What Cognito needs of Lambda's backend (services reach each other only through backends). */
interface LambdaInvoker {
  invoke(
    nameOrArn: string,
    payload: string,
    opts?: { invocationType?: 'RequestResponse' },
  ): Promise<{ payload: Uint8Array; functionError?: string }>;
}

export type TriggerName =
  | 'PreSignUp'
  | 'CustomMessage'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration';

export function triggerArn(pool: UserPool, name: TriggerName): string | undefined {
  const config = pool.settings.LambdaConfig;
  if (!config) return undefined;
  if (name === 'PreTokenGeneration') return config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
  return config[name];
}

/** Which event version the pre token generation trigger gets (V1_0 unless PreTokenGenerationConfig says V2_0/V3_0). */
export function preTokenVersion(pool: UserPool): string {
  return pool.settings.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion ?? 'V1_0';
}

export interface TriggerCall {
  pool: UserPool;
  name: TriggerName;
  source: string;
  clientId?: string;
  username: string;
  user?: PoolUser;
  request: Record<string, unknown>;
  response?: Record<string, unknown>;
  version?: string;
}

/** Runs the trigger when the pool has one; resolves to the event's `response` as the function returned it. */
export async function runTrigger(ctx: BackendContext, call: TriggerCall): Promise<Record<string, any> | undefined> {
  const arn = triggerArn(call.pool, call.name);
  if (!arn) return undefined;
  const event = {
    version: call.version ?? '1',
    region: ctx.region,
    userPoolId: call.pool.id,
    userName: call.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
    triggerSource: call.source,
    request: call.request,
    response: call.response ?? {},
  };
  const lambda = await ctx.backends.get<LambdaInvoker>('lambda', ctx.account, ctx.region);
  let result: { payload: Uint8Array; functionError?: string };
  try {
    result = await lambda.invoke(arn, JSON.stringify(event));
  } catch (err) {
    const why = err instanceof AwsError ? err.message : String(err);
    throw unexpectedLambda(`${call.name} invocation failed due to error ${why}.`);
  }
  const text = Buffer.from(result.payload).toString('utf8');
  if (result.functionError) {
    let message = text;
    try {
      message = JSON.parse(text).errorMessage ?? text;
    } catch {}
    throw userLambdaValidation(`${call.name} failed with error ${message}.`);
  }
  try {
    const out = JSON.parse(text);
    return (out && typeof out === 'object' ? out.response : undefined) ?? {};
  } catch {
    throw invalidLambdaResponse(`Unrecognizable lambda output`);
  }
}

/** The user's attributes as a trigger event carries them (`userAttributes`). */
export function userAttributesOf(user: PoolUser): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of user.attributes) out[name] = value;
  out['cognito:user_status'] = user.status;
  return out;
}
