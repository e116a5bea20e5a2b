/**
 * A developer's own AWS setup never decides what a client does under
 * mockAws(): profiles (existing or not, with credential_process or SSO), web
 * identity, container and instance metadata settings are all set aside while
 * mocked and put back exactly on stop.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/mock';

const home = mkdtempSync(join(tmpdir(), 'mockaws-home-'));
const marker = join(home, 'credential-process-ran');
const tokenFile = join(home, 'web-identity-token');

/** A HOME whose ~/.aws names profiles that would run a process or log in through SSO. */
function writeAwsConfig(): void {
  mkdirSync(join(home, '.aws'), { recursive: true });
  const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAPROCESS',SecretAccessKey:'s'}))`;
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile dev]',
      `credential_process = ${process.execPath} -e ${JSON.stringify(script)}`,
      'region = eu-west-3',
      '[profile sso-dev]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_account_id = 111122223333',
      'sso_role_name = Dev',
      '',
    ].join('\n'),
  );
  writeFileSync(join(home, '.aws', 'credentials'), '[dev]\naws_access_key_id = AKIAREALDEVKEY\naws_secret_access_key = real\n');
  writeFileSync(tokenFile, 'not-a-jwt');
}

const VARS = [
  'HOME',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SDK_LOAD_CONFIG',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
];

let saved: Record<string, string | undefined>;
let metadataHits = 0;
let metadata: Server;
let metadataUrl = '';

beforeAll(async () => {
  writeAwsConfig();
  metadata = createServer((_req, res) => {
    metadataHits++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  const address = metadata.address() as { port: number };
  metadataUrl = `http://127.0.0.1:${address.port}/creds`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => metadata.close(() => resolve()));
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  for (const key of VARS) delete process.env[key];
  process.env.HOME = home;
  metadataHits = 0;
});
afterEach(() => {
  for (const key of VARS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function callerAccount(): Promise<string | undefined> {
  return (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;
}

describe('credential sources of the environment under mockAws()', () => {
  it('AWS_PROFILE naming a profile of ~/.aws with credential_process: the fake answers, the process never runs', async () => {
    process.env.AWS_PROFILE = 'dev';
    const early = new SQSClient({}); // created before the mock, resolved lazily under it
    await mockAws(async () => {
      expect(await callerAccount()).toBe('123456789012');
      expect((await early.send(new ListQueuesCommand({}))).$metadata.httpStatusCode).toBe(200);
      expect(await new STSClient({}).config.region()).toBe('us-east-1');
    });
    expect(existsSync(marker)).toBe(false);
    expect(process.env.AWS_PROFILE).toBe('dev');
  });

  it('AWS_PROFILE naming a profile that does not exist', async () => {
    process.env.AWS_PROFILE = 'no-such-profile';
    await mockAws(async () => {
      expect(process.env.AWS_PROFILE).toBeUndefined();
      expect(await callerAccount()).toBe('123456789012');
    });
    expect(process.env.AWS_PROFILE).toBe('no-such-profile');
  });

  it('AWS_DEFAULT_PROFILE, an SSO profile and AWS_SDK_LOAD_CONFIG', async () => {
    process.env.AWS_DEFAULT_PROFILE = 'sso-dev';
    process.env.AWS_SDK_LOAD_CONFIG = '1';
    await mockAws(async () => {
      expect(await callerAccount()).toBe('123456789012');
    });
    expect(process.env.AWS_DEFAULT_PROFILE).toBe('sso-dev');
    expect(process.env.AWS_SDK_LOAD_CONFIG).toBe('1');
  });

  it('web identity and container credentials settings: no token file read, no endpoint asked', async () => {
    process.env.AWS_WEB_IDENTITY_TOKEN_FILE = tokenFile;
    process.env.AWS_ROLE_ARN = 'arn:aws:iam::111122223333:role/real';
    process.env.AWS_ROLE_SESSION_NAME = 'ci';
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = metadataUrl;
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'secret';
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = metadataUrl;
    await mockAws(async () => {
      expect(await callerAccount()).toBe('123456789012');
      for (const key of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
        expect(process.env[key]).toBeUndefined();
      }
    });
    expect(metadataHits).toBe(0);
    expect(process.env.AWS_WEB_IDENTITY_TOKEN_FILE).toBe(tokenFile);
    expect(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe(metadataUrl);
    expect(process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe('secret');
    expect(process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT).toBe(metadataUrl);
  });

  it('restores the whole environment exactly, including variables it removed and set', () => {
    process.env.AWS_PROFILE = 'dev';
    process.env.AWS_SESSION_TOKEN = 'real-token';
    process.env.AWS_ROLE_ARN = 'arn:aws:iam::111122223333:role/real';
    const before = { ...process.env };
    const m = mockAws();
    expect(process.env.AWS_PROFILE).toBeUndefined();
    expect(process.env.AWS_SESSION_TOKEN).toBeUndefined();
    m.stop();
    expect({ ...process.env }).toEqual(before);
  });
});
