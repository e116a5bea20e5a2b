/**
 * Encryption at rest with KMS: SSESpecification Enabled: true encrypts with
 * the AWS managed key alias/aws/dynamodb unless a key is named (by id, ARN,
 * alias name or alias ARN); SSEDescription.KMSMasterKeyArn is the key's ARN.
 * A key DynamoDB cannot use makes the table INACCESSIBLE_ENCRYPTION_CREDENTIALS
 * (with InaccessibleEncryptionDateTime) and item operations fail with the KMS
 * error relayed as AccessDeniedException.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html (TableStatus)
 */
import {
  CreateBackupCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB encryption at rest with KMS keys', () => {
  useMockAws();
  const ddb = client();
  const kms = new KMSClient({ region: 'us-east-1' });
  const keyArn = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;
  const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;
  const describe_ = async (name: string) => (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;


  it('uses the AWS managed key alias/aws/dynamodb when no key is named', async () => {
    const created = await createTable(ddb, 'managed', undefined, { SSESpecification: { Enabled: true } });
    const managed = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/dynamodb' }));
    expect(managed.KeyMetadata?.KeyManager).toBe('AWS');
    expect(created.TableDescription?.SSEDescription).toEqual({ Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: managed.KeyMetadata?.Arn });
  });

  it('answers the ARN of a key named by alias, and no SSEDescription for the AWS owned key', async () => {
    const keyId = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/tables', TargetKeyId: keyId }));
    const created = await createTable(ddb, 'aliased', undefined, { SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/tables' } });
    expect(created.TableDescription?.SSEDescription?.KMSMasterKeyArn).toBe(keyArn(keyId));
    const plain = await createTable(ddb, 'plain', undefined, { SSESpecification: { Enabled: false } });
    expect(plain.TableDescription?.SSEDescription).toBeUndefined();
  });

  it('refuses a key that does not exist with the KMS error relayed as AccessDeniedException, creating nothing', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const err = await errorOf(createTable(ddb, 'nokey', undefined, { SSESpecification: { Enabled: true, KMSMasterKeyId: missing } }));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain(`KMS key access denied error: com.amazonaws.services.kms.model.NotFoundException: Key '${keyArn(missing)}' does not exist`);
    expect((await errorOf(ddb.send(new DescribeTableCommand({ TableName: 'nokey' })))).name).toBe('ResourceNotFoundException');
  });

  it('turns INACCESSIBLE_ENCRYPTION_CREDENTIALS and refuses item operations while its key is disabled', async () => {
    const keyId = await newKey();
    await createTable(ddb, 'locked', undefined, { SSESpecification: { Enabled: true, KMSMasterKeyId: keyId } });
    await ddb.send(new PutItemCommand({ TableName: 'locked', Item: { pk: { S: 'a' } } }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const table = await describe_('locked');
    expect(table?.TableStatus).toBe('INACCESSIBLE_ENCRYPTION_CREDENTIALS');
    expect(table?.SSEDescription?.Status).toBe('ENABLED');
    expect(table?.SSEDescription?.InaccessibleEncryptionDateTime).toBeInstanceOf(Date);
    const err = await errorOf(ddb.send(new GetItemCommand({ TableName: 'locked', Key: { pk: { S: 'a' } } })));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain(`com.amazonaws.services.kms.model.DisabledException: ${keyArn(keyId)} is disabled.`);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    const again = await describe_('locked');
    expect(again?.TableStatus).toBe('ACTIVE');
    expect(again?.SSEDescription?.InaccessibleEncryptionDateTime).toBeUndefined();
    expect((await ddb.send(new GetItemCommand({ TableName: 'locked', Key: { pk: { S: 'a' } } }))).Item).toEqual({ pk: { S: 'a' } });
  });

  it('switches keys with UpdateTable and keeps the key through a backup restore', async () => {
    await createTable(ddb, 'switch');
    const keyId = await newKey();
    const updated = await ddb.send(new UpdateTableCommand({ TableName: 'switch', SSESpecification: { Enabled: true, KMSMasterKeyId: keyArn(keyId) } }));
    expect(updated.TableDescription?.SSEDescription?.KMSMasterKeyArn).toBe(keyArn(keyId));
    const backup = await ddb.send(new CreateBackupCommand({ TableName: 'switch', BackupName: 'bak' }));
    const restored = await ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'switch2', BackupArn: backup.BackupDetails?.BackupArn }));
    expect(restored.TableDescription?.SSEDescription?.KMSMasterKeyArn).toBe(keyArn(keyId));
  });
});
