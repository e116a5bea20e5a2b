/**
 * Parameter Store change events (Systems Manager user guide, "Setting up notifications or triggering
 * actions based on Parameter Store events"): creating, updating, labelling and deleting a parameter sends
 * EventBridge an `aws.ssm` event, detail-type `Parameter Store Change`, detail `{ operation, name, type,
 * description }`, the parameter ARN as resource.
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteParameterCommand, DeleteParametersCommand, LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';

describe('Parameter Store change events', () => {
  const m = useMockAws();
  const ssm = new SSMClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const eb = new EventBridgeClient({ region: 'us-east-1' });

  it('sends Create, Update, LabelParameterVersion and Delete events that a rule routes to its target', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'param-changes' }));
    await eb.send(new PutRuleCommand({ Name: 'params', EventPattern: JSON.stringify({ source: ['aws.ssm'], 'detail-type': ['Parameter Store Change'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'params', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:param-changes' }] }));

    await ssm.send(new PutParameterCommand({ Name: '/app/db-url', Value: 'postgres://a', Type: 'String', Description: 'database' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/db-url', Value: 'postgres://b', Overwrite: true }));
    await ssm.send(new LabelParameterVersionCommand({ Name: '/app/db-url', Labels: ['prod'] }));
    await ssm.send(new DeleteParameterCommand({ Name: '/app/db-url' }));
    await ssm.send(new PutParameterCommand({ Name: 'flag', Value: 'on', Type: 'String' }));
    await ssm.send(new DeleteParametersCommand({ Names: ['flag', 'missing'] }));
    await m.settle();

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    const events = Messages.map((x) => JSON.parse(x.Body!)).sort((a, b) => a.time.localeCompare(b.time));
    expect(events.map((e) => [e.detail.operation, e.detail.name])).toEqual(
      expect.arrayContaining([
        ['Create', '/app/db-url'],
        ['Update', '/app/db-url'],
        ['LabelParameterVersion', '/app/db-url'],
        ['Delete', '/app/db-url'],
        ['Create', 'flag'],
        ['Delete', 'flag'],
      ]),
    );
    expect(events).toHaveLength(6);
    const created = events.find((e) => e.detail.operation === 'Create' && e.detail.name === '/app/db-url');
    expect(created).toMatchObject({
      source: 'aws.ssm',
      'detail-type': 'Parameter Store Change',
      account: '123456789012',
      region: 'us-east-1',
      resources: ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db-url'],
      detail: { operation: 'Create', name: '/app/db-url', type: 'String', description: 'database' },
    });
  });
});
