/**
 * SSE-KMS bodies (SQS developer guide, "Encryption at rest in Amazon SQS", "Amazon SQS Key management"):
 * SQS encrypts the message body (not its attributes) with a data key from KMS GenerateDataKey, stores the
 * encrypted data key with the message and decrypts on delivery; a data key is reused for
 * KmsDataKeyReusePeriodSeconds before KMS is called again. The encryption context is the queue's ARN
 * under `aws:sqs:arn`.
 */
import { createDecipheriv } from 'node:crypto';
import { CreateKeyCommand, DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { StoredMessage } from '../../../services/sqs/models/message-store';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from './support';

describe('SQS SSE-KMS message bodies', () => {
  const m = useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });

  async function stored(name: string): Promise<StoredMessage[]> {
    const queue = (await m.backends.sqs()).getQueue(name);
    return [...queue.store.inOrder()];
  }

  it('stores the body sealed under a data key KMS made for the queue, and delivers it decrypted', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const url = await createQueue(sqs, 'orders', { KmsMasterKeyId: KeyMetadata!.KeyId! });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'card 4111-1111', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }));
    const [msg] = await stored('orders');
    // No plaintext is kept: the stored body is empty and the sealed bytes do not contain the text.
    expect(msg.body).toBe('');
    // In-process readers that take messages without ReceiveMessage (Lambda's SQS event source) open it through KMS.
    const queue = (await m.backends.sqs()).getQueue('orders');
    expect(await queue.bodyOf(msg, m.dispatcher.backends, Date.now())).toBe('card 4111-1111');
    const sealed = msg.sealed!;
    expect(sealed.data.includes(Buffer.from('card'))).toBe(false);
    // The stored data key is a real KMS ciphertext: KMS decrypts it, with the queue ARN as context only.
    const context = { 'aws:sqs:arn': queueArn('orders') };
    const dataKey = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.dataKey, EncryptionContext: context }));
    expect(dataKey.KeyId).toBe(KeyMetadata!.Arn);
    expect(dataKey.Plaintext?.length).toBe(32);
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: sealed.dataKey }))).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    const d = createDecipheriv('aes-256-gcm', Buffer.from(dataKey.Plaintext!), sealed.iv);
    d.setAuthTag(sealed.tag);
    expect(Buffer.concat([d.update(sealed.data), d.final()]).toString()).toBe('card 4111-1111');
    // Attributes are not encrypted (SSE covers the body only).
    expect(msg.attributes?.kind.StringValue).toBe('order');
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }));
    expect(got.Messages?.[0].Body).toBe('card 4111-1111');
    expect(got.Messages?.[0].MessageAttributes?.kind.StringValue).toBe('order');
  });

  it('reuses a data key for KmsDataKeyReusePeriodSeconds on the clock, then asks KMS for a new one', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const url = await createQueue(sqs, 'reuse', { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    jest.advanceTimersByTime(59_000);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'two' }, { Id: 'b', MessageBody: 'three' }] }));
    jest.advanceTimersByTime(2_000);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'four' }));
    const keys = (await stored('reuse')).map((s) => s.sealed!.dataKey.toString('base64'));
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((x) => x.Body).sort()).toEqual(['four', 'one', 'three', 'two']);
  });

  it('decrypts a message under the key that sealed it after the queue changed keys, and keeps it sealed in a dead-letter queue', async () => {
    const first = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const second = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const dlq = await createQueue(sqs, 'dead');
    const url = await createQueue(sqs, 'moving', {
      KmsMasterKeyId: first,
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dead'), maxReceiveCount: 1 }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'old key' }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: second } }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
    expect(got.Messages?.[0].Body).toBe('old key');
    // The second receive moves it to the dead-letter queue (maxReceiveCount 1): still sealed there, still readable.
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const [moved] = await stored('dead');
    expect(moved.sealed).toBeDefined();
    expect(moved.body).toBe('');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq }))).Messages?.[0].Body).toBe('old key');
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['KmsMasterKeyId'] }));
    expect(attrs.Attributes?.KmsMasterKeyId).toBe(second);
  });

  it('stores bodies of queues without a KMS key as they are', async () => {
    const url = await createQueue(sqs, 'plain');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'clear' }));
    const [msg] = await stored('plain');
    expect(msg.sealed).toBeUndefined();
    expect(msg.body).toBe('clear');
  });
});
