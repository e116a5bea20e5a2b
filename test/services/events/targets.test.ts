/**
 * EventBridge targets beyond queues, topics and functions: API destinations
 * (the HTTP request is built as EventBridge builds it and recorded; these
 * endpoints are outside the mock, so never sent: api-destination-http.test.ts
 * has the ones it answers), Firehose delivery streams and Step Functions.
 */
import {
  type ApiDestinationHttpMethod,
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  type CreateConnectionCommandInput,
  DeauthorizeConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import type { EventsBackend } from '../../../services/events/models/backend';
import { BUCKET_ARN, createActive, createBucket, listKeys, readObject } from '../firehose/support';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';

describe('EventBridge targets: API destinations, Firehose, Step Functions', () => {
  const aws = useMockAws();
  const eb = new EventBridgeClient({ region: 'us-east-1' });
  const route = async (targets: Target[]) => {
    await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: ['app.orders'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'r', Targets: targets }));
  };
  const put = (detail: object) => eb.send(new PutEventsCommand({ Entries: [{ Source: 'app.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail) }] }));
  const deliveries = async () => (await aws.backends.get<EventsBackend>('events')).deliveries;
  const destination = async (connection: Omit<CreateConnectionCommandInput, 'Name'>, endpoint = 'https://hooks.example.com/orders/*/events', method: ApiDestinationHttpMethod = 'POST') => {
    const { ConnectionArn } = await eb.send(new CreateConnectionCommand({ Name: 'conn', ...connection }));
    const { ApiDestinationArn } = await eb.send(new CreateApiDestinationCommand({ Name: 'hook', ConnectionArn, InvocationEndpoint: endpoint, HttpMethod: method }));
    return ApiDestinationArn ?? '';
  };
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/eb`;

  describe('API destinations', () => {
    it('records the request with Basic auth, path values, merged query and headers (the connection wins)', async () => {
      const arn = await destination({
        AuthorizationType: 'BASIC',
        AuthParameters: {
          BasicAuthParameters: { Username: 'user', Password: 'p@ss word' },
          InvocationHttpParameters: {
            HeaderParameters: [{ Key: 'X-Env', Value: 'prod' }],
            QueryStringParameters: [{ Key: 'source', Value: 'connection' }],
          },
        },
      });
      await route([
        {
          Id: 'hook',
          Arn: arn,
          RoleArn: roleArn,
          InputPath: '$.detail',
          HttpParameters: { PathParameterValues: ['o 1'], HeaderParameters: { 'X-Env': 'dev', 'X-Trace': 't1' }, QueryStringParameters: { source: 'target', page: '2' } },
        },
      ]);
      await put({ id: 'o1', total: 5 });
      await aws.settle();
      const [d] = await deliveries();
      expect(d.error).toBeUndefined();
      expect(d.request).toEqual({
        method: 'POST',
        url: 'https://hooks.example.com/orders/o%201/events?source=connection&page=2',
        headers: {
          'X-Env': 'prod',
          'X-Trace': 't1',
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Amazon/EventBridge/ApiDestinations',
          Authorization: `Basic ${Buffer.from('user:p@ss word').toString('base64')}`,
        },
        body: '{"id":"o1","total":5}',
      });
    });

    it('sends an API key in its own header and adds the connection body parameters to a JSON body', async () => {
      const arn = await destination(
        {
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' }, InvocationHttpParameters: { BodyParameters: [{ Key: 'tenant', Value: 'acme' }] } },
        },
        'https://api.example.com/ingest',
        'PUT',
      );
      await route([{ Id: 'hook', Arn: arn, RoleArn: roleArn, Input: '{"fixed":true}' }]);
      await put({});
      await aws.settle();
      const [d] = await deliveries();
      expect(d.request).toMatchObject({ method: 'PUT', url: 'https://api.example.com/ingest', body: '{"fixed":true,"tenant":"acme"}' });
      expect(d.request?.headers['x-api-key']).toBe('k-123');
      expect(d.request?.headers.Authorization).toBeUndefined();
    });

    it('records the OAuth token request an OAuth connection would make', async () => {
      const arn = await destination({
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { AuthorizationEndpoint: 'https://auth.example.com/token', HttpMethod: 'POST', ClientParameters: { ClientID: 'cid', ClientSecret: 'cs' } } },
      });
      await route([{ Id: 'hook', Arn: arn, RoleArn: roleArn }]);
      await put({ a: 1 });
      await aws.settle();
      const [d] = await deliveries();
      expect(d.request?.oauth).toEqual({ authorizationEndpoint: 'https://auth.example.com/token', httpMethod: 'POST', clientId: 'cid' });
      expect(JSON.parse(d.request?.body ?? '')).toMatchObject({ source: 'app.orders', detail: { a: 1 } });
    });

    it('fails the delivery, without retries, when the connection is deauthorized', async () => {
      const arn = await destination({ AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } });
      await route([{ Id: 'hook', Arn: arn, RoleArn: roleArn }]);
      await eb.send(new DeauthorizeConnectionCommand({ Name: 'conn' }));
      await put({});
      await aws.settle();
      aws.clock.advance(60_000);
      await aws.settle();
      const all = await deliveries();
      expect(all).toHaveLength(1);
      expect(all[0].error?.code).toBe('ConnectionNotAuthorized');
      expect(all[0].request).toBeUndefined();
    });
  });

  it('puts the target input as one record on a Firehose stream', async () => {
    await createBucket();
    const streamArn = await createActive(aws, {
      DeliveryStreamName: 'orders',
      ExtendedS3DestinationConfiguration: { RoleARN: roleArn, BucketARN: BUCKET_ARN, BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } },
    });
    await route([{ Id: 'fh', Arn: streamArn, RoleArn: roleArn, InputPath: '$.detail' }]);
    await put({ id: 1 });
    await put({ id: 2 });
    await aws.settle();
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    expect((await readObject(keys[0])).toString()).toBe('{"id":1}{"id":2}');
  });

  it('starts a Step Functions execution with the input, through the StartExecution operation', async () => {
    const started: unknown[] = [];
    const executionArn = `arn:aws:states:us-east-1:${ACCOUNT}:execution:flow:e1`;
    aws.on('stepfunctions', 'StartExecution').callsFake((input: unknown) => {
      started.push(input);
      return { executionArn, startDate: new Date() };
    });
    const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:flow`;
    await route([{ Id: 'sfn', Arn: machine, RoleArn: roleArn, InputPath: '$.detail' }]);
    await put({ order: 7 });
    await aws.settle();
    expect(started).toEqual([{ stateMachineArn: machine, input: '{"order":7}' }]);
    const [d] = await deliveries();
    expect(d).toMatchObject({ targetArn: machine, parameters: { executionArn } });
    expect(d.error).toBeUndefined();
  });
});
