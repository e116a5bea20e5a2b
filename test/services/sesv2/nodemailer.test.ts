/**
 * Scenario: an application sends through nodemailer's SES transport (an
 * SESv2 client and SendEmailCommand, raw MIME) and the test reads the
 * message back from the backend, parsed.
 */
import { CreateEmailIdentityCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { createTransport } from 'nodemailer';
import { useMockAws } from '../lifecycle';

describe('nodemailer over SES v2', () => {
  const aws = useMockAws();
  const sesClient = new SESv2Client({ region: 'us-east-1' });

  it('sends a multipart message with an attachment that the test reads back', async () => {
    await sesClient.send(new CreateEmailIdentityCommand({ EmailIdentity: 'shop.example' }));
    (await aws.backends.sesv2()).verify('shop.example');
    (await aws.backends.sesv2()).productionAccess = true;
    const transport = createTransport({ SES: { sesClient, SendEmailCommand } });
    const info = await transport.sendMail({
      from: '"Shop" <orders@shop.example>',
      to: 'buyer@example.net',
      cc: 'audit@example.net',
      subject: 'Order #42 confirmed',
      text: 'Your order is on its way.',
      html: '<p>Your order is <b>on its way</b>.</p>',
      headers: { 'X-Order-Id': '42' },
      attachments: [{ filename: 'invoice.txt', content: 'Total: 10 EUR' }],
    });
    const [sent] = (await aws.backends.sesv2()).sent;
    expect(info.messageId).toBe(`<${sent.messageId}@email.amazonses.com>`);
    expect(sent).toMatchObject({
      from: 'orders@shop.example',
      to: ['buyer@example.net'],
      cc: ['audit@example.net'],
      recipients: ['buyer@example.net', 'audit@example.net'],
      subject: 'Order #42 confirmed',
      text: 'Your order is on its way.',
      html: '<p>Your order is <b>on its way</b>.</p>',
    });
    expect(sent.headers['x-order-id']).toBe('42');
    expect(sent.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['invoice.txt', 'Total: 10 EUR']]);
  });

  it("surfaces SES's rejection through nodemailer", async () => {
    const transport = createTransport({ SES: { sesClient, SendEmailCommand } });
    await expect(transport.sendMail({ from: 'nobody@unverified.example', to: 'x@example.net', subject: 's', text: 't' })).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: nobody@unverified.example',
    });
  });
});

describe('mockSESv2 with mockSES (per-service mode)', () => {
  it('SES v1 reaches the shared state when both APIs are mocked', async () => {
    const { mockSES, mockSESv2 } = await import('../../../src/index');
    const v2 = mockSESv2();
    const v1 = mockSES();
    try {
      const client = new SESv2Client({ region: 'us-east-1' });
      await client.send(new CreateEmailIdentityCommand({ EmailIdentity: 'a@example.com' }));
      const { SESClient, ListIdentitiesCommand } = await import('@aws-sdk/client-ses');
      expect((await new SESClient({ region: 'us-east-1' }).send(new ListIdentitiesCommand({}))).Identities).toEqual(['a@example.com']);
    } finally {
      v1.stop();
      v2.stop();
    }
  });
});
