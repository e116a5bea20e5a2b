import { SendBounceCommand, SESClient, VerifyDomainIdentityCommand } from '@aws-sdk/client-ses';
import { useMockAws } from '../lifecycle';

describe('SES v1 SendBounce', () => {
  const aws = useMockAws();
  const ses = new SESClient({ region: 'us-east-1' });

  beforeEach(async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
  });

  it('sends a delivery status notification to the sender of a received message; the test reads it back', async () => {
    const b = await aws.backends.sesv2();
    const original = b.receive({ from: 'someone@else.org', to: ['gone@example.com', 'here@example.com'], subject: 'Hi' });
    expect(original).toMatch(/^[a-z0-9]{40}$/);
    const { MessageId } = await ses.send(
      new SendBounceCommand({
        OriginalMessageId: original,
        BounceSender: 'mailer-daemon@example.com',
        Explanation: 'No such mailbox here.',
        MessageDsn: { ReportingMta: 'dns; mx.example.com', ExtensionFields: [{ Name: 'X-Case', Value: '42' }] },
        BouncedRecipientInfoList: [
          { Recipient: 'gone@example.com', BounceType: 'DoesNotExist' },
          { Recipient: 'here@example.com', RecipientDsnFields: { Action: 'delayed', Status: '4.2.2', DiagnosticCode: 'smtp; 452 mailbox full' } },
        ],
      }),
    );
    const bounce = b.sent.find((m) => m.messageId === MessageId);
    expect(bounce).toMatchObject({ operation: 'SendBounce', from: 'mailer-daemon@example.com', to: ['someone@else.org'], subject: 'Delivery Status Notification (Failure)' });
    expect(bounce?.headers['content-type']).toContain('multipart/report; report-type=delivery-status');
    // mailparser reads the message/delivery-status part as text, after the explanation.
    const dsn = bounce?.text?.replace(/\r?\n/g, '\r\n');
    expect(dsn?.startsWith('No such mailbox here.')).toBe(true);
    expect(dsn).toContain('Reporting-MTA: dns; mx.example.com');
    expect(dsn).toContain('X-Case: 42');
    expect(dsn).toContain('Final-Recipient: rfc822; gone@example.com\r\nAction: failed\r\nStatus: 5.1.1');
    expect(dsn).toContain('Final-Recipient: rfc822; here@example.com\r\nAction: delayed\r\nStatus: 4.2.2\r\nDiagnostic-Code: smtp; 452 mailbox full');
  });

  it("answers MessageRejected for an unknown or day-old message and an unverified bounce sender; InvalidParameterValue for a recipient not in the message", async () => {
    const b = await aws.backends.sesv2();
    const original = b.receive({ from: 'someone@else.org', to: ['gone@example.com'] });
    const bounce = (over: Partial<ConstructorParameters<typeof SendBounceCommand>[0]>) =>
      ses.send(new SendBounceCommand({ OriginalMessageId: original, BounceSender: 'mailer-daemon@example.com', BouncedRecipientInfoList: [{ Recipient: 'gone@example.com', BounceType: 'DoesNotExist' }], ...over }));
    await expect(bounce({ OriginalMessageId: 'nope' })).rejects.toMatchObject({ name: 'MessageRejected', $metadata: { httpStatusCode: 400 } });
    await expect(bounce({ BounceSender: 'x@unverified.org' })).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: x@unverified.org',
    });
    await expect(bounce({ BouncedRecipientInfoList: [{ Recipient: 'other@example.com', BounceType: 'DoesNotExist' }] })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(bounce({ BouncedRecipientInfoList: [{ Recipient: 'gone@example.com' }] })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const before = b.sent.length;
    aws.clock.advance(24 * 3600_000 + 1);
    await expect(bounce({})).rejects.toMatchObject({ name: 'MessageRejected' });
    expect(b.sent.length).toBe(before);
  });
});
