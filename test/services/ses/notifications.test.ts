import { SendEmailCommand, SESClient, SetIdentityHeadersInNotificationsEnabledCommand, SetIdentityNotificationTopicCommand, VerifyDomainIdentityCommand } from '@aws-sdk/client-ses';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('SES v1 identity notifications', () => {
  const aws = useMockAws();
  const ses = new SESClient({ region: 'us-east-1' });
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });

  it('publishes Bounce and Delivery notifications of the sending identity to its topics', async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'bounces' }));
    const url = await createQueue(sqs, 'bounces');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('bounces'), Attributes: { RawMessageDelivery: 'true' } }));
    await ses.send(new SetIdentityNotificationTopicCommand({ Identity: 'example.com', NotificationType: 'Bounce', SnsTopic: TopicArn }));
    await ses.send(new SetIdentityHeadersInNotificationsEnabledCommand({ Identity: 'example.com', NotificationType: 'Bounce', Enabled: true }));
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        Source: 'app@example.com',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com', 'success@simulator.amazonses.com'] },
        Message: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } },
      }),
    );
    const bodies = ((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? []).map((m) => JSON.parse(m.Body as string));
    // Only the bounce: no Delivery topic is set.
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      notificationType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com' }] },
      mail: { messageId: MessageId, source: 'app@example.com', sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com', commonHeaders: { subject: 'S' } },
    });
  });
});
