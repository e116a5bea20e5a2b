/** SES v2 email templates and TestRenderEmailTemplate. */
import { clock } from '../../../src/core/clock';
import { exists, MailError } from '../exceptions';
import { renderTemplate, templateData } from '../models/template';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

export function createEmailTemplate(input: T.CreateEmailTemplateRequest, ctx: Ctx) {
  if (ctx.backend.templates.has(input.TemplateName)) throw exists(`Template ${input.TemplateName} already exists.`, 'AlreadyExistsException');
  const c = input.TemplateContent;
  const t = { name: input.TemplateName, subject: c.Subject, text: c.Text, html: c.Html, tags: new Map<string, string>(), created: clock.date() };
  setTags(t.tags, input.Tags);
  ctx.backend.templates.set(t.name, t);
  return {};
}

export function getEmailTemplate(input: { TemplateName: string }, ctx: Ctx): T.GetEmailTemplateResponse {
  const t = ctx.backend.template(input.TemplateName);
  return { TemplateName: t.name, TemplateContent: { Subject: t.subject, Text: t.text, Html: t.html }, Tags: tagList(t.tags) };
}

export function updateEmailTemplate(input: T.CreateEmailTemplateRequest, ctx: Ctx) {
  const t = ctx.backend.template(input.TemplateName);
  t.subject = input.TemplateContent.Subject;
  t.text = input.TemplateContent.Text;
  t.html = input.TemplateContent.Html;
  return {};
}

export function deleteEmailTemplate(input: { TemplateName: string }, ctx: Ctx) {
  ctx.backend.template(input.TemplateName);
  ctx.backend.templates.delete(input.TemplateName);
  return {};
}

export function listEmailTemplates(input: T.ListEmailTemplatesRequest, ctx: Ctx): T.ListEmailTemplatesResponse {
  const { out, NextToken } = page(ctx.backend.templates.values(), (t) => t.name, input.NextToken, input.PageSize ?? 10);
  return { TemplatesMetadata: out.map((t) => ({ TemplateName: t.name, CreatedTimestamp: t.created })), NextToken };
}

/** The rendered message as SES shows it: headers, a blank line, the MIME body. */
export function renderedMime(parts: { subject?: string; text?: string; html?: string }): string {
  const boundary = `----=_Part_${clock.now()}`;
  const lines = [`Date: ${new Date(clock.now()).toUTCString()}`, `Subject: ${parts.subject ?? ''}`, 'MIME-Version: 1.0', `Content-Type: multipart/alternative; boundary="${boundary}"`, ''];
  if (parts.text !== undefined) lines.push(`--${boundary}`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 7bit', '', parts.text, '');
  if (parts.html !== undefined) lines.push(`--${boundary}`, 'Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: 7bit', '', parts.html, '');
  lines.push(`--${boundary}--`);
  return lines.join('\r\n');
}

/** Renders a stored template; a name the data lacks is an error here, unlike when sending. */
export function testRender(name: string, json: string, ctx: Ctx): string {
  const t = ctx.backend.template(name);
  const missing = new Set<string>();
  const parts = renderTemplate({ subject: t.subject, text: t.text, html: t.html }, templateData(json), missing);
  if (missing.size > 0) throw new MailError('missingAttribute', `Attribute '${[...missing][0]}' is not present in the rendering data.`);
  return renderedMime(parts);
}

export function testRenderEmailTemplate(input: T.TestRenderEmailTemplateRequest, ctx: Ctx): T.TestRenderEmailTemplateResponse {
  return { RenderedTemplate: testRender(input.TemplateName, input.TemplateData, ctx) };
}
