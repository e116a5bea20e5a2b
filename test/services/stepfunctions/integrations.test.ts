/**
 * Service integrations: the optimized DynamoDB, SQS, SNS, EventBridge and
 * Step Functions (.sync, .sync:2) integrations, AWS SDK integrations
 * (`aws-sdk:<service>:<action>`) with errors named `<Service>.<Error>` as the
 * developer guide's "AWS SDK service integrations" page describes
 * (PascalCase service, `Exception` appended when the error lacks it), and
 * a distributed Map reading its items from S3.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { StepFunctionsBackend } from '../../../services/stepfunctions/models/backend';
import { useMockAws } from '../lifecycle';
import { createMachine, describe as describeExec, history, run, sfnClient, single, types } from './support';

describe('Step Functions integrations', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  const ddb = new DynamoDBClient({ region: 'us-east-1' });

  async function table() {
    await ddb.send(new CreateTableCommand({ TableName: 'orders', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
  }

  it('dynamodb:putItem and getItem (optimized); a failed condition is DynamoDB.ConditionalCheckFailedException', async () => {
    await table();
    const arn = await createMachine(sfn, 'ddb', {
      StartAt: 'Put',
      States: {
        Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'orders', Item: { pk: { 'S.$': '$.id' }, qty: { 'N.$': 'States.Format(\'{}\', $.qty)' } }, ConditionExpression: 'attribute_not_exists(pk)' }, ResultPath: null, Next: 'Get' },
        Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'orders', Key: { pk: { 'S.$': '$.id' } } }, OutputPath: '$.Item', End: true },
      },
    });
    const out = await run(aws, sfn, arn, { id: 'o1', qty: 3 });
    expect(out.result).toEqual({ pk: { S: 'o1' }, qty: { N: '3' } });
    const again = await run(aws, sfn, arn, { id: 'o1', qty: 4 });
    expect(again.status).toBe('FAILED');
    expect(again.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(again.cause).toContain('Error Code: ConditionalCheckFailedException');
    const events = await history(sfn, again.executionArn as string);
    expect(events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({ resourceType: 'dynamodb', resource: 'putItem', error: 'DynamoDB.ConditionalCheckFailedException' });
  });

  it('aws-sdk integrations call any mocked service; errors are <Service>.<Error>Exception', async () => {
    await table();
    const arn = await createMachine(sfn, 'sdk', {
      StartAt: 'Put',
      States: {
        Put: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem', Parameters: { TableName: 'orders', Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' }, ResultPath: null, Next: 'Bucket' },
        Bucket: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:createBucket', Parameters: { Bucket: 'made-by-sfn' }, ResultPath: '$.bucket', Next: 'Missing' },
        Missing: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:s3:deleteBucket',
          Parameters: { Bucket: 'never-made' },
          Catch: [{ ErrorEquals: ['S3.NoSuchBucketException'], ResultPath: '$.caught', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    const out = await run(aws, sfn, arn, {});
    expect(out.status).toBe('SUCCEEDED');
    expect(out.result.caught.Error).toBe('S3.NoSuchBucketException'); // S3's NoSuchBucket, with the Exception suffix
    expect((await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'a' } } }))).Item).toEqual({ pk: { S: 'a' } });
    const again = await run(aws, sfn, arn, {});
    expect(again.error).toBe('DynamoDb.ConditionalCheckFailedException');
    const events = await history(sfn, again.executionArn as string);
    expect(events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({ resourceType: 'aws-sdk:dynamodb', resource: 'putItem' });
  });

  it('sqs:sendMessage and sns:publish serialize a JSON body; events:putEvents', async () => {
    const sqs = new SQSClient({ region: 'us-east-1' });
    const sns = new SNSClient({ region: 'us-east-1' });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'out' }));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'news' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:out', Attributes: { RawMessageDelivery: 'true' } }));
    const arn = await createMachine(sfn, 'msg', {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, MessageBody: { 'n.$': '$.n' } }, ResultSelector: { 'id.$': '$.MessageId' }, ResultPath: '$.sent', Next: 'Publish' },
        Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn, 'Message.$': '$.n' }, ResultPath: null, Next: 'Event' },
        Event: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 'shop', DetailType: 'Order', Detail: { 'n.$': '$.n' } }] }, ResultSelector: { 'failed.$': '$.FailedEntryCount' }, ResultPath: '$.event', End: true },
      },
    });
    const out = await run(aws, sfn, arn, { n: 1 });
    expect(out.status).toBe('SUCCEEDED');
    expect(typeof out.result.sent.id).toBe('string');
    expect(out.result.event).toEqual({ failed: 0 });
    await aws.settle();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect((got.Messages ?? []).map((m) => m.Body).sort()).toEqual(['1', '{"n":1}']);
  });

  it('states:startExecution.sync:2 waits for the child and answers its parsed output; .sync answers the output as text', async () => {
    const child = await createMachine(sfn, 'child', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true } } });
    const parent = await createMachine(sfn, 'parent', {
      StartAt: 'Two',
      States: {
        Two: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: child, Input: { 'n.$': '$.n' } }, ResultSelector: { 'out.$': '$.Output', 'status.$': '$.Status' }, ResultPath: '$.two', Next: 'One' },
        One: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: child, Input: { n: 1 } }, ResultSelector: { 'out.$': '$.Output' }, ResultPath: '$.one', End: true },
      },
    });
    jest.useFakeTimers();
    const started = await run(aws, sfn, parent, { n: 4 });
    expect(started.status).toBe('RUNNING');
    aws.clock.advance(5000);
    await aws.settle();
    aws.clock.advance(5000);
    await aws.settle();
    const d = await describeExec(sfn, started.executionArn as string);
    expect(d.status).toBe('SUCCEEDED');
    expect(d.result.two).toEqual({ out: { twice: 8 }, status: 'SUCCEEDED' });
    expect(d.result.one).toEqual({ out: '{"twice":2}' });
    expect(types(await history(sfn, started.executionArn as string))).toContain('TaskSubmitted');
  });

  it('distributed Map reads a JSON array or a CSV from S3 (ItemReader)', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    await s3.send(new CreateBucketCommand({ Bucket: 'inputs' }));
    await s3.send(new PutObjectCommand({ Bucket: 'inputs', Key: 'items.json', Body: JSON.stringify([{ v: 1 }, { v: 2 }]) }));
    await s3.send(new PutObjectCommand({ Bucket: 'inputs', Key: 'rows.csv', Body: 'name,qty\npen,2\n"ink, blue",5\n' }));
    const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const json = await createMachine(sfn, 'reader-json', single({ Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'inputs', Key: 'items.json' } }, ItemProcessor: processor }));
    expect((await run(aws, sfn, json)).result).toEqual([{ v: 1 }, { v: 2 }]);
    const csv = await createMachine(sfn, 'reader-csv', single({ Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'inputs', Key: 'rows.csv' } }, ItemProcessor: processor }));
    expect((await run(aws, sfn, csv)).result).toEqual([{ name: 'pen', qty: '2' }, { name: 'ink, blue', qty: '5' }]);
    const events = await history(sfn, (await run(aws, sfn, csv)).executionArn as string);
    expect(types(events)).toEqual(expect.arrayContaining(['MapRunStarted', 'MapRunSucceeded']));
  });
});

describe('Step Functions recorded integrations', () => {
  const aws = useMockAws();
  const sfn = sfnClient();

  it('ECS, Batch and Glue tasks are recorded and wait for the test to answer them', async () => {
    const arn = await createMachine(sfn, 'batch', {
      StartAt: 'Run',
      States: {
        Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { Cluster: 'c', 'TaskDefinition.$': '$.def' }, ResultSelector: { 'exit.$': '$.Containers[0].ExitCode' }, ResultPath: '$.ecs', Next: 'Job' },
        Job: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'j', JobQueue: 'q', JobDefinition: 'd' }, Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.batch', Next: 'Done' }], End: true },
        Done: { Type: 'Succeed' },
      },
    });
    const started = await run(aws, sfn, arn, { def: 'web:1' });
    const backend = await aws.backends.get<StepFunctionsBackend>('stepfunctions');
    expect(backend.recordedTasks.map((t) => [t.resource, t.parameters])).toEqual([['arn:aws:states:::ecs:runTask.sync', { Cluster: 'c', TaskDefinition: 'web:1' }]]);
    backend.recordedTasks[0].succeed({ Containers: [{ ExitCode: 0 }] });
    await aws.settle();
    expect(backend.recordedTasks.map((t) => t.resource)).toEqual(['arn:aws:states:::batch:submitJob.sync']);
    backend.recordedTasks[0].fail('States.TaskFailed', 'job failed');
    await aws.settle();
    const d = await describeExec(sfn, started.executionArn as string);
    expect(d.status).toBe('SUCCEEDED');
    expect(d.result).toEqual({ def: 'web:1', ecs: { exit: 0 }, batch: { Error: 'States.TaskFailed', Cause: 'job failed' } });
  });
});
