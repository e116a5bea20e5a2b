/** Shared by the IAM tests: a client, error capture, and policy documents. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** A test certificate or key from fixtures/ (see fixtures/README.md). */
export const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** An OpenSSH `ssh-rsa` public key line for a fresh RSA key. */
export function sshRsaKey(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const mpint = (b64: string) => {
    const b = Buffer.from(b64, 'base64url');
    return b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  };
  const field = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-rsa')), field(mpint(jwk.e)), field(mpint(jwk.n))]);
  return `ssh-rsa ${blob.toString('base64')} test@mockaws`;
}
