/**
 * Completeness of the persisted form: state built through the SDK in several
 * services is saved with no function dropped, and a later mock loading the
 * directory encodes it to the very same document (every class, Map, key and
 * shared reference came back as it was).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAliasCommand, CreateKeyCommand, EncryptCommand, DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockAws } from '../../src/mock';
import { Persistence } from '../../src/persist/persistence';
import { stateClassLoaders } from '../../services/state-classes.generated';
import { savedSegments } from './saved';

const region = 'us-east-1';

describe('persisted state round trip', () => {
  let dir: string;
  let copyDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-roundtrip-'));
    copyDir = mkdtempSync(join(tmpdir(), 'mockaws-roundtrip-copy-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(copyDir, { recursive: true, force: true });
  });

  it('saves S3, IAM, KMS, Secrets Manager, SSM, SNS and Logs state whole and reads it back identical', async () => {
    const aws = mockAws();
    let ciphertext: Uint8Array | undefined;
    try {
      const s3 = new S3Client({ region });
      await s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'bucket-one', Tagging: { TagSet: [{ Key: '__proto__', Value: 'x' }] } }));
      await s3.send(new PutObjectCommand({ Bucket: 'bucket-one', Key: 'constructor', Body: Buffer.alloc(40 * 1024, 3) }));
      await new IAMClient({ region }).send(new CreateUserCommand({ UserName: 'u1' }));
      await new IAMClient({ region }).send(
        new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }),
      );
      const kms = new KMSClient({ region });
      const key = await kms.send(new CreateKeyCommand({}));
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyMetadata?.KeyId }));
      await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));
      ciphertext = (await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('secret') }))).CiphertextBlob;
      await new SecretsManagerClient({ region }).send(new CreateSecretCommand({ Name: 's1', SecretString: 'v' }));
      await new SSMClient({ region }).send(new PutParameterCommand({ Name: '/a/b', Value: 'v', Type: 'String' }));
      await new SNSClient({ region }).send(new CreateTopicCommand({ Name: 't1' }));
      const logs = new CloudWatchLogsClient({ region });
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'g1' }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'g1', logStreamName: 's1' }));
      await logs.send(new PutLogEventsCommand({ logGroupName: 'g1', logStreamName: 's1', logEvents: [{ timestamp: Date.now(), message: 'hi' }] }));

      const saver = await Persistence.attach(aws.dispatcher, { dir, classLoaders: stateClassLoaders, version: 'test' });
      await saver.flush();
      expect(saver.dropped).toEqual([]);
      expect(saver.stats.written).toBe(1);
      await saver.close();
    } finally {
      await aws.stop();
    }
    const saved = savedSegments(dir);

    const later = mockAws({ stateDir: dir });
    try {
      // The loaded state, saved again into another directory, is the very same segments.
      expect((await new SNSClient({ region }).send(new ListTopicsCommand({}))).Topics).toHaveLength(1);
      const again = await Persistence.attach(later.dispatcher, { dir: copyDir, classLoaders: stateClassLoaders, version: 'test' });
      await again.flush();
      await again.close();
      expect(savedSegments(copyDir)).toEqual(saved);
      expect((await new SecretsManagerClient({ region }).send(new DescribeSecretCommand({ SecretId: 's1' }))).Name).toBe('s1');
      // The KMS key material came back: it decrypts what it encrypted.
      const plain = await new KMSClient({ region }).send(new DecryptCommand({ CiphertextBlob: ciphertext }));
      expect(Buffer.from(plain.Plaintext as Uint8Array).toString()).toBe('secret');
    } finally {
      await later.stop();
    }
  });
});
