/** SES v1 templates (the same templates SES v2 lists) and TestRenderTemplate. */
import { clock } from '../../../src/core/clock';
import { exists } from '../../sesv2/exceptions';
import type { SesBackend } from '../../sesv2/models/backend';
import { page } from '../../sesv2/responses/common';
import { testRender } from '../../sesv2/responses/templates';
import type * as T from '../types';
import type { Ctx } from './common';

export function createTemplate(input: { Template: T.Template }, b: SesBackend) {
  const t = input.Template;
  if (b.templates.has(t.TemplateName)) throw exists(`Template ${t.TemplateName} already exists.`, 'AlreadyExistsException');
  b.templates.set(t.TemplateName, { name: t.TemplateName, subject: t.SubjectPart, text: t.TextPart, html: t.HtmlPart, tags: new Map(), created: clock.date() });
  return {};
}

export function updateTemplate(input: { Template: T.Template }, b: SesBackend) {
  const stored = b.template(input.Template.TemplateName);
  stored.subject = input.Template.SubjectPart;
  stored.text = input.Template.TextPart;
  stored.html = input.Template.HtmlPart;
  return {};
}

export function getTemplate(input: { TemplateName: string }, b: SesBackend): T.GetTemplateResponse {
  const t = b.template(input.TemplateName);
  return { Template: { TemplateName: t.name, SubjectPart: t.subject, TextPart: t.text, HtmlPart: t.html } };
}

/** SES v1 answers success for a template that does not exist. */
export function deleteTemplate(input: { TemplateName: string }, b: SesBackend) {
  b.templates.delete(input.TemplateName);
  return {};
}

export function listTemplates(input: T.ListTemplatesRequest, b: SesBackend): T.ListTemplatesResponse {
  const { out, NextToken } = page(b.templates.values(), (t) => t.name, input.NextToken, input.MaxItems ?? 10);
  return { TemplatesMetadata: out.map((t) => ({ Name: t.name, CreatedTimestamp: t.created })), NextToken };
}

export function testRenderTemplate(input: { TemplateName: string; TemplateData: string }, b: SesBackend, ctx: Ctx): T.TestRenderTemplateResponse {
  return { RenderedTemplate: testRender(input.TemplateName, input.TemplateData, { ...ctx, backend: b }) };
}
