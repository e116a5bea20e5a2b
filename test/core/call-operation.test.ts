/**
 * BackendAccess.call: one service calling another's operation on a user's
 * behalf (Step Functions' SDK integrations, API Gateway's AWS integrations).
 * The state is the same one SDK clients see, the model checks the input, and
 * errors arrive as the callee's AwsError with its status.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Dispatcher } from '../../src/core/dispatch';
import { AwsError } from '../../src/core/errors';
import { createSdkHandler } from '../../src/intercept/sdk-handler';
import { services } from '../../services';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

describe('backends.call', () => {
  it('runs the operation against the state SDK clients see', async () => {
    const dispatcher = new Dispatcher({ services });
    await dispatcher.backends.call('dynamodb', 'CreateTable', {
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await dispatcher.backends.call('dynamodb', 'PutItem', { TableName: 'orders', Item: { pk: { S: 'a' }, n: { N: '1' } } });
    const out = await dispatcher.backends.call<{ Item?: unknown }>('dynamodb', 'GetItem', { TableName: 'orders', Key: { pk: { S: 'a' } } });
    expect(out.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });

    const client = new DynamoDBClient({ region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: createSdkHandler(() => dispatcher) as never });
    const seen = await client.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'a' } } }));
    expect(seen.Item?.n).toEqual({ N: '1' });
  });

  it('checks the input against the model and rejects with the callee error, status filled', async () => {
    const dispatcher = new Dispatcher({ services });
    const invalid = await dispatcher.backends.call('dynamodb', 'GetItem', { Key: {} }).catch((e) => e);
    expect(invalid).toBeInstanceOf(AwsError);
    expect(invalid.code).toBe('ValidationException');
    const missing = await dispatcher.backends.call('dynamodb', 'GetItem', { TableName: 'nope', Key: { pk: { S: 'a' } } }).catch((e) => e);
    expect(missing.code).toBe('ResourceNotFoundException');
    expect(missing.status).toBe(400);
    const unknown = await dispatcher.backends.call('dynamodb', 'Frobnicate', {}).catch((e) => e);
    expect(unknown.code).toBe('UnknownOperationException');
  });

  it('acts in the account and region it is given', async () => {
    const dispatcher = new Dispatcher({ services });
    await dispatcher.backends.call('sqs', 'CreateQueue', { QueueName: 'q' }, { account: '111111111111', region: 'eu-west-1' });
    const there = await dispatcher.backends.call<{ QueueUrl: string }>('sqs', 'GetQueueUrl', { QueueName: 'q' }, { account: '111111111111', region: 'eu-west-1' });
    expect(there.QueueUrl).toContain('111111111111');
    const here = await dispatcher.backends.call('sqs', 'GetQueueUrl', { QueueName: 'q' }).catch((e) => e);
    expect(here.code).toBe('QueueDoesNotExist');
  });

  it("acts as the account's root, so S3 serves the account's private objects", async () => {
    const dispatcher = new Dispatcher({ services });
    await dispatcher.backends.call('s3', 'CreateBucket', { Bucket: 'private-stuff' });
    await dispatcher.backends.call('s3', 'PutObject', { Bucket: 'private-stuff', Key: 'k', Body: Buffer.from('secret') });
    const out = await dispatcher.backends.call<{ Body: unknown }>('s3', 'GetObject', { Bucket: 'private-stuff', Key: 'k' });
    expect(out.Body).toBeDefined();
    const other = await dispatcher.backends.call('s3', 'GetObject', { Bucket: 'private-stuff', Key: 'k' }, { account: '111111111111' }).catch((e) => e);
    expect(other.code).toBe('AccessDenied');
  });

  it('goes through the hooks, so an override answers it', async () => {
    const dispatcher = new Dispatcher({ services });
    dispatcher.use(async (call, next) => (call.operation === 'ListQueues' ? { QueueUrls: ['overridden'] } : next()));
    const out = await dispatcher.backends.call<{ QueueUrls: string[] }>('sqs', 'ListQueues', {});
    expect(out.QueueUrls).toEqual(['overridden']);
  });
});
