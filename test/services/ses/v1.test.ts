import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetTrackingOptionsCommand,
  DescribeConfigurationSetCommand,
  GetIdentityPoliciesCommand,
  GetSendStatisticsCommand,
  ListIdentityPoliciesCommand,
  PutIdentityPolicyCommand,
  ReorderReceiptRuleSetCommand,
  CreateReceiptRuleCommand,
  CreateReceiptRuleSetCommand,
  CreateTemplateCommand,
  DescribeReceiptRuleSetCommand,
  GetIdentityDkimAttributesCommand,
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  GetTemplateCommand,
  ListIdentitiesCommand,
  ListTemplatesCommand,
  SendBulkTemplatedEmailCommand,
  SendEmailCommand,
  SendRawEmailCommand,
  SendTemplatedEmailCommand,
  SESClient,
  SetActiveReceiptRuleSetCommand,
  DeleteReceiptRuleSetCommand,
  VerifyDomainDkimCommand,
  VerifyDomainIdentityCommand,
  VerifyEmailIdentityCommand,
} from '@aws-sdk/client-ses';
import { GetEmailTemplateCommand, ListConfigurationSetsCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { useMockAws } from '../lifecycle';


describe('SES v1 on the shared email state', () => {
  const aws = useMockAws();
  const ses = new SESClient({ region: 'us-east-1' });
  const v2 = new SESv2Client({ region: 'us-east-1' });

  it('verifies addresses (the verification mail is readable) and domains with DKIM tokens', async () => {
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: 'me@example.com' }));
    const mails = await (await aws.backends.ses()).sent();
    expect(mails.map((m) => [m.operation, m.to, m.from])).toEqual([['VerifyEmailIdentity', ['me@example.com'], 'no-reply-aws@amazon.com']]);
    expect(mails[0].text).toContain('Identity.IdentityValue=me%40example.com');
    const { VerificationToken } = await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.org' }));
    expect(VerificationToken).toBeTruthy();
    const { DkimTokens } = await ses.send(new VerifyDomainDkimCommand({ Domain: 'example.org' }));
    expect(DkimTokens).toHaveLength(3);
    const attrs = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ['me@example.com', 'example.org', 'unknown.net'] }));
    expect(Object.keys(attrs.VerificationAttributes ?? {}).sort()).toEqual(['example.org', 'me@example.com']);
    expect(attrs.VerificationAttributes?.['me@example.com'].VerificationStatus).toBe('Pending');
    (await aws.backends.sesv2()).verify('example.org');
    const dkim = await ses.send(new GetIdentityDkimAttributesCommand({ Identities: ['example.org'] }));
    expect(dkim.DkimAttributes?.['example.org']).toMatchObject({ DkimEnabled: true, DkimVerificationStatus: 'Success', DkimTokens });
    expect((await ses.send(new ListIdentitiesCommand({ IdentityType: 'Domain' }))).Identities).toEqual(['example.org']);
    // The verification mail does not count against the quota.
    expect(await ses.send(new GetSendQuotaCommand({}))).toMatchObject({ Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 });
  });

  it('answers the v1 codes: MessageRejected, InvalidParameterValue, ConfigurationSetDoesNotExist, TemplateDoesNotExist', async () => {
    const send = (to: string[], extra = {}) =>
      ses.send(new SendEmailCommand({ Source: 'app@example.com', Destination: { ToAddresses: to }, Message: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } }, ...extra }));
    await expect(send(['x@example.com'])).rejects.toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: app@example.com',
      $metadata: { httpStatusCode: 400 },
    });
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
    (await aws.backends.sesv2()).verify('example.com');
    await expect(send(['nodomain'])).rejects.toMatchObject({ name: 'InvalidParameterValue', message: "Missing final '@domain'" });
    await expect(send(['x@example.com'], { ConfigurationSetName: 'nope' })).rejects.toMatchObject({ name: 'ConfigurationSetDoesNotExistException', message: 'Configuration set <nope> does not exist.' });
    await expect(ses.send(new SendTemplatedEmailCommand({ Source: 'app@example.com', Destination: { ToAddresses: ['x@example.com'] }, Template: 'nope', TemplateData: '{}' }))).rejects.toMatchObject({
      name: 'TemplateDoesNotExistException',
      message: 'Template nope does not exist.',
    });
    const { MessageId } = await send(['x@example.com', 'y@example.com']);
    expect(MessageId).toMatch(/^0100[0-9a-f]{12}-/);
    expect((await ses.send(new GetSendQuotaCommand({}))).SentLast24Hours).toBe(2);
  });

  it('sends raw and templated mail; templates and configuration sets are shared with SES v2', async () => {
    const b = await aws.backends.sesv2();
    b.autoVerify = true;
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
    const raw = 'From: a@example.com\r\nTo: b@example.com, c@example.com\r\nSubject: Raw one\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n';
    await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) }, Destinations: ['b@example.com'] }));
    expect(b.sent.at(-1)).toMatchObject({ operation: 'SendRawEmail', from: 'a@example.com', to: ['b@example.com', 'c@example.com'], recipients: ['b@example.com'], subject: 'Raw one', html: '<p>hi</p>\n' });

    await ses.send(new CreateTemplateCommand({ Template: { TemplateName: 'hello', SubjectPart: 'Hello {{who}}', TextPart: 'Dear {{who}}' } }));
    await expect(ses.send(new CreateTemplateCommand({ Template: { TemplateName: 'hello', SubjectPart: 'x' } }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    expect((await v2.send(new GetEmailTemplateCommand({ TemplateName: 'hello' }))).TemplateContent).toEqual({ Subject: 'Hello {{who}}', Text: 'Dear {{who}}' });
    expect((await ses.send(new GetTemplateCommand({ TemplateName: 'hello' }))).Template?.SubjectPart).toBe('Hello {{who}}');
    expect((await ses.send(new ListTemplatesCommand({}))).TemplatesMetadata?.map((t) => t.Name)).toEqual(['hello']);
    await ses.send(new SendTemplatedEmailCommand({ Source: 'app@example.com', Destination: { ToAddresses: ['x@example.com'] }, Template: 'hello', TemplateData: '{"who":"Ann"}' }));
    expect([b.sent.at(-1)?.subject, b.sent.at(-1)?.text]).toEqual(['Hello Ann', 'Dear Ann']);
    const bulk = await ses.send(
      new SendBulkTemplatedEmailCommand({
        Source: 'app@example.com',
        Template: 'hello',
        DefaultTemplateData: '{"who":"you"}',
        Destinations: [{ Destination: { ToAddresses: ['p@example.com'] }, ReplacementTemplateData: '{"who":"Pat"}' }, { Destination: { ToAddresses: ['q@example.com'] } }],
      }),
    );
    expect(bulk.Status?.map((s) => s.Status)).toEqual(['Success', 'Success']);
    expect(b.sent.slice(-2).map((m) => m.subject)).toEqual(['Hello Pat', 'Hello you']);
    // A missing attribute: SES accepts the call and sends nothing (a rendering failure).
    const before = b.sent.length;
    await ses.send(new SendTemplatedEmailCommand({ Source: 'app@example.com', Destination: { ToAddresses: ['x@example.com'] }, Template: 'hello', TemplateData: '{}' }));
    expect(b.sent.length).toBe(before);
    expect(b.renderingFailures.at(-1)?.errorMessage).toBe("Attribute 'who' is not present in the rendering data.");

    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: 'tx' } }));
    expect((await v2.send(new ListConfigurationSetsCommand({}))).ConfigurationSets).toEqual(['tx']);
    await expect(ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: 'tx' } }))).rejects.toMatchObject({ name: 'ConfigurationSetAlreadyExistsException' });
  });

  it('stores receipt rule sets and rules in order', async () => {
    await ses.send(new CreateReceiptRuleSetCommand({ RuleSetName: 'inbound' }));
    await ses.send(new CreateReceiptRuleCommand({ RuleSetName: 'inbound', Rule: { Name: 'first', Enabled: true, Recipients: ['in@example.com'] } }));
    await ses.send(new CreateReceiptRuleCommand({ RuleSetName: 'inbound', After: 'first', Rule: { Name: 'second', Actions: [{ StopAction: { Scope: 'RuleSet' } }] } }));
    const described = await ses.send(new DescribeReceiptRuleSetCommand({ RuleSetName: 'inbound' }));
    expect(described.Rules?.map((r) => r.Name)).toEqual(['first', 'second']);
    expect(described.Rules?.[1].Actions).toEqual([{ StopAction: { Scope: 'RuleSet' } }]);
    await expect(ses.send(new CreateReceiptRuleCommand({ RuleSetName: 'nope', Rule: { Name: 'r' } }))).rejects.toMatchObject({ name: 'RuleSetDoesNotExistException', message: 'Rule set does not exist: nope' });
    await ses.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: 'inbound' }));
    await expect(ses.send(new DeleteReceiptRuleSetCommand({ RuleSetName: 'inbound' }))).rejects.toMatchObject({ name: 'CannotDeleteException' });
  });

  it('stores identity policies and tracking options, reorders rules, and reports send statistics', async () => {
    const b = await aws.backends.sesv2();
    b.autoVerify = true;
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await ses.send(new PutIdentityPolicyCommand({ Identity: 'example.com', PolicyName: 'p1', Policy: policy }));
    await expect(ses.send(new PutIdentityPolicyCommand({ Identity: 'example.com', PolicyName: 'p2', Policy: 'not json' }))).rejects.toMatchObject({ name: 'InvalidPolicyException' });
    expect((await ses.send(new ListIdentityPoliciesCommand({ Identity: 'example.com' }))).PolicyNames).toEqual(['p1']);
    expect((await ses.send(new GetIdentityPoliciesCommand({ Identity: 'example.com', PolicyNames: ['p1', 'zz'] }))).Policies).toEqual({ p1: policy });

    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: 'tx' } }));
    await ses.send(new CreateConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'tx', TrackingOptions: { CustomRedirectDomain: 'click.example.com' } }));
    await expect(ses.send(new CreateConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'tx', TrackingOptions: { CustomRedirectDomain: 'x.example.com' } }))).rejects.toMatchObject({ name: 'TrackingOptionsAlreadyExistsException' });
    const described = await ses.send(new DescribeConfigurationSetCommand({ ConfigurationSetName: 'tx', ConfigurationSetAttributeNames: ['trackingOptions', 'eventDestinations'] }));
    expect(described).toMatchObject({ ConfigurationSet: { Name: 'tx' }, TrackingOptions: { CustomRedirectDomain: 'click.example.com' }, EventDestinations: [] });

    await ses.send(new CreateReceiptRuleSetCommand({ RuleSetName: 'in' }));
    await ses.send(new CreateReceiptRuleCommand({ RuleSetName: 'in', Rule: { Name: 'a' } }));
    await ses.send(new CreateReceiptRuleCommand({ RuleSetName: 'in', After: 'a', Rule: { Name: 'b' } }));
    await ses.send(new ReorderReceiptRuleSetCommand({ RuleSetName: 'in', RuleNames: ['b', 'a'] }));
    expect((await ses.send(new DescribeReceiptRuleSetCommand({ RuleSetName: 'in' }))).Rules?.map((r) => r.Name)).toEqual(['b', 'a']);
    await expect(ses.send(new ReorderReceiptRuleSetCommand({ RuleSetName: 'in', RuleNames: ['b'] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });

    await ses.send(new SendEmailCommand({ Source: 'app@example.com', Destination: { ToAddresses: ['success@simulator.amazonses.com', 'bounce@simulator.amazonses.com'] }, Message: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } } }));
    const [point] = (await ses.send(new GetSendStatisticsCommand({}))).SendDataPoints ?? [];
    expect(point).toMatchObject({ DeliveryAttempts: 2, Bounces: 1, Complaints: 0, Rejects: 0 });
  });
});
