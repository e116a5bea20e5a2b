/** SES v1 SendEmail, SendRawEmail, SendTemplatedEmail, SendBulkTemplatedEmail. */
import { MailError } from '../../sesv2/exceptions';
import type { SesBackend } from '../../sesv2/models/backend';
import { sendMail } from '../../sesv2/models/send';
import type * as T from '../types';
import { tagRecord } from './common';

export async function sendEmail(input: T.SendEmailRequest, b: SesBackend): Promise<T.SendEmailResponse> {
  const d = input.Destination;
  const sent = await sendMail(b, {
    operation: 'SendEmail',
    from: input.Source,
    to: d.ToAddresses,
    cc: d.CcAddresses,
    bcc: d.BccAddresses,
    replyTo: input.ReplyToAddresses,
    subject: input.Message.Subject.Data,
    text: input.Message.Body.Text?.Data,
    html: input.Message.Body.Html?.Data,
    configurationSet: input.ConfigurationSetName,
    tags: tagRecord(input.Tags),
  });
  return { MessageId: sent.messageId };
}

/** The raw message's headers give the sender and recipients unless Source and Destinations are passed. */
export async function sendRawEmail(input: T.SendRawEmailRequest, b: SesBackend): Promise<T.SendRawEmailResponse> {
  const sent = await sendMail(b, {
    operation: 'SendRawEmail',
    from: input.Source,
    envelope: input.Destinations?.length ? input.Destinations : undefined,
    raw: Buffer.from(input.RawMessage.Data),
    rawLimit: 10 * 1024 * 1024,
    configurationSet: input.ConfigurationSetName,
    tags: tagRecord(input.Tags),
  });
  return { MessageId: sent.messageId };
}

function templateName(name: string | undefined, arn: string | undefined): string {
  return name ?? arn?.slice(arn.lastIndexOf('/') + 1) ?? '';
}

export async function sendTemplatedEmail(input: T.SendTemplatedEmailRequest, b: SesBackend): Promise<T.SendTemplatedEmailResponse> {
  const name = templateName(input.Template, input.TemplateArn);
  const t = b.template(name);
  const d = input.Destination;
  const sent = await sendMail(b, {
    operation: 'SendTemplatedEmail',
    from: input.Source,
    to: d.ToAddresses,
    cc: d.CcAddresses,
    bcc: d.BccAddresses,
    replyTo: input.ReplyToAddresses,
    configurationSet: input.ConfigurationSetName,
    tags: tagRecord(input.Tags),
    template: { name, data: input.TemplateData },
    templateParts: { subject: t.subject, text: t.text, html: t.html },
  });
  return { MessageId: sent.messageId };
}

const BULK_STATUS: Record<string, string> = {
  rejected: 'MessageRejected',
  mailFrom: 'MailFromDomainNotVerified',
  invalid: 'InvalidParameterValue',
  notFound: 'InvalidParameterValue',
  limit: 'Failed',
};

/** Each destination is a message of its own; one destination's failure is its status only. */
export async function sendBulkTemplatedEmail(input: T.SendBulkTemplatedEmailRequest, b: SesBackend): Promise<T.SendBulkTemplatedEmailResponse> {
  const name = templateName(input.Template, input.TemplateArn);
  const t = b.template(name);
  if (input.ConfigurationSetName !== undefined) b.configurationSet(input.ConfigurationSetName);
  const Status: T.BulkEmailDestinationStatus[] = [];
  for (const dest of input.Destinations) {
    try {
      const sent = await sendMail(b, {
        operation: 'SendBulkTemplatedEmail',
        from: input.Source,
        to: dest.Destination.ToAddresses,
        cc: dest.Destination.CcAddresses,
        bcc: dest.Destination.BccAddresses,
        replyTo: input.ReplyToAddresses,
        configurationSet: input.ConfigurationSetName,
        tags: tagRecord(input.DefaultTags, dest.ReplacementTags),
        template: { name, data: dest.ReplacementTemplateData ?? input.DefaultTemplateData },
        templateParts: { subject: t.subject, text: t.text, html: t.html },
      });
      Status.push({ Status: 'Success', MessageId: sent.messageId });
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      Status.push({ Status: BULK_STATUS[err.kind] ?? 'Failed', Error: err.message });
    }
  }
  return { Status };
}
