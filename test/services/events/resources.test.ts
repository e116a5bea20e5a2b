import {
  ActivateEventSourceCommand,
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEndpointCommand,
  CreateEventBusCommand,
  CreatePartnerEventSourceCommand,
  DeactivateEventSourceCommand,
  DeauthorizeConnectionCommand,
  DeleteConnectionCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeEndpointCommand,
  DescribeEventBusCommand,
  DescribeEventSourceCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EventBridgeClient,
  ListApiDestinationsCommand,
  ListEventBusesCommand,
  ListEventSourcesCommand,
  ListPartnerEventSourceAccountsCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';
const queue = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

describe('EventBridge resources', () => {
  useMockAws();
  const eb = new EventBridgeClient({ region: 'us-east-1' });

  describe('event buses', () => {
    it('always has the default bus, and creates, updates, lists and deletes custom ones', async () => {
      const { EventBusArn } = await eb.send(new CreateEventBusCommand({ Name: 'orders', Description: 'd', Tags: [{ Key: 'k', Value: 'v' }] }));
      expect(EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`);
      const { EventBuses } = await eb.send(new ListEventBusesCommand({}));
      expect(EventBuses?.map((b) => b.Name)).toEqual(['default', 'orders']);
      await eb.send(new UpdateEventBusCommand({ Name: 'orders', Description: 'new' }));
      expect((await eb.send(new DescribeEventBusCommand({ Name: 'orders' }))).Description).toBe('new');
      expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
      await expect(eb.send(new CreateEventBusCommand({ Name: 'orders' }))).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
        message: 'Event bus orders already exists.',
      });
      await eb.send(new DeleteEventBusCommand({ Name: 'orders' }));
      await expect(eb.send(new DescribeEventBusCommand({ Name: 'orders' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Event bus orders does not exist.',
      });
      await expect(eb.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('creates a partner bus only for a partner event source shared with the account', async () => {
      const Name = 'aws.partner/saas.example.com/1234/orders';
      await expect(eb.send(new CreateEventBusCommand({ Name, EventSourceName: Name }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await eb.send(new CreatePartnerEventSourceCommand({ Name, Account: ACCOUNT }));
      expect((await eb.send(new DescribeEventSourceCommand({ Name }))).State).toBe('PENDING');
      await eb.send(new CreateEventBusCommand({ Name, EventSourceName: Name }));
      expect((await eb.send(new ListEventSourcesCommand({ NamePrefix: 'aws.partner/' }))).EventSources?.[0]).toMatchObject({ Name, State: 'ACTIVE', CreatedBy: 'saas.example.com' });
      await eb.send(new DeactivateEventSourceCommand({ Name }));
      expect((await eb.send(new DescribeEventSourceCommand({ Name }))).State).toBe('PENDING');
      await eb.send(new ActivateEventSourceCommand({ Name }));
      expect((await eb.send(new ListPartnerEventSourceAccountsCommand({ EventSourceName: Name }))).PartnerEventSourceAccounts?.[0]).toMatchObject({
        Account: ACCOUNT,
        State: 'ACTIVE',
      });
    });

    it('PutPermission builds the bus policy; RemovePermission takes statements out', async () => {
      await eb.send(new PutPermissionCommand({ Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'allow-a' }));
      await eb.send(
        new PutPermissionCommand({ Action: 'events:PutEvents', Principal: '*', StatementId: 'org', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' } }),
      );
      const policy = JSON.parse((await eb.send(new DescribeEventBusCommand({}))).Policy as string);
      expect(policy.Statement).toEqual([
        { Sid: 'allow-a', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` },
        {
          Sid: 'org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' } },
        },
      ]);
      await eb.send(new RemovePermissionCommand({ StatementId: 'allow-a' }));
      await expect(eb.send(new RemovePermissionCommand({ StatementId: 'allow-a' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Statement with the provided id does not exist.',
      });
      await eb.send(new RemovePermissionCommand({ RemoveAllPermissions: true }));
      expect((await eb.send(new DescribeEventBusCommand({}))).Policy).toBeUndefined();
      await expect(eb.send(new PutPermissionCommand({ Action: 'events:Other', Principal: '*', StatementId: 'x' }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
    });
  });

  describe('rules and targets', () => {
    const pattern = JSON.stringify({ source: ['app'] });

    it('puts, describes, disables and lists rules; ARNs name the bus', async () => {
      const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'r1', EventPattern: pattern, Description: 'first' }));
      expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/r1`);
      await eb.send(new CreateEventBusCommand({ Name: 'b' }));
      const custom = await eb.send(new PutRuleCommand({ Name: 'r1', EventPattern: pattern, EventBusName: 'b' }));
      expect(custom.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/b/r1`);
      await eb.send(new DisableRuleCommand({ Name: 'r1' }));
      expect(await eb.send(new DescribeRuleCommand({ Name: 'r1' }))).toMatchObject({
        Name: 'r1',
        Arn: RuleArn,
        EventPattern: pattern,
        State: 'DISABLED',
        Description: 'first',
        EventBusName: 'default',
        CreatedBy: ACCOUNT,
      });
      await expect(eb.send(new DescribeRuleCommand({ Name: 'nope' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Rule nope does not exist on EventBus default.',
      });
    });

    it('checks what a rule needs', async () => {
      await expect(eb.send(new PutRuleCommand({ Name: 'r' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
      });
      await eb.send(new CreateEventBusCommand({ Name: 'b' }));
      await expect(eb.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'b' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'ScheduleExpression is supported only on the default event bus.',
      });
      await expect(eb.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(5 minute)' }))).rejects.toMatchObject({
        message: 'Parameter ScheduleExpression is not valid.',
      });
      await expect(eb.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'cron(0 12 * * * *)' }))).rejects.toMatchObject({
        message: 'Parameter ScheduleExpression is not valid.',
      });
      await expect(eb.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source": "x"}' }))).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
      await expect(eb.send(new PutRuleCommand({ Name: 'bad name', EventPattern: pattern }))).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('pages ListRules by name and finds rules by target', async () => {
      for (const n of ['c', 'a', 'b', 'x']) await eb.send(new PutRuleCommand({ Name: n, EventPattern: pattern }));
      await eb.send(new PutTargetsCommand({ Rule: 'b', Targets: [{ Id: 't', Arn: queue('q') }] }));
      const names: string[] = [];
      // The EventBridge client ships no paginators: page by hand.
      let NextToken: string | undefined;
      do {
        const page = await eb.send(new ListRulesCommand({ Limit: 2, NextToken }));
        expect(page.Rules?.length).toBeLessThanOrEqual(2);
        names.push(...(page.Rules ?? []).map((r) => r.Name as string));
        NextToken = page.NextToken;
      } while (NextToken);
      expect(names).toEqual(['a', 'b', 'c', 'x']);
      expect((await eb.send(new ListRulesCommand({ NamePrefix: 'x' }))).Rules?.map((r) => r.Name)).toEqual(['x']);
      expect((await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: queue('q') }))).RuleNames).toEqual(['b']);
    });

    it('holds at most five targets, validates them whole, and blocks deleting a rule with targets', async () => {
      await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: pattern }));
      await expect(
        eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'ok', Arn: queue('q') }, { Id: 'both', Arn: queue('q'), Input: '{}', InputPath: '$.detail' }] })),
      ).rejects.toMatchObject({ name: 'ValidationException', message: 'Only one of Input, InputPath, or InputTransformer must be provided.' });
      expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'r' }))).Targets).toEqual([]);
      await expect(eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'f', Arn: queue('q.fifo') }] }))).rejects.toMatchObject({
        message: 'Parameter(s) SqsParameters must be specified for target: f.',
      });
      const Targets = Array.from({ length: 5 }, (_, i) => ({ Id: `t${i}`, Arn: queue(`q${i}`) }));
      await eb.send(new PutTargetsCommand({ Rule: 'r', Targets }));
      await expect(eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't5', Arn: queue('q5') }] }))).rejects.toMatchObject({
        name: 'LimitExceededException',
      });
      await expect(eb.send(new DeleteRuleCommand({ Name: 'r' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: "Rule can't be deleted since it has targets.",
      });
      await eb.send(new RemoveTargetsCommand({ Rule: 'r', Ids: Targets.map((t) => t.Id) }));
      await eb.send(new DeleteRuleCommand({ Name: 'r' }));
      await expect(eb.send(new ListTargetsByRuleCommand({ Rule: 'r' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it('tags rules by ARN', async () => {
      const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: pattern, Tags: [{ Key: 'a', Value: '1' }] }));
      await eb.send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'b', Value: '2' }] }));
      await eb.send(new UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ['a'] }));
      expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
      await expect(eb.send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:events:us-east-1:${ACCOUNT}:rule/none` }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Rule none does not exist on EventBus default.',
      });
    });
  });

  describe('connections and API destinations', () => {
    it('keeps secrets out of DescribeConnection and walks the connection states', async () => {
      const created = await eb.send(
        new CreateConnectionCommand({ Name: 'c', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } } }),
      );
      expect(created.ConnectionArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:${ACCOUNT}:connection/c/[0-9a-f-]{36}$`));
      const described = await eb.send(new DescribeConnectionCommand({ Name: 'c' }));
      expect(described.AuthParameters).toEqual({ ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } });
      expect(described.SecretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection\/c\//);
      await expect(eb.send(new CreateConnectionCommand({ Name: 'd', AuthorizationType: 'BASIC', AuthParameters: {} }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
      const dest = await eb.send(
        new CreateApiDestinationCommand({ Name: 'api', ConnectionArn: created.ConnectionArn, InvocationEndpoint: 'https://example.com/hook', HttpMethod: 'POST' }),
      );
      expect(await eb.send(new DescribeApiDestinationCommand({ Name: 'api' }))).toMatchObject({
        ApiDestinationArn: dest.ApiDestinationArn,
        ApiDestinationState: 'ACTIVE',
        InvocationRateLimitPerSecond: 300,
      });
      expect((await eb.send(new ListApiDestinationsCommand({ ConnectionArn: created.ConnectionArn }))).ApiDestinations).toHaveLength(1);
      await expect(
        eb.send(new CreateApiDestinationCommand({ Name: 'api2', ConnectionArn: created.ConnectionArn, InvocationEndpoint: 'http://example.com', HttpMethod: 'POST' })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      expect((await eb.send(new DeauthorizeConnectionCommand({ Name: 'c' }))).ConnectionState).toBe('DEAUTHORIZING');
      expect((await eb.send(new DescribeConnectionCommand({ Name: 'c' }))).ConnectionState).toBe('DEAUTHORIZED');
      expect((await eb.send(new DeleteConnectionCommand({ Name: 'c' }))).ConnectionState).toBe('DELETING');
      await expect(eb.send(new DescribeConnectionCommand({ Name: 'c' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });

  it('global endpoints need two buses in different regions', async () => {
    const RoutingConfig = { FailoverConfig: { Primary: { HealthCheck: 'arn:aws:route53:::healthcheck/h' }, Secondary: { Route: 'us-west-2' } } };
    const EventBuses = [{ EventBusArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` }, { EventBusArn: `arn:aws:events:us-west-2:${ACCOUNT}:event-bus/default` }];
    const out = await eb.send(new CreateEndpointCommand({ Name: 'ep', RoutingConfig, EventBuses }));
    expect(out).toMatchObject({ Name: 'ep', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:endpoint/ep`, State: 'CREATING' });
    expect(await eb.send(new DescribeEndpointCommand({ Name: 'ep' }))).toMatchObject({ State: 'ACTIVE', EndpointUrl: expect.stringMatching(/^https:\/\/.+\.endpoint\.events\.amazonaws\.com$/) });
    await expect(eb.send(new CreateEndpointCommand({ Name: 'ep2', RoutingConfig, EventBuses: [EventBuses[0], EventBuses[0]] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
