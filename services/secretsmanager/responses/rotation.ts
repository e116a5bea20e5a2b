/**
 * Rotation: RotateSecret creates the AWSPENDING version and runs the rotation
 * Lambda's four steps (createSecret, setSecret, testSecret, finishSecret)
 * through the Lambda backend's `invoke`, as Secrets Manager invokes them. The
 * schedule (RotationRules) is stored, NextRotationDate reported, and a due
 * rotation runs when the secret is next read (rotateIfDue).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { invalidParameter, invalidRequest, smError } from '../exceptions';
import type { Secret } from '../models/secret';
import type * as T from '../types';
import { type Ctx, checkWritable } from './common';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What Secrets Manager needs of the Lambda backend, when one is there. */
interface LambdaApi {
  invoke(functionName: string, payload: Buffer, options: { invocationType: 'RequestResponse' }): Promise<unknown>;
}

function cannotInvoke() {
  return smError(
    'AccessDeniedException',
    'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
  );
}

/** The rules' interval in milliseconds, after checking them (API reference, RotationRulesType). */
function checkRules(rules: T.RotationRulesType | undefined): number | undefined {
  if (!rules) return undefined;
  if (rules.AutomaticallyAfterDays !== undefined && rules.ScheduleExpression !== undefined) {
    throw invalidParameter('You cannot specify both rotation frequency and schedule expression together.');
  }
  if (rules.Duration !== undefined && !/^[1-9]\d*h$/.test(rules.Duration)) {
    throw invalidParameter('Invalid rotation Duration: it must be a number of hours, for example 3h.');
  }
  if (rules.Duration !== undefined && Number(rules.Duration.slice(0, -1)) > 24) {
    throw invalidParameter('The rotation Duration can be at most 24 hours.');
  }
  if (rules.AutomaticallyAfterDays !== undefined) {
    if (rules.AutomaticallyAfterDays < 1 || rules.AutomaticallyAfterDays > 1000) {
      throw invalidParameter('AutomaticallyAfterDays must be between 1 and 1000.');
    }
    return rules.AutomaticallyAfterDays * DAY;
  }
  if (rules.ScheduleExpression !== undefined) {
    const rate = /^rate\((\d+) (hour|hours|day|days)\)$/.exec(rules.ScheduleExpression);
    if (rate) {
      const n = Number(rate[1]);
      const ms = rate[2].startsWith('hour') ? n * HOUR : n * DAY;
      if (ms < 4 * HOUR || ms > 1000 * DAY) throw invalidParameter('The rotation rate must be between 4 hours and 1000 days.');
      return ms;
    }
    if (!/^cron\(.+\)$/.test(rules.ScheduleExpression)) {
      throw invalidParameter('Invalid ScheduleExpression: use rate(...) or cron(...).');
    }
  }
  return undefined;
}

function functionError(result: unknown): boolean {
  if (!result || typeof result !== 'object') return false;
  const r = result as Record<string, unknown>;
  return Boolean(r.FunctionError ?? r.functionError);
}

async function lambdaOf(ctx: Ctx, lambdaArn: string): Promise<LambdaApi> {
  const region = lambdaArn.startsWith('arn:') ? lambdaArn.split(':')[3] || ctx.region : ctx.region;
  let backend: unknown;
  try {
    backend = await ctx.backends.get('lambda', ctx.account, region);
  } catch {
    throw cannotInvoke();
  }
  if (!backend || typeof (backend as LambdaApi).invoke !== 'function') throw cannotInvoke();
  return backend as LambdaApi;
}

/** Runs one step; false when the function reported an error (the rotation stops there, as in AWS). */
async function step(lambda: LambdaApi, lambdaArn: string, secret: Secret, token: string, name: string): Promise<boolean> {
  const event = { Step: name, SecretId: secret.arn, ClientRequestToken: token, RotationToken: token };
  try {
    const result = await lambda.invoke(lambdaArn, Buffer.from(JSON.stringify(event)), { invocationType: 'RequestResponse' });
    return !functionError(result);
  } catch (err) {
    if (isAwsError(err)) throw cannotInvoke();
    throw err;
  }
}

/**
 * Creates the AWSPENDING version and runs the steps. Returns false when a step
 * reported an error (the rotation stops there, AWSPENDING stays, as in AWS).
 * Throws AccessDeniedException, after undoing the stub, when the function
 * cannot be invoked at all.
 */
