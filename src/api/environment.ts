/**
 * Fake credentials and a region in the environment while mocking, as Moto
 * does, so a bare `new S3Client({})` resolves credentials and a region at
 * once: from the environment, without reading ~/.aws or asking the instance
 * metadata service. Every variable is put back as it was on restore().
 *
 * Nothing else the developer's environment says about credentials may decide
 * what a client does: with `AWS_PROFILE` set, the SDK's default chain skips
 * the environment keys and reads the profile (SSO, credential_process, role
 * chains), so the profile variables, web identity, container and instance
 * metadata settings are all removed while mocked.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REGION } from '../core/ids';

/** The example key pair of the AWS documentation: never valid on real AWS. */
export const FAKE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const FAKE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A shared config/credentials file path that does not exist: the SDK then reads no profile. */
const NO_FILE = join(tmpdir(), 'mockaws-no-aws-config', 'absent');

/** Variables set to fake values while mocked. */
const FAKED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
] as const;

/** Variables that would pick another credential source (v3 and v2 SDKs): removed while mocked. */
const REMOVED = [
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CREDENTIAL_SCOPE',
  'AWS_ACCOUNT_ID',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SDK_LOAD_CONFIG',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_EC2_METADATA_V1_DISABLED',
  'AWS_SSO_SESSION',
] as const;

const MANAGED = [...FAKED, ...REMOVED];

/** The region a mock uses when its options name none: the environment's, else us-east-1. */
export function defaultRegion(): string {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || DEFAULT_REGION;
}

export class FakeEnvironment {
  private saved: Map<string, string | undefined> | undefined;

  /** Set the fake variables (saving the real ones the first time). */
  apply(region: string): void {
    const env = process.env;
    if (!this.saved) {
      this.saved = new Map(MANAGED.map((key) => [key, Object.hasOwn(env, key) ? env[key] : undefined]));
    }
    for (const key of REMOVED) delete env[key];
    env.AWS_ACCESS_KEY_ID = FAKE_ACCESS_KEY_ID;
    env.AWS_SECRET_ACCESS_KEY = FAKE_SECRET_ACCESS_KEY;
    env.AWS_REGION = region;
    env.AWS_EC2_METADATA_DISABLED = 'true';
    env.AWS_CONFIG_FILE = NO_FILE;
    env.AWS_SHARED_CREDENTIALS_FILE = NO_FILE;
  }

  restore(): void {
    if (!this.saved) return;
    for (const [key, value] of this.saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.saved = undefined;
  }
}
