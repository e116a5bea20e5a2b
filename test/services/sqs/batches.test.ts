import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS batch operations', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  let QueueUrl: string;
  beforeEach(async () => {
    QueueUrl = await createQueue(sqs, 'q');
  });

  it('sends a batch, reporting per-entry failures without failing the request', async () => {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok', MessageBody: 'hello' },
          { Id: 'bad', MessageBody: 'x', DelaySeconds: 1000 },
        ],
      }),
    );
    expect(out.Successful).toEqual([
      expect.objectContaining({ Id: 'ok', MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592' }),
    ]);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue' })]);
  });

  it('refuses empty, oversized, duplicate-id and bad-id batches', async () => {
    const send = (Entries: Array<{ Id: string; MessageBody: string }>) =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries })).catch((e) => e);
    const empty = await send([]);
    expect(empty.name).toBe('EmptyBatchRequest');
    expect(empty.Code).toBe('AWS.SimpleQueueService.EmptyBatchRequest');
    const many = await send(Array.from({ length: 11 }, (_, i) => ({ Id: `i${i}`, MessageBody: 'x' })));
    expect(many.name).toBe('TooManyEntriesInBatchRequest');
    expect(many.message).toBe('Maximum number of entries per request are 10. You have sent 11.');
    const dup = await send([
      { Id: 'a', MessageBody: 'x' },
      { Id: 'a', MessageBody: 'y' },
    ]);
    expect(dup.name).toBe('BatchEntryIdsNotDistinct');
    expect((await send([{ Id: 'has space', MessageBody: 'x' }])).name).toBe('InvalidBatchEntryId');
    const big = await send([
      { Id: 'a', MessageBody: 'x'.repeat(600_000) },
      { Id: 'b', MessageBody: 'x'.repeat(600_000) },
    ]);
    expect(big.name).toBe('BatchRequestTooLong');
  });

  it('deletes and changes visibility in batches with per-entry receipt-handle errors', async () => {
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'a' }, { Id: 'b', MessageBody: 'b' }] }),
    );
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(2);
    const vis = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', ReceiptHandle: Messages[0].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'z', ReceiptHandle: 'nope', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(vis.Successful).toEqual([{ Id: 'a' }]);
    expect(vis.Failed).toEqual([expect.objectContaining({ Id: 'z', Code: 'ReceiptHandleIsInvalid', SenderFault: true })]);
    const del = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'b', ReceiptHandle: Messages[1].ReceiptHandle },
          { Id: 'z', ReceiptHandle: 'nope' },
        ],
      }),
    );
    expect(del.Successful).toEqual([{ Id: 'b' }]);
    expect(del.Failed?.[0]).toMatchObject({ Id: 'z', Code: 'ReceiptHandleIsInvalid' });
    const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(left.Messages?.map((x) => x.Body)).toEqual(['a']);
  });
});