async function perform(secret: Secret, lambda: LambdaApi, lambdaArn: string, token: string, immediately: boolean) {
  const createdStub = !secret.versions.has(token);
  if (createdStub) secret.versions.set(token, { id: token, createdAt: clock.now() });
  secret.moveLabel('AWSPENDING', token);
  const dropStub = () => {
    if (secret.labels.get('AWSPENDING') === token) secret.removeLabel('AWSPENDING');
    if (createdStub && !secret.versions.get(token)?.ciphertext) secret.versions.delete(token);
  };
  const steps = immediately ? ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] : ['testSecret'];
  let completed = true;
  try {
    for (const name of steps) {
      if (!(await step(lambda, lambdaArn, secret, token, name))) {
        completed = false;
        break;
      }
    }
  } catch (err) {
    dropStub();
    throw err;
  }
  if (!immediately) {
    dropStub();
  } else if (secret.labels.get('AWSCURRENT') === token) {
    // finishSecret moved AWSCURRENT: the rotation succeeded and AWSPENDING comes off.
    secret.removeLabel('AWSPENDING');
    secret.lastRotatedAt = clock.now();
  }
  return completed;
}

export async function rotateSecret(input: T.RotateSecretRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const lambdaArn = input.RotationLambdaARN ?? secret.rotationLambdaArn;
  if (!lambdaArn) throw invalidRequest('No Lambda rotation function ARN is associated with this secret.');
  const interval = checkRules(input.RotationRules);
  const token = input.ClientRequestToken ?? randomUUID();
  const pending = secret.labels.get('AWSPENDING');
  if (pending !== undefined && pending !== token && pending !== secret.labels.get('AWSCURRENT')) {
    throw invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
  }
  const lambda = await lambdaOf(ctx, lambdaArn);
  const previous = {
    rotationLambdaArn: secret.rotationLambdaArn,
    rotationRules: secret.rotationRules,
    rotationEnabled: secret.rotationEnabled,
    nextRotationAt: secret.nextRotationAt,
  };
  secret.rotationLambdaArn = lambdaArn;
  if (input.RotationRules) secret.rotationRules = input.RotationRules;
  secret.rotationEnabled = true;
  const every = interval ?? checkRules(secret.rotationRules);
  secret.nextRotationAt = every !== undefined ? clock.now() + every : undefined;
  const immediately = input.RotateImmediately !== false;
  try {
    await perform(secret, lambda, lambdaArn, token, immediately);
  } catch (err) {
    // The function could not be invoked at all: nothing of this rotation stays.
    Object.assign(secret, previous);
    throw err;
  }
  return { ARN: secret.arn, Name: secret.name, VersionId: immediately ? token : undefined };
}

/**
 * Scheduled rotation: when a read finds the rotation date passed on the clock,
 * the rotation runs then (AWS runs it in the background at that time). A
 * failure is recorded as AWS records it, by leaving AWSPENDING, never thrown
 * at the reader.
 */
export async function rotateIfDue(ctx: Ctx, secret: Secret): Promise<void> {
  const due = secret.nextRotationAt;
  if (!secret.rotationEnabled || due === undefined || due > clock.now() || !secret.rotationLambdaArn || secret.primaryRegion) return;
  const every = checkRules(secret.rotationRules);
  // Move the date first, so the rotation function's own reads do not start another rotation.
  secret.nextRotationAt = every !== undefined ? Math.max(due + every, clock.now() + 1) : undefined;
  const pending = secret.labels.get('AWSPENDING');
  if (pending !== undefined && pending !== secret.labels.get('AWSCURRENT')) return;
  try {
    const lambda = await lambdaOf(ctx, secret.rotationLambdaArn);
    await perform(secret, lambda, secret.rotationLambdaArn, randomUUID(), true);
  } catch (err) {
    if (!isAwsError(err)) throw err;
  }
}

export function cancelRotateSecret(input: T.CancelRotateSecretRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const pending = secret.labels.get('AWSPENDING');
  secret.rotationEnabled = false;
  secret.nextRotationAt = undefined;
  if (pending !== undefined && pending !== secret.labels.get('AWSCURRENT')) {
    secret.removeLabel('AWSPENDING');
    if (!secret.versions.get(pending)?.ciphertext) secret.versions.delete(pending);
  }
  return { ARN: secret.arn, Name: secret.name, VersionId: pending };
}
