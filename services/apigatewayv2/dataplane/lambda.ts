/**
 * Lambda behind API Gateway: the function an integration or authorizer URI
 * names, invoked through the Lambda backend's public `invoke` (the function
 * runs as Invoke runs it).
 */
import type { BackendAccess } from '../../../src/core/service';

/** What this service uses of the Lambda backend (services/lambda/models/backend.ts). */
interface LambdaInvoker {
  invoke(nameOrArn: string, payload: string): Promise<{ statusCode: number; payload: Uint8Array; functionError?: string }>;
}

export type LambdaOutcome = { ok: true; payload: string } | { ok: false; reason: string; errorMessage?: string };

const FUNCTION_ARN = /arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?/;

/**
 * The function ARN in an integration URI: the ARN itself (HTTP APIs) or the
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations` form,
 * after `${stageVariables.x}` are put in.
 */
export function functionArnOf(uri: string, stageVariables: Record<string, string> = {}): string | undefined {
  const resolved = uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => stageVariables[name] ?? '');
  return FUNCTION_ARN.exec(resolved)?.[0];
}

/** Invokes the function with `event`; a function error, a missing function or a throttle is a failure. */
export async function invokeLambda(backends: BackendAccess, functionArn: string, event: unknown): Promise<LambdaOutcome> {
  const m = FUNCTION_ARN.exec(functionArn);
  if (!m) return { ok: false, reason: `not a function ARN: ${functionArn}` };
  try {
    const lambda = await backends.get<LambdaInvoker>('lambda', m[2], m[1]);
    const out = await lambda.invoke(functionArn, JSON.stringify(event));
    if (out.functionError) {
      let errorMessage: string | undefined;
      try {
        errorMessage = JSON.parse(Buffer.from(out.payload).toString('utf8')).errorMessage;
      } catch {
        errorMessage = undefined;
      }
      return { ok: false, reason: `function error ${out.functionError}`, errorMessage };
    }
    return { ok: true, payload: Buffer.from(out.payload).toString('utf8') };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}
