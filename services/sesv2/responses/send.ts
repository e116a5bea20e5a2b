/** SES v2 SendEmail (Simple, Raw, Template content) and SendBulkEmail. */
import { MailError } from '../exceptions';
import type { Draft } from '../models/send';
import { sendMail } from '../models/send';
import type * as T from '../types';
import type { Ctx } from './common';
import { tenantSend } from './tenants';

/** v2 accepts raw messages up to 40 MB. */
const RAW_LIMIT = 40 * 1024 * 1024;

function tags(list: Array<{ Name: string; Value: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const t of list ?? []) out[t.Name] = t.Value;
  return out;
}

function headers(list: Array<{ Name: string; Value: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const h of list ?? []) out[h.Name.toLowerCase()] = h.Value;
  return out;
}

function templateName(t: T.Template): string | undefined {
  return t.TemplateName ?? t.TemplateArn?.slice(t.TemplateArn.lastIndexOf('/') + 1);
}

/** A template's parts: inline TemplateContent, else the stored template by name or ARN. */
function templateParts(t: T.Template, ctx: Ctx) {
  if (t.TemplateContent) return { subject: t.TemplateContent.Subject, text: t.TemplateContent.Text, html: t.TemplateContent.Html };
  const name = templateName(t);
  if (name === undefined) throw new MailError('invalid', 'Template name or content is required.');
  const stored = ctx.backend.template(name);
  return { subject: stored.subject, text: stored.text, html: stored.html };
}

function draftOf(input: T.SendEmailRequest, ctx: Ctx): Draft {
  const base: Draft = {
    operation: 'SendEmail',
    from: input.FromEmailAddress,
    to: input.Destination?.ToAddresses,
    cc: input.Destination?.CcAddresses,
    bcc: input.Destination?.BccAddresses,
    replyTo: input.ReplyToAddresses,
    configurationSet: input.ConfigurationSetName,
    tags: tags(input.EmailTags),
  };
  const c = input.Content;
  const kinds = [c.Simple, c.Raw, c.Template].filter((x) => x !== undefined).length;
  if (kinds !== 1) throw new MailError('invalid', 'Exactly one of Simple, Raw or Template content must be specified.');
  if (c.Simple) {
    return {
      ...base,
      subject: c.Simple.Subject.Data,
      text: c.Simple.Body.Text?.Data,
      html: c.Simple.Body.Html?.Data,
      headers: headers(c.Simple.Headers),
      attachments: (c.Simple.Attachments ?? []).map((a) => ({ filename: a.FileName, contentType: a.ContentType ?? 'application/octet-stream', content: Buffer.from(a.RawContent) })),
    };
  }
  if (c.Raw) {
    // A raw message's envelope comes from Destination when given, else its headers.
    const envelope = input.Destination ? [...(input.Destination.ToAddresses ?? []), ...(input.Destination.CcAddresses ?? []), ...(input.Destination.BccAddresses ?? [])] : undefined;
    return { ...base, to: undefined, cc: undefined, bcc: undefined, envelope, raw: Buffer.from(c.Raw.Data), rawLimit: RAW_LIMIT };
  }
  const t = c.Template as T.Template;
  return { ...base, headers: headers(t.Headers), template: { name: templateName(t), data: t.TemplateData ?? '{}' }, templateParts: templateParts(t, ctx) };
}

/** The tenant a send goes through, checked (see tenantSend); its suppression list for the draft. */
function throughTenant(input: { TenantName?: string; FromEmailAddress?: string; ConfigurationSetName?: string }, template: string | undefined, ctx: Ctx) {
  if (input.TenantName === undefined) return undefined;
  return tenantSend(input.TenantName, { from: input.FromEmailAddress, configurationSet: input.ConfigurationSetName, template }, ctx);
}

export async function sendEmail(input: T.SendEmailRequest, ctx: Ctx): Promise<T.SendEmailResponse> {
  const draft = draftOf(input, ctx);
  const suppressionList = throughTenant(input, draft.template?.name, ctx);
  const sent = await sendMail(ctx.backend, { ...draft, suppressionList });
  return { MessageId: sent.messageId };
}

const BULK_STATUS: Record<string, string> = {
  rejected: 'MESSAGE_REJECTED',
  mailFrom: 'MAIL_FROM_DOMAIN_NOT_VERIFIED',
  invalid: 'INVALID_PARAMETER',
  notFound: 'INVALID_PARAMETER',
  limit: 'LIMIT_EXCEEDED',
};

/** Each entry is its own message from the default template with the entry's data; one entry's failure is its result only. */
export async function sendBulkEmail(input: T.SendBulkEmailRequest, ctx: Ctx): Promise<T.SendBulkEmailResponse> {
  const t = input.DefaultContent.Template;
  if (!t) throw new MailError('invalid', 'DefaultContent must contain a Template.');
  if (input.ConfigurationSetName !== undefined) ctx.backend.configurationSet(input.ConfigurationSetName);
  const parts = templateParts(t, ctx);
  const suppressionList = throughTenant(input, templateName(t), ctx);
  const results: T.BulkEmailEntryResult[] = [];
  for (const entry of input.BulkEmailEntries) {
    try {
      const sent = await sendMail(ctx.backend, {
        operation: 'SendBulkEmail',
        from: input.FromEmailAddress,
        to: entry.Destination.ToAddresses,
        cc: entry.Destination.CcAddresses,
        bcc: entry.Destination.BccAddresses,
        replyTo: input.ReplyToAddresses,
        configurationSet: input.ConfigurationSetName,
        tags: { ...tags(input.DefaultEmailTags), ...tags(entry.ReplacementTags) },
        headers: { ...headers(t.Headers), ...headers(entry.ReplacementHeaders) },
        template: { name: templateName(t), data: entry.ReplacementEmailContent?.ReplacementTemplate?.ReplacementTemplateData ?? t.TemplateData ?? '{}' },
        templateParts: parts,
        suppressionList,
      });
      results.push({ Status: 'SUCCESS', MessageId: sent.messageId });
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      results.push({ Status: BULK_STATUS[err.kind] ?? 'FAILED', Error: err.message });
    }
  }
  return { BulkEmailEntryResults: results };
}
