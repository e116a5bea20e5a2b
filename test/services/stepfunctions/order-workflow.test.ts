/**
 * The scenario of issue 17: an order workflow that calls Lambda (with a
 * retry), reserves stock in DynamoDB for each item in a Map (a failed
 * condition caught), waits for a manager's approval through a task token
 * the test completes, waits out a shipping window, and records the order —
 * under jest fake timers, in seconds of real time.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaBackend } from '../../../services/lambda/models/backend';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { createMachine, describe as describeExec, history, sfnClient } from './support';

const VALIDATE = 'arn:aws:lambda:us-east-1:123456789012:function:validate-order';

const definition = (queueUrl: string) => ({
  Comment: 'Order fulfilment',
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: VALIDATE,
      ResultPath: '$.validation',
      Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 3 }],
      Next: 'Reserve',
    },
    Reserve: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'qty.$': 'States.Format(\'{}\', $$.Map.Item.Value.qty)' },
      ItemProcessor: {
        StartAt: 'Decrement',
        States: {
          Decrement: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:updateItem',
            Parameters: {
              TableName: 'stock',
              Key: { sku: { 'S.$': '$.sku' } },
              UpdateExpression: 'SET available = available - :q',
              ConditionExpression: 'available >= :q',
              ExpressionAttributeValues: { ':q': { 'N.$': '$.qty' } },
            },
            ResultPath: null,
            End: true,
          },
        },
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.failure', Next: 'OutOfStock' }],
      Next: 'Approve',
    },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: queueUrl, MessageBody: { 'orderId.$': '$.orderId', 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 86400,
      ResultPath: '$.approval',
      Next: 'ShippingWindow',
    },
    ShippingWindow: { Type: 'Wait', Seconds: 3600, Next: 'Record' },
    Record: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'orders', Item: { orderId: { 'S.$': '$.orderId' }, approver: { 'S.$': '$.approval.by' }, status: { S: 'SHIPPED' } } },
      ResultPath: null,
      End: true,
    },
    OutOfStock: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'orders', Item: { orderId: { 'S.$': '$.orderId' }, status: { S: 'OUT_OF_STOCK' } } },
      ResultPath: null,
      Next: 'Rejected',
    },
    Rejected: { Type: 'Fail', Error: 'OutOfStock', Cause: 'An item is out of stock' },
  },
});

describe('order workflow scenario', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  const ddb = new DynamoDBClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  useLambdaRole();

  it('validates with a retry, reserves stock per item, waits for approval and the shipping window, records the order', async () => {
    await createNodeFunction(lambdaClient(), 'validate-order', { 'index.js': 'exports.handler = async () => ({})' });
    let calls = 0;
    (await aws.backends.get<LambdaBackend>('lambda')).setHandler('validate-order', async (order: { items: unknown[] }) => {
      calls++;
      if (calls === 1) {
        const e = new Error('slow down');
        e.name = 'Throttled';
        throw e;
      }
      return { valid: order.items.length > 0 };
    });
    for (const name of ['stock', 'orders']) {
      const key = name === 'stock' ? 'sku' : 'orderId';
      await ddb.send(new CreateTableCommand({ TableName: name, KeySchema: [{ AttributeName: key, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
    }
    await ddb.send(new PutItemCommand({ TableName: 'stock', Item: { sku: { S: 'pen' }, available: { N: '10' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'stock', Item: { sku: { S: 'ink' }, available: { N: '1' } } }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'approvals' }));
    const machine = await createMachine(sfn, 'orders', definition(QueueUrl as string));

    jest.useFakeTimers({ now: new Date('2030-05-01T09:00:00Z') });
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'order-1', input: JSON.stringify({ orderId: 'o-1', items: [{ sku: 'pen', qty: 3 }, { sku: 'ink', qty: 1 }] }) }));
    await aws.settle();
    expect(calls).toBe(1); // throttled; the retry waits 5 s
    aws.clock.advance(5000);
    await aws.settle();
    expect(calls).toBe(2);

    // stock reserved for both items; the approval request is queued with its token
    const stock = async (sku: string) => (await ddb.send(new GetItemCommand({ TableName: 'stock', Key: { sku: { S: sku } } }))).Item?.available.N;
    expect([await stock('pen'), await stock('ink')]).toEqual(['7', '0']);
    const request = JSON.parse((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0].Body as string);
    expect(request.orderId).toBe('o-1');

    aws.clock.advance(30 * 60_000); // the manager takes half an hour
    await sfn.send(new SendTaskSuccessCommand({ taskToken: request.token, output: JSON.stringify({ by: 'maria' }) }));
    await aws.settle();
    expect((await describeExec(sfn, executionArn as string)).status).toBe('RUNNING'); // in the shipping window
    aws.clock.advance(3600_000);
    await aws.settle();

    const done = await describeExec(sfn, executionArn as string);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.toISOString()).toBe('2030-05-01T10:30:05.000Z');
    const order = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { orderId: { S: 'o-1' } } }));
    expect(order.Item).toEqual({ orderId: { S: 'o-1' }, approver: { S: 'maria' }, status: { S: 'SHIPPED' } });
    const events = await history(sfn, executionArn as string);
    expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'LambdaFunctionFailed')).toHaveLength(1);

    // a second order finds ink out of stock: the Map's catcher records it and the workflow fails
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'order-2', input: JSON.stringify({ orderId: 'o-2', items: [{ sku: 'ink', qty: 1 }] }) }));
    await aws.settle();
    const rejected = await describeExec(sfn, second.executionArn as string);
    expect([rejected.status, rejected.error]).toEqual(['FAILED', 'OutOfStock']);
    expect((await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { orderId: { S: 'o-2' } } }))).Item?.status).toEqual({ S: 'OUT_OF_STOCK' });
  });
});
