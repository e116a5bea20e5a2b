/**
 * SSE topics: SNS keeps KmsMasterKeyId as given and asks KMS on every
 * publish, relaying KMS's refusal under its KMS* errors (listed on Publish and
 * PublishBatch in the SNS API reference).
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors
 */
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  PublishBatchCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { useMockAws } from '../lifecycle';

describe('SNS topics encrypted with a KMS key', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });

  const topic = async (Name: string, KmsMasterKeyId?: string) =>
    (await sns.send(new CreateTopicCommand({ Name, Attributes: KmsMasterKeyId ? { KmsMasterKeyId } : undefined }))).TopicArn as string;

  it('publishes through alias/aws/sns and returns the key id as given', async () => {
    const arn = await topic('enc', 'alias/aws/sns');
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes?.KmsMasterKeyId).toBe('alias/aws/sns');
    expect((await sns.send(new PublishCommand({ TopicArn: arn, Message: 'hi' }))).MessageId).toBeDefined();
  });

  it('answers KMSDisabled while the key is disabled, on Publish and PublishBatch, and publishes again once enabled', async () => {
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;
    const arn = await topic('enc-disabled', keyId);
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(sns.send(new PublishCommand({ TopicArn: arn, Message: 'x' }))).rejects.toMatchObject({
      name: 'KMSDisabledException',
      message: `arn:aws:kms:us-east-1:123456789012:key/${keyId} is disabled.`,
      $metadata: { httpStatusCode: 400 },
    });
    const batch = sns.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x' }] }));
    await expect(batch).rejects.toMatchObject({ name: 'KMSDisabledException' });
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await sns.send(new PublishCommand({ TopicArn: arn, Message: 'x' }))).MessageId).toBeDefined();
  });

  it('answers KMSNotFound for a key that does not exist, set through SetTopicAttributes', async () => {
    const arn = await topic('enc-missing');
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: 'alias/missing' }));
    await expect(sns.send(new PublishCommand({ TopicArn: arn, Message: 'x' }))).rejects.toMatchObject({
      name: 'KMSNotFoundException',
      message: 'Alias arn:aws:kms:us-east-1:123456789012:alias/missing is not found.',
    });
    // An empty value turns SSE off again.
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: '' }));
    expect((await sns.send(new PublishCommand({ TopicArn: arn, Message: 'x' }))).MessageId).toBeDefined();
  });
});
