/** Custom verification email templates and SendCustomVerificationEmail (SES v2; SES v1 uses these too). */
import { exists, MailError, notFound } from '../exceptions';
import { checkAddress } from '../models/addresses';
import { recordVerificationMail, verificationLink } from '../models/verification';
import type * as T from '../types';
import { type Ctx, page, setTags } from './common';

function template(name: string, ctx: Ctx) {
  const t = ctx.backend.customVerificationTemplates.get(name);
  if (!t) throw notFound(`Custom verification email template ${name} does not exist.`, 'CustomVerificationEmailTemplateDoesNotExistException');
  return t;
}

const fields = (t: T.CreateCustomVerificationEmailTemplateRequest) => ({
  TemplateName: t.TemplateName,
  FromEmailAddress: t.FromEmailAddress,
  TemplateSubject: t.TemplateSubject,
  TemplateContent: t.TemplateContent,
  SuccessRedirectionURL: t.SuccessRedirectionURL,
  FailureRedirectionURL: t.FailureRedirectionURL,
});

export function createCustomVerificationEmailTemplate(input: T.CreateCustomVerificationEmailTemplateRequest, ctx: Ctx) {
  const b = ctx.backend;
  if (b.customVerificationTemplates.has(input.TemplateName)) {
    throw exists(`Custom verification email template ${input.TemplateName} already exists.`, 'CustomVerificationEmailTemplateAlreadyExistsException');
  }
  checkAddress(input.FromEmailAddress);
  const t = { ...fields(input), tags: new Map<string, string>() };
  setTags(t.tags, input.Tags);
  b.customVerificationTemplates.set(t.TemplateName, t);
  return {};
}

/** Replaces the fields given (SES v1 makes them optional, v2 requires them). */
export function updateCustomVerificationEmailTemplate(input: Partial<T.CreateCustomVerificationEmailTemplateRequest> & { TemplateName: string }, ctx: Ctx) {
  const t = template(input.TemplateName, ctx);
  if (input.FromEmailAddress !== undefined) checkAddress(input.FromEmailAddress);
  for (const [k, v] of Object.entries(fields(input as T.CreateCustomVerificationEmailTemplateRequest))) {
    if (v !== undefined) (t as unknown as Record<string, unknown>)[k] = v;
  }
  return {};
}

export function getCustomVerificationEmailTemplate(input: { TemplateName: string }, ctx: Ctx): T.GetCustomVerificationEmailTemplateResponse {
  const { tags: _, ...t } = template(input.TemplateName, ctx);
  return t;
}

export function deleteCustomVerificationEmailTemplate(input: { TemplateName: string }, ctx: Ctx) {
  ctx.backend.customVerificationTemplates.delete(template(input.TemplateName, ctx).TemplateName);
  return {};
}

export function listCustomVerificationEmailTemplates(input: T.ListCustomVerificationEmailTemplatesRequest, ctx: Ctx): T.ListCustomVerificationEmailTemplatesResponse {
  const { out, NextToken } = page(ctx.backend.customVerificationTemplates.values(), (t) => t.TemplateName, input.NextToken, input.PageSize ?? 50);
  return { CustomVerificationEmailTemplates: out.map(({ TemplateContent: _c, tags: _t, ...meta }) => meta), NextToken };
}

/** Sends the template's message to the address (a new identity, pending); the template's sender must be verified. */
export function sendCustomVerificationEmail(input: T.SendCustomVerificationEmailRequest, ctx: Ctx): T.SendCustomVerificationEmailResponse {
  const b = ctx.backend;
  const t = template(input.TemplateName, ctx);
  const address = checkAddress(input.EmailAddress);
  if (input.ConfigurationSetName !== undefined) b.configurationSet(input.ConfigurationSetName);
  if (!b.verifiedFor(t.FromEmailAddress)) {
    throw new MailError('rejected', `Email address is not verified. The following identities failed the check in region ${b.region.toUpperCase()}: ${t.FromEmailAddress}`, 'FromEmailAddressNotVerifiedException');
  }
  if (!b.identity(address)) b.addIdentity(address);
  const link = verificationLink(b, address);
  const sent = recordVerificationMail(b, address, 'SendCustomVerificationEmail', { from: t.FromEmailAddress, subject: t.TemplateSubject, html: `${t.TemplateContent}<p><a href="${link}">${link}</a></p>` });
  return { MessageId: sent.messageId };
}
