import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  CreateContactCommand,
  CreateContactListCommand,
  CreateEmailIdentityCommand,
  DeleteConfigurationSetCommand,
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  GetContactCommand,
  GetSuppressedDestinationCommand,
  ListContactsCommand,
  ListSuppressedDestinationsCommand,
  ListTagsForResourceCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
  SESv2Client,
  TagResourceCommand,
} from '@aws-sdk/client-sesv2';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('SES v2 configuration sets, events, suppression and contacts', () => {
  const aws = useMockAws();
  const ses = new SESv2Client({ region: 'us-east-1' });
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const eb = new EventBridgeClient({ region: 'us-east-1' });
  const receive = async (QueueUrl: string) => ((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? []).map((m) => JSON.parse(m.Body as string));
  const send = (to: string[], ConfigurationSetName = 'tx') =>
    ses.send(new SendEmailCommand({ FromEmailAddress: 'app@example.com', Destination: { ToAddresses: to }, ConfigurationSetName, EmailTags: [{ Name: 'flow', Value: 'signup' }], Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } } } }));

  beforeEach(async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tx', Tags: [{ Key: 'team', Value: 'mail' }] }));
  });

  it('stores configuration sets and destinations; publishes send, delivery, bounce and complaint events to SNS as SES formats them', async () => {
    await expect(ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tx' }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'ses-events' }));
    const url = await createQueue(sqs, 'ses-events');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('ses-events'), Attributes: { RawMessageDelivery: 'true' } }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'tx',
        EventDestinationName: 'to-sns',
        EventDestination: { Enabled: true, MatchingEventTypes: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT'], SnsDestination: { TopicArn } },
      }),
    );
    expect((await ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: 'tx' }))).EventDestinations).toEqual([
      { Name: 'to-sns', Enabled: true, MatchingEventTypes: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT'], SnsDestination: { TopicArn } },
    ]);
    const { MessageId } = await send(['success@simulator.amazonses.com', 'bounce@simulator.amazonses.com', 'complaint@simulator.amazonses.com']);
    const events = await receive(url);
    expect(events.map((e) => [e.eventType, e.delivery?.recipients ?? e.bounce?.bouncedRecipients?.[0].emailAddress ?? e.complaint?.complainedRecipients?.[0].emailAddress ?? null])).toEqual([
      ['Send', null],
      ['Delivery', ['success@simulator.amazonses.com']],
      ['Bounce', 'bounce@simulator.amazonses.com'],
      ['Delivery', ['complaint@simulator.amazonses.com']],
      ['Complaint', 'complaint@simulator.amazonses.com'],
    ]);
    expect(events[0].mail).toMatchObject({ messageId: MessageId, source: 'app@example.com', sendingAccountId: '123456789012', tags: { 'ses:configuration-set': ['tx'], flow: ['signup'] } });
    expect(events[2].bounce).toMatchObject({ bounceType: 'Permanent', bounceSubType: 'General' });
    const set = await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'tx' }));
    expect(set).toMatchObject({ ConfigurationSetName: 'tx', SendingOptions: { SendingEnabled: true }, Tags: [{ Key: 'team', Value: 'mail' }] });
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'tx' }));
    await expect(ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'tx' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('publishes to EventBridge with source aws.ses', async () => {
    const url = await createQueue(sqs, 'eb-ses');
    await eb.send(new PutRuleCommand({ Name: 'ses', EventPattern: JSON.stringify({ source: ['aws.ses'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'ses', Targets: [{ Id: 'q', Arn: queueArn('eb-ses') }] }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'tx',
        EventDestinationName: 'to-eb',
        EventDestination: { Enabled: true, MatchingEventTypes: ['DELIVERY'], EventBridgeDestination: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } },
      }),
    );
    await send(['success@simulator.amazonses.com']);
    await aws.settle();
    const [event] = await receive(url);
    expect(event).toMatchObject({ source: 'aws.ses', 'detail-type': 'Email Delivered', detail: { eventType: 'Delivery', delivery: { recipients: ['success@simulator.amazonses.com'] } } });
  });

  it('keeps mail from addresses on the account suppression list (a bounce event)', async () => {
    (await aws.backends.sesv2()).productionAccess = true;
    await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.net', Reason: 'BOUNCE' }));
    expect((await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: 'gone@example.net' }))).SuppressedDestination).toMatchObject({ EmailAddress: 'gone@example.net', Reason: 'BOUNCE' });
    expect((await ses.send(new ListSuppressedDestinationsCommand({ Reasons: ['COMPLAINT'] }))).SuppressedDestinationSummaries).toEqual([]);
    await expect(ses.send(new GetSuppressedDestinationCommand({ EmailAddress: 'other@example.net' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    // A CloudWatch destination is recorded (backend.events), not delivered anywhere.
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'tx',
        EventDestinationName: 'cw',
        EventDestination: { Enabled: true, MatchingEventTypes: ['BOUNCE', 'DELIVERY'], CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'flow', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'none' }] } },
      }),
    );
    await send(['gone@example.net', 'ok@example.net']);
    const b = await aws.backends.sesv2();
    expect(b.sent[0].suppressed).toEqual(['gone@example.net']);
    expect(b.events.map((e) => [e.destination, e.eventType, (e.payload as { bounce?: { bounceSubType: string } }).bounce?.bounceSubType])).toEqual([
      ['cw', 'BOUNCE', 'OnAccountSuppressionList'],
      ['cw', 'DELIVERY', undefined],
    ]);
  });

  it('manages a contact list (one per account), contacts and topic preferences, and tags by ARN', async () => {
    await ses.send(
      new CreateContactListCommand({
        ContactListName: 'news',
        Topics: [
          { TopicName: 'weekly', DisplayName: 'Weekly', DefaultSubscriptionStatus: 'OPT_IN' },
          { TopicName: 'promo', DisplayName: 'Promotions', DefaultSubscriptionStatus: 'OPT_OUT' },
        ],
      }),
    );
    await expect(ses.send(new CreateContactListCommand({ ContactListName: 'second' }))).rejects.toMatchObject({ name: 'LimitExceededException' });
    await ses.send(new CreateContactCommand({ ContactListName: 'news', EmailAddress: 'a@example.net', TopicPreferences: [{ TopicName: 'promo', SubscriptionStatus: 'OPT_IN' }] }));
    await ses.send(new CreateContactCommand({ ContactListName: 'news', EmailAddress: 'b@example.net' }));
    await expect(ses.send(new CreateContactCommand({ ContactListName: 'news', EmailAddress: 'c@example.net', TopicPreferences: [{ TopicName: 'nope', SubscriptionStatus: 'OPT_IN' }] }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    const got = await ses.send(new GetContactCommand({ ContactListName: 'news', EmailAddress: 'a@example.net' }));
    expect(got.TopicDefaultPreferences).toEqual([
      { TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' },
      { TopicName: 'promo', SubscriptionStatus: 'OPT_OUT' },
    ]);
    const promo = await ses.send(new ListContactsCommand({ ContactListName: 'news', Filter: { FilteredStatus: 'OPT_IN', TopicFilter: { TopicName: 'promo' } } }));
    expect(promo.Contacts?.map((c) => c.EmailAddress)).toEqual(['a@example.net']);
    const weekly = await ses.send(new ListContactsCommand({ ContactListName: 'news', PageSize: 1, Filter: { FilteredStatus: 'OPT_IN', TopicFilter: { TopicName: 'weekly', UseDefaultIfPreferenceUnavailable: true } } }));
    expect(weekly.Contacts?.map((c) => c.EmailAddress)).toEqual(['a@example.net']);
    const rest = await ses.send(new ListContactsCommand({ ContactListName: 'news', NextToken: weekly.NextToken, Filter: { FilteredStatus: 'OPT_IN', TopicFilter: { TopicName: 'weekly', UseDefaultIfPreferenceUnavailable: true } } }));
    expect(rest.Contacts?.map((c) => c.EmailAddress)).toEqual(['b@example.net']);

    const arn = 'arn:aws:ses:us-east-1:123456789012:configuration-set/tx';
    await ses.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect((await ses.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'mail' },
      { Key: 'env', Value: 'dev' },
    ]);
    await expect(ses.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:ses:us-east-1:123456789012:configuration-set/none' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
