/**
 * SQS, DynamoDB and EventBridge through the state directory: their state used to hold closures (a queue's
 * dead-letter lookup and heap key, DynamoDB's sort orders, EventBridge's compiled patterns, schedules and
 * timers) that a saved document cannot carry. Now it holds none, and the next mock works on what was saved:
 * a message is received, a Query walks the sort order, an event matches a rule, a schedule fires again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/mock';
import { Persistence } from '../../src/persist/persistence';
import { stateClassLoaders } from '../../services/state-classes.generated';

const region = 'us-east-1';
const sqs = new SQSClient({ region });
const ddb = new DynamoDBClient({ region });
const events = new EventBridgeClient({ region });

describe('state directory: services that held closures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-closures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves SQS, DynamoDB and EventBridge with nothing dropped, and the next mock works on them', async () => {
    const first = mockAws();
    let queueUrl = '';
    let queueArn = '';
    try {
      queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'work' }))).QueueUrl as string;
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'work-dlq' }));
      queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn as string;
      const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
      await sqs.send(new CreateQueueCommand({ QueueName: 'redriven', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }));
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'before the restart' }));
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'delayed', DelaySeconds: 5 }));
      await ddb.send(
        new CreateTableCommand({
          TableName: 'scores',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'N' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      for (const n of ['10', '9', '100', '-1']) await ddb.send(new PutItemCommand({ TableName: 'scores', Item: { pk: { S: 'p' }, n: { N: n } } }));
      await events.send(new PutRuleCommand({ Name: 'orders', EventPattern: JSON.stringify({ source: ['shop'] }) }));
      await events.send(new PutTargetsCommand({ Rule: 'orders', Targets: [{ Id: 'q', Arn: queueArn }] }));
      await events.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' }));
      await events.send(new PutTargetsCommand({ Rule: 'tick', Targets: [{ Id: 'q', Arn: queueArn }] }));

      const saver = await Persistence.attach(first.dispatcher, { dir, classLoaders: stateClassLoaders, version: 'test' });
      await saver.flush();
      expect(saver.dropped).toEqual([]);
      await saver.close();
    } finally {
      await first.stop();
    }

    const later = mockAws({ stateDir: dir });
    try {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
      expect(got.Messages?.map((m) => m.Body)).toEqual(['before the restart']);
      // Numbers in numeric order, not text order: the range key's order came back.
      const q = await ddb.send(new QueryCommand({ TableName: 'scores', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }));
      expect(q.Items?.map((i) => i.n.N)).toEqual(['-1', '9', '10', '100']);
      await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'order', Detail: '{"id":1}' }] }));
      await later.settle();
      const delivered = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      expect(delivered.Messages?.map((m) => JSON.parse(m.Body as string).source)).toContain('shop');
      // A minute on: the delayed message came due (the timed heap came back), and the schedule rule,
      // re-armed on load, fired into the queue.
      later.clock.advance(61_000);
      await later.settle();
      const bodies = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }))).Messages?.map((m) => m.Body as string) ?? [];
      expect(bodies).toContain('delayed');
      expect(bodies.filter((b) => b.startsWith('{')).map((b) => JSON.parse(b)['detail-type'])).toContain('Scheduled Event');
    } finally {
      await later.stop();
    }
  });
});
