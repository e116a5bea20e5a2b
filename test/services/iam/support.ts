/** Shared by the IAM tests: a client, error capture, and policy documents. */
import { IAMClient } from '@aws-sdk/client-iam';

export const ACCOUNT = '123456789012';

// LimitExceeded is a throttling code to the SDK: one attempt keeps quota tests fast.
export const iam = new IAMClient({ region: 'us-east-1', maxAttempts: 1 });

export type SdkError = Error & { $metadata: { httpStatusCode: number }; $fault: string };

export async function failure(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}

export const policy = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });

export const allowS3 = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });

export const trust = (principal: object) =>
  policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

export const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
