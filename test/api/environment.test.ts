import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { mockAws } from '../../src/mock';

const KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

describe('the fake environment', () => {
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
    for (const key of KEYS) delete process.env[key];
  });
  afterEach(() => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('gives a bare client fake credentials and us-east-1', async () => {
    await mockAws(async () => {
      const s3 = new S3Client({});
      const credentials = await s3.config.credentials();
      expect(credentials.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
      expect(credentials.sessionToken).toBeUndefined();
      expect(await s3.config.region()).toBe('us-east-1');
    });
  });

  it('puts every variable back on stop, removing the ones it added', () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAREALKEY';
    process.env.AWS_SESSION_TOKEN = 'real-token';
    const m = mockAws();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(process.env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    m.stop();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIAREALKEY');
    expect(process.env.AWS_SESSION_TOKEN).toBe('real-token');
    for (const key of ['AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONFIG_FILE']) {
      expect(process.env[key]).toBeUndefined();
    }
  });

  it('uses the region option, else AWS_REGION, else AWS_DEFAULT_REGION', async () => {
    process.env.AWS_DEFAULT_REGION = 'ap-south-1';
    await mockAws(async (m) => {
      expect(m.region).toBe('ap-south-1');
      expect(await new S3Client({}).config.region()).toBe('ap-south-1');
    });
    process.env.AWS_REGION = 'eu-north-1';
    await mockAws(async (m) => {
      expect(m.region).toBe('eu-north-1');
    });
    await mockAws(
      async (m) => {
        expect(m.region).toBe('eu-west-3');
        expect(await new S3Client({}).config.region()).toBe('eu-west-3');
      },
      { region: 'eu-west-3' },
    );
    expect(process.env.AWS_REGION).toBe('eu-north-1');
  });

  it('reads no shared config or credentials file while active', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockaws-env-'));
    writeFileSync(join(dir, 'config'), '[default]\nregion = sa-east-1\nuse_fips_endpoint = true\n');
    writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAFROMFILE\naws_secret_access_key = x\n');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    await mockAws(async () => {
      const s3 = new S3Client({});
      expect(await s3.config.useFipsEndpoint()).toBe(false);
      expect((await s3.config.credentials()).accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    });
    expect(process.env.AWS_CONFIG_FILE).toBe(join(dir, 'config'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an account that is not 12 digits and an unknown service id', () => {
    expect(() => mockAws({ account: '1234' })).toThrow("mockaws: account must be 12 digits, got '1234'");
    expect(() => mockAws({ services: ['s3', 'nope'] })).toThrow(/unknown service 'nope'; known: s3, dynamodb/);
    expect(() => mockAws({ region: 'Mars' })).toThrow("mockaws: 'Mars' is not a region name");
  });
});
