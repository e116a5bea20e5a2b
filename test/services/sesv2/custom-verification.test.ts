import { CreateCustomVerificationEmailTemplateCommand as V1Create, ListCustomVerificationEmailTemplatesCommand as V1List, SESClient } from '@aws-sdk/client-ses';
import {
  CreateCustomVerificationEmailTemplateCommand,
  CreateEmailIdentityCommand,
  GetAccountCommand,
  GetCustomVerificationEmailTemplateCommand,
  GetEmailIdentityCommand,
  SendCustomVerificationEmailCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { useMockAws } from '../lifecycle';

describe('custom verification email templates', () => {
  const aws = useMockAws();
  const v2 = new SESv2Client({ region: 'us-east-1' });
  const v1 = new SESClient({ region: 'us-east-1' });
  const template = {
    TemplateName: 'welcome',
    FromEmailAddress: 'verify@example.com',
    TemplateSubject: 'Please confirm',
    TemplateContent: '<p>Confirm your address</p>',
    SuccessRedirectionURL: 'https://example.com/ok',
    FailureRedirectionURL: 'https://example.com/fail',
  };

  it('stores templates for both APIs and sends the verification mail from a verified sender', async () => {
    await v2.send(new CreateCustomVerificationEmailTemplateCommand(template));
    await expect(v1.send(new V1Create(template))).rejects.toMatchObject({ name: 'CustomVerificationEmailTemplateAlreadyExistsException' });
    expect((await v1.send(new V1List({}))).CustomVerificationEmailTemplates?.map((t) => t.TemplateName)).toEqual(['welcome']);
    expect(await v2.send(new GetCustomVerificationEmailTemplateCommand({ TemplateName: 'welcome' }))).toMatchObject(template);
    await expect(v2.send(new GetCustomVerificationEmailTemplateCommand({ TemplateName: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });

    await expect(v2.send(new SendCustomVerificationEmailCommand({ EmailAddress: 'user@example.net', TemplateName: 'welcome' }))).rejects.toMatchObject({ name: 'MessageRejected' });
    await v2.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    (await aws.backends.sesv2()).verify('example.com');
    const { MessageId } = await v2.send(new SendCustomVerificationEmailCommand({ EmailAddress: 'user@example.net', TemplateName: 'welcome' }));
    const mail = (await aws.backends.sesv2()).sent.at(-1);
    expect(mail).toMatchObject({ messageId: MessageId, operation: 'SendCustomVerificationEmail', from: 'verify@example.com', to: ['user@example.net'], subject: 'Please confirm' });
    expect(mail?.html).toContain('Identity.IdentityValue=user%40example.net');
    expect((await v2.send(new GetEmailIdentityCommand({ EmailIdentity: 'user@example.net' }))).VerificationStatus).toBe('PENDING');
    expect((await v2.send(new GetAccountCommand({}))).SendQuota?.SentLast24Hours).toBe(0);
  });
});
