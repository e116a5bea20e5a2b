import {
  CreateEmailIdentityCommand,
  CreateEmailTemplateCommand,
  GetAccountCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutAccountDetailsCommand,
  PutEmailIdentityMailFromAttributesCommand,
  SendBulkEmailCommand,
  SendEmailCommand,
  SESv2Client,
  TestRenderEmailTemplateCommand,
} from '@aws-sdk/client-sesv2';
import { useMockAws } from '../lifecycle';

const region = 'us-east-1';

describe('SES v2 identities, sandbox and sending', () => {
  const aws = useMockAws();
  const ses = new SESv2Client({ region });
  const simple = (to: string[], from = 'sender@example.com') =>
    new SendEmailCommand({ FromEmailAddress: from, Destination: { ToAddresses: to }, Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' }, Html: { Data: '<p>Hello</p>' } } } } });

  it('keeps a new identity pending until verified; DKIM tokens for domains', async () => {
    const created = await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    expect(created.IdentityType).toBe('DOMAIN');
    expect(created.VerifiedForSendingStatus).toBe(false);
    expect(created.DkimAttributes?.Tokens).toHaveLength(3);
    expect(created.DkimAttributes?.Status).toBe('PENDING');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'me@other.org' }));
    const listed = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 1 }));
    expect(listed.EmailIdentities?.map((i) => [i.IdentityName, i.IdentityType, i.VerificationStatus])).toEqual([['example.com', 'DOMAIN', 'PENDING']]);
    const next = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 1, NextToken: listed.NextToken }));
    expect(next.EmailIdentities?.map((i) => i.IdentityName)).toEqual(['me@other.org']);
    expect(next.NextToken).toBeUndefined();

    (await aws.backends.sesv2()).verify('example.com');
    const got = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    expect([got.VerificationStatus, got.VerifiedForSendingStatus, got.DkimAttributes?.Status]).toEqual(['SUCCESS', true, 'SUCCESS']);
    await expect(ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    await expect(ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'nope.com' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('rejects unverified senders and, in the sandbox, unverified recipients', async () => {
    await expect(ses.send(simple(['a@example.net']))).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: sender@example.com',
    });
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    (await aws.backends.sesv2()).verify('example.com');
    await expect(ses.send(simple(['a@example.net', 'b@example.net', 'c@example.com']))).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: a@example.net, b@example.net',
    });
    expect((await aws.backends.sesv2()).sent).toHaveLength(0);
    // The mailbox simulator is reachable from the sandbox.
    await ses.send(simple(['success@simulator.amazonses.com']));
    await ses.send(new PutAccountDetailsCommand({ MailType: 'TRANSACTIONAL', WebsiteURL: 'https://example.com', ProductionAccessEnabled: true }));
    const { MessageId } = await ses.send(simple(['a@example.net']));
    expect(MessageId).toMatch(/^0100[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$/);
    const account = await ses.send(new GetAccountCommand({}));
    expect(account.ProductionAccessEnabled).toBe(true);
    expect(account.SendQuota).toEqual({ Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 2 });
    const sent = (await aws.backends.sesv2()).sent.at(-1);
    expect(sent).toMatchObject({ messageId: MessageId, from: 'sender@example.com', to: ['a@example.net'], subject: 'Hi', text: 'Hello', html: '<p>Hello</p>' });
  });

  it('autoVerify verifies new identities; malformed addresses and too many recipients are refused', async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    await expect(ses.send(simple(['no-domain']))).rejects.toMatchObject({ name: 'BadRequestException', message: "Missing final '@domain'" });
    await expect(ses.send(simple(['a b@example.com']))).rejects.toMatchObject({ name: 'BadRequestException', message: 'Illegal address' });
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
    await expect(ses.send(simple(many))).rejects.toMatchObject({ name: 'BadRequestException', message: 'Recipient count exceeds 50.' });
    await expect(ses.send(new SendEmailCommand({ FromEmailAddress: 'x@example.com', Destination: { ToAddresses: ['y@example.com'] }, ConfigurationSetName: 'nope', Content: { Simple: { Subject: { Data: 's' }, Body: {} } } }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Configuration set <nope> does not exist.',
    });
    await ses.send(simple(['r1@example.com'], 'Sender <x@example.com>'));
    expect((await aws.backends.sesv2()).sent.map((m) => m.from)).toEqual(['x@example.com']);
  });

  it('rejects a domain whose MAIL FROM domain is not verified when told to reject', async () => {
    const b = await aws.backends.sesv2();
    b.productionAccess = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    b.verify('example.com');
    await expect(ses.send(new PutEmailIdentityMailFromAttributesCommand({ EmailIdentity: 'example.com', MailFromDomain: 'mail.other.org' }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await ses.send(new PutEmailIdentityMailFromAttributesCommand({ EmailIdentity: 'example.com', MailFromDomain: 'bounce.example.com', BehaviorOnMxFailure: 'REJECT_MESSAGE' }));
    expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }))).MailFromAttributes).toEqual({ MailFromDomain: 'bounce.example.com', MailFromDomainStatus: 'PENDING', BehaviorOnMxFailure: 'REJECT_MESSAGE' });
    await expect(ses.send(simple(['a@b.com'], 'me@example.com'))).rejects.toMatchObject({ name: 'MailFromDomainNotVerifiedException' });
    b.verify('example.com');
    await ses.send(simple(['a@b.com'], 'me@example.com'));
  });

  it('parses raw MIME messages: subject, text, html, attachments, headers', async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    const raw = [
      'From: Shop <shop@example.com>',
      'To: buyer@example.com',
      'Subject: Your receipt',
      'X-Order: 42',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thanks for your order.',
      '--b1',
      'Content-Type: text/csv; name="receipt.csv"',
      'Content-Disposition: attachment; filename="receipt.csv"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('item,price\nbook,10\n').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw) } } }));
    const [m] = (await aws.backends.sesv2()).sent;
    expect(m).toMatchObject({ from: 'shop@example.com', to: ['buyer@example.com'], subject: 'Your receipt', text: 'Thanks for your order.' });
    expect(m.headers['x-order']).toBe('42');
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['receipt.csv', 'text/csv', 'item,price\nbook,10\n']]);
  });

  it('renders templates with Handlebars-style substitution, inline or stored, and in bulk', async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    await ses.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'welcome',
        TemplateContent: { Subject: 'Welcome {{name}}', Text: 'Hi {{name}}{{#if vip}}, VIP{{/if}}: {{#each items}}[{{this}}]{{/each}}', Html: '<b>{{name}}</b> {{{raw}}}' },
      }),
    );
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'app@example.com',
        Destination: { ToAddresses: ['u@example.com'] },
        Content: { Template: { TemplateName: 'welcome', TemplateData: JSON.stringify({ name: 'A<b>', vip: true, items: ['x', 'y'], raw: '<i>r</i>' }) } },
      }),
    );
    const [m] = (await aws.backends.sesv2()).sent;
    expect([m.subject, m.text, m.html]).toEqual(['Welcome A<b>', 'Hi A<b>, VIP: [x][y]', '<b>A&lt;b&gt;</b> <i>r</i>']);
    const rendered = await ses.send(new TestRenderEmailTemplateCommand({ TemplateName: 'welcome', TemplateData: '{"name":"Z","items":[],"raw":""}' }));
    expect(rendered.RenderedTemplate).toContain('Subject: Welcome Z');
    await expect(ses.send(new TestRenderEmailTemplateCommand({ TemplateName: 'welcome', TemplateData: '{}' }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(ses.send(new TestRenderEmailTemplateCommand({ TemplateName: 'nope', TemplateData: '{}' }))).rejects.toMatchObject({ name: 'NotFoundException' });

    const bulk = await ses.send(
      new SendBulkEmailCommand({
        FromEmailAddress: 'app@example.com',
        DefaultContent: { Template: { TemplateName: 'welcome', TemplateData: '{"name":"default","items":[],"raw":""}' } },
        BulkEmailEntries: [
          { Destination: { ToAddresses: ['one@example.com'] }, ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: '{"name":"One","items":[],"raw":""}' } } },
          { Destination: { ToAddresses: ['bad'] } },
          { Destination: { ToAddresses: ['two@example.com'] } },
        ],
      }),
    );
    expect(bulk.BulkEmailEntryResults?.map((r) => r.Status)).toEqual(['SUCCESS', 'INVALID_PARAMETER', 'SUCCESS']);
    expect((await aws.backends.sesv2()).sent.slice(1).map((s) => s.subject)).toEqual(['Welcome One', 'Welcome default']);
  });
});
