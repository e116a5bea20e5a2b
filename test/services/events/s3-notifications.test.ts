/**
 * S3 event notifications (the wiring this branch adds in services/s3/models/notifications.ts),
 * through real S3, SQS, SNS and EventBridge clients.
 * Facts from "Event message structure" and "Using EventBridge" in the S3 user guide:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('S3 event notifications', () => {
  const aws = useMockAws();
  const s3 = new S3Client({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  let url: string;

  const drain = async (QueueUrl = url) => {
    const out = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
    for (const m of out) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    return out.map((m) => JSON.parse(m.Body as string));
  };
  const configure = (QueueConfigurations: object[], extra: object = {}) =>
    s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'bkt', NotificationConfiguration: { QueueConfigurations: QueueConfigurations as never, ...extra } }));

  beforeEach(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    url = await createQueue(sqs, 'q');
  });

  it('sends s3:TestEvent to the queue when the configuration is set', async () => {
    await configure([{ QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*'] }]);
    await aws.settle();
    expect(await drain()).toEqual([
      { Service: 'Amazon S3', Event: 's3:TestEvent', Time: expect.any(String), Bucket: 'bkt', RequestId: expect.any(String), HostId: expect.any(String) },
    ]);
  });

  it('refuses a destination that does not exist, listing each one', async () => {
    const err = await configure([
      { QueueArn: queueArn('missing'), Events: ['s3:ObjectCreated:*'] },
      { QueueArn: queueArn('q'), Events: ['s3:ObjectRemoved:*'] },
    ]).catch((e) => e);
    expect(err).toMatchObject({
      name: 'InvalidArgument',
      message: 'Unable to validate the following destination configurations',
      $metadata: { httpStatusCode: 400 },
      ArgumentName1: queueArn('missing'),
      ArgumentValue1: 'The destination queue does not exist',
    });
    expect(err.ArgumentName2).toBeUndefined();
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'k', Body: 'x' }));
    await aws.settle();
    expect(await drain()).toEqual([]); // nothing was configured
  });

  it('ObjectCreated:Put carries AWS event JSON 2.1 with a URL-encoded key, size, eTag and sequencer', async () => {
    await configure([{ Id: 'cfg', QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*'] }]);
    await aws.settle();
    await drain();
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'photos/my cat.jpg', Body: 'hello' }));
    await aws.settle();
    const [message] = await drain();
    expect(message.Records).toEqual([
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: expect.stringMatching(/^AWS:/) },
        requestParameters: { sourceIPAddress: expect.any(String) },
        responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'cfg',
          bucket: { name: 'bkt', ownerIdentity: { principalId: expect.any(String) }, arn: 'arn:aws:s3:::bkt' },
          object: { key: 'photos/my+cat.jpg', size: 5, eTag: '5d41402abc4b2a76b9719d911017c592', sequencer: expect.stringMatching(/^[0-9A-F]+$/) },
        },
      },
    ]);
  });

  it('names Copy, CompleteMultipartUpload, Delete and DeleteMarkerCreated events, each with its own sequencer', async () => {
    await configure([{ QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] }]);
    await aws.settle();
    await drain();
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'a', Body: 'x' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'c', CopySource: 'bkt/a' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'm' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'bkt', Key: 'm', UploadId, PartNumber: 1, Body: 'part' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'bkt', Key: 'm', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'a' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'bkt', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'c' }));
    await aws.settle();
    const records = (await drain()).map((m) => m.Records[0]);
    expect(records.map((r) => [r.eventName, r.s3.object.key])).toEqual([
      ['ObjectCreated:Put', 'a'],
      ['ObjectCreated:Copy', 'c'],
      ['ObjectCreated:CompleteMultipartUpload', 'm'],
      ['ObjectRemoved:Delete', 'a'],
      ['ObjectRemoved:DeleteMarkerCreated', 'c'],
    ]);
    expect(records[4].s3.object.versionId).toEqual(expect.any(String));
    const sequencers = records.map((r) => r.s3.object.sequencer);
    expect(new Set(sequencers).size).toBe(5);
  });

  it('filters on event type and on key prefix and suffix', async () => {
    await configure([
      {
        QueueArn: queueArn('q'),
        Events: ['s3:ObjectCreated:Put'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.png' }] } },
      },
    ]);
    await aws.settle();
    await drain();
    for (const Key of ['images/a.png', 'images/a.jpg', 'docs/a.png']) await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key, Body: 'x' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'images/b.png', CopySource: 'bkt/images/a.png' }));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'bkt', Key: 'images/a.png', Tagging: { TagSet: [{ Key: 't', Value: 'v' }] } }));
    await aws.settle();
    expect((await drain()).map((m) => m.Records[0].s3.object.key)).toEqual(['images/a.png']);
  });

  it('delivers to SNS topics (subject "Amazon S3 Notification")', async () => {
    const sns = new SNSClient({ region: 'us-east-1' });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const viaSns = await createQueue(sqs, 'via-sns');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('via-sns') }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({ Bucket: 'bkt', NotificationConfiguration: { TopicConfigurations: [{ TopicArn, Events: ['s3:ObjectTagging:*'] }] } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'k', Body: 'x' }));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'bkt', Key: 'k', Tagging: { TagSet: [{ Key: 't', Value: 'v' }] } }));
    await aws.settle();
    const envelopes = await drain(viaSns);
    expect(envelopes.map((e) => [e.Subject, JSON.parse(e.Message).Event ?? JSON.parse(e.Message).Records[0].eventName])).toEqual([
      ['Amazon S3 Notification', 's3:TestEvent'],
      ['Amazon S3 Notification', 'ObjectTagging:Put'],
    ]);
  });

  it('with EventBridge enabled, puts "Object Created" events on the default bus', async () => {
    const eb = new EventBridgeClient({ region: 'us-east-1' });
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'bkt', NotificationConfiguration: { EventBridgeConfiguration: {} } }));
    await eb.send(new PutRuleCommand({ Name: 'uploads', EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['bkt'] } } }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'uploads', Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'dir/a b.txt', Body: 'hey' }));
    await aws.settle();
    const [event] = await drain();
    expect(event).toMatchObject({
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bkt'],
      detail: { version: '0', bucket: { name: 'bkt' }, object: { key: 'dir/a b.txt', size: 3, etag: expect.any(String), sequencer: expect.any(String) }, reason: 'PutObject' },
    });
  });

  it('invokes Lambda destinations with the event message, and reports ObjectAcl:Put', async () => {
    const invoked: unknown[][] = [];
    // A stand-in for the Lambda backend's invoke(): this test pins what is sent, not what runs.
    const lambda = await aws.backends.get<{ invoke?: unknown }>('lambda');
    // Lambda's invoke() takes the payload as JSON text, as the Invoke API does.
    lambda.invoke = (name: string, payload: string, options: unknown) => void invoked.push([name, JSON.parse(payload), options]);
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:on-acl';
    await s3.send(
      new PutBucketNotificationConfigurationCommand({ Bucket: 'bkt', NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: fn, Events: ['s3:ObjectAcl:Put'] }] } }),
    );
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'bkt', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'k', Body: 'x' }));
    await s3.send(new PutObjectAclCommand({ Bucket: 'bkt', Key: 'k', ACL: 'private' }));
    await aws.settle();
    expect(invoked).toEqual([[fn, { Records: [expect.objectContaining({ eventName: 'ObjectAcl:Put', s3: expect.objectContaining({ object: expect.objectContaining({ key: 'k' }) }) })] }, { invocationType: 'Event' }]]);
  });

  it('works under jest fake timers', async () => {
    jest.useFakeTimers({ now: new Date('2031-03-03T03:03:03Z') });
    await configure([{ QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*'] }]);
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'k', Body: 'x' }));
    await aws.settle();
    const messages = await drain();
    expect(messages.map((m) => m.Event ?? m.Records[0].eventTime)).toEqual(['s3:TestEvent', '2031-03-03T03:03:03.000Z']);
  });
});
