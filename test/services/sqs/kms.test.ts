/**
 * SSE-KMS queues: SQS keeps KmsMasterKeyId as given and asks KMS on every
 * send and receive, relaying KMS's refusal under its Kms* codes (the model
 * lists them on SendMessage, SendMessageBatch and ReceiveMessage only).
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html#API_SendMessage_Errors
 */
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createRequest } from '../../../src/core/request';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS queues encrypted with a KMS key', () => {
  const m = useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });
  const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;

  it('keeps alias/aws/sqs as given, defaults the data key reuse period, and sends and receives', async () => {
    const url = await createQueue(sqs, 'enc', { KmsMasterKeyId: 'alias/aws/sqs' });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'secret' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(got.Messages?.[0].Body).toBe('secret');
    // The first use created the AWS managed key behind the alias, as AWS does.
    const managed = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sqs' }));
    expect(managed.KeyMetadata?.KeyManager).toBe('AWS');
  });

  it('answers KmsDisabled on send, batch send and receive while the key is disabled, and works again once enabled', async () => {
    const keyId = await newKey();
    const url = await createQueue(sqs, 'enc-disabled', { KmsMasterKeyId: keyId });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'before' }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const arn = `arn:aws:kms:us-east-1:123456789012:key/${keyId}`;
    const send = sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await expect(send).rejects.toMatchObject({ name: 'KmsDisabled', message: `${arn} is disabled.`, $metadata: { httpStatusCode: 400 } });
    const batch = sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x' }] }));
    await expect(batch).rejects.toMatchObject({ name: 'KmsDisabled' });
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).rejects.toMatchObject({ name: 'KmsDisabled' });
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(['before']);
  });

  it('accepts a key that does not exist at CreateQueue and answers KmsNotFound on send', async () => {
    const url = await createQueue(sqs, 'enc-missing', { KmsMasterKeyId: 'alias/no-such-key' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'KmsNotFound',
      message: 'Alias arn:aws:kms:us-east-1:123456789012:alias/no-such-key is not found.',
    });
  });

  it('answers KmsInvalidKeyUsage for a signing key, and KMS.DisabledException over the query protocol', async () => {
    const signing = (await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'ECC_NIST_P256' }))).KeyMetadata?.KeyId as string;
    const url = await createQueue(sqs, 'enc-sign', { KmsMasterKeyId: signing });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toMatchObject({ name: 'KmsInvalidKeyUsage' });
    const keyId = await newKey();
    await createQueue(sqs, 'enc-query', { KmsMasterKeyId: keyId });
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const res = await m.dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: 'https://sqs.us-east-1.amazonaws.com/123456789012/enc-query',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ Action: 'SendMessage', Version: '2012-11-05', MessageBody: 'x' }).toString(),
      }),
    );
    expect(res.status).toBe(400);
    expect((res.body as Buffer).toString('utf8')).toContain('<Code>KMS.DisabledException</Code>');
  });

  it('answers KmsInvalidState for a key pending deletion, set through SetQueueAttributes', async () => {
    const keyId = await newKey();
    const url = await createQueue(sqs, 'enc-later');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toMatchObject({ name: 'KmsInvalidState' });
  });
});
