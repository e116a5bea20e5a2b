/**
 * API destinations whose endpoint this mock answers (here a Lambda function
 * URL) are really called, through the mock, never the network; EventBridge
 * retries 429 and 5xx answers and does not retry other 4xx (user guide, API
 * destinations, "API destination error codes").
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateFunctionUrlConfigCommand } from '@aws-sdk/client-lambda';
import type { EventsBackend } from '../../../services/events/models/backend';
import { allowPublicUrl, createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';

// Answers with the status the event asks for, echoing the body and the API key header it received.
const HANDLER = `exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  return { statusCode: body.status, body: JSON.stringify({ got: body, key: event.headers['x-api-key'] ?? null }) };
};`;

describe('EventBridge API destinations answered by the mock', () => {
  const aws = useMockAws();
  useLambdaRole();
  const eb = new EventBridgeClient({ region: 'us-east-1' });

  async function wire(): Promise<void> {
    const lambda = lambdaClient();
    await createNodeFunction(lambda, 'hook', { 'index.js': HANDLER });
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', AuthType: 'NONE' }));
    await allowPublicUrl(lambda, 'hook');
    const { ConnectionArn } = await eb.send(
      new CreateConnectionCommand({ Name: 'c', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' } } }),
    );
    const { ApiDestinationArn } = await eb.send(new CreateApiDestinationCommand({ Name: 'd', ConnectionArn, InvocationEndpoint: FunctionUrl, HttpMethod: 'POST' }));
    await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: ['app'] }) }));
    await eb.send(
      new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't', Arn: ApiDestinationArn, RoleArn: 'arn:aws:iam::123456789012:role/eb', InputPath: '$.detail', RetryPolicy: { MaximumRetryAttempts: 2 } }] }),
    );
  }
  const send = (status: number) => eb.send(new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'x', Detail: JSON.stringify({ status }) }] }));
  const deliveries = async () => (await aws.backends.get<EventsBackend>('events')).deliveries;

  it('calls a function URL with the connection auth and records its answer', async () => {
    await wire();
    await send(200);
    await aws.settle();
    const [d] = await deliveries();
    expect(d.error).toBeUndefined();
    expect(d.response?.status).toBe(200);
    expect(JSON.parse(d.response?.body ?? '')).toEqual({ got: { status: 200 }, key: 'k-123' });
  });

  it('retries a 503 answer per the retry policy, and does not retry a 400', async () => {
    await wire();
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await send(503);
    for (let i = 0; i < 4; i++) {
      await aws.settle();
      aws.clock.advance(60_000);
    }
    await aws.settle();
    const failed = await deliveries();
    expect(failed.map((d) => [d.attempt, d.error?.code])).toEqual([
      [0, 'ServiceUnavailable'],
      [1, 'ServiceUnavailable'],
      [2, 'ServiceUnavailable'],
    ]);
    failed.length = 0;
    await send(400);
    for (let i = 0; i < 3; i++) {
      await aws.settle();
      aws.clock.advance(60_000);
    }
    expect((await deliveries()).map((d) => [d.attempt, d.error?.code])).toEqual([[0, 'ApiDestinationClientError']]);
  });
});
