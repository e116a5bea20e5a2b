/**
 * SES templates: Handlebars-style `{{name}}`, `{{a.b}}`, `{{{raw}}}`,
 * `{{#if x}}…{{else}}…{{/if}}`, `{{#unless x}}`, `{{#each list}}…{{this}}…{{/each}}`.
 * `{{x}}` in the HTML part is HTML-escaped as Handlebars does; a name missing
 * from the data renders empty (SES sends it so; TestRenderTemplate reports it).
 */
import { MailError } from '../exceptions';

type Data = Record<string, unknown>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };

function lookup(path: string, scope: unknown[]): unknown {
  if (path === 'this' || path === '.') return scope[0];
  const parts = path.replace(/^this\./, '').split('.');
  for (const frame of scope) {
    if (frame === null || typeof frame !== 'object' || !Object.hasOwn(frame, parts[0])) continue;
    let value: unknown = frame;
    for (const p of parts) value = value !== null && typeof value === 'object' && Object.hasOwn(value, p) ? (value as Data)[p] : undefined;
    return value;
  }
  return undefined;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

/** Splits `body` at its top-level `{{else}}`. */
function splitElse(body: string): [string, string] {
  let depth = 0;
  const re = /\{\{(#\w+|\/\w+|else)[^}]*\}\}/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1].startsWith('#')) depth++;
    else if (m[1].startsWith('/')) depth--;
    else if (depth === 0) return [body.slice(0, m.index), body.slice(m.index + m[0].length)];
  }
  return [body, ''];
}

/** Finds the `{{/name}}` closing the block opened just before `from`. */
function closing(text: string, name: string, from: number): { start: number; end: number } {
  const re = new RegExp(`\\{\\{(#${name}\\b|/${name})[^}]*\\}\\}`, 'g');
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    depth += m[1].startsWith('#') ? 1 : -1;
    if (depth === 0) return { start: m.index, end: m.index + m[0].length };
  }
  throw new MailError('invalid', `Template rendering failed: unclosed block ${name}`, 'InvalidTemplateException');
}

function render(text: string, scope: unknown[], html: boolean, missing: Set<string>): string {
  let out = '';
  let i = 0;
  const tag = /\{\{(\{?)\s*([#/]?)([\w.]+)\s*([\w.]*)\s*\}?\}\}/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    out += text.slice(i, m.index);
    const [, triple, sigil, name, arg] = m;
    if (sigil === '#') {
      const close = closing(text, name, tag.lastIndex);
      const [yes, no] = splitElse(text.slice(tag.lastIndex, close.start));
      const value = lookup(arg, scope);
      if (name === 'each') {
        const items = Array.isArray(value) ? value : [];
        if (items.length === 0) out += render(no, scope, html, missing);
        for (const item of items) out += render(yes, [item, ...scope], html, missing);
      } else {
        const on = name === 'unless' ? !truthy(value) : truthy(value);
        out += render(on ? yes : no, scope, html, missing);
      }
      tag.lastIndex = close.end;
    } else {
      const value = lookup(name, scope);
      if (value === undefined || value === null) missing.add(name);
      const s = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      out += html && !triple ? s.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]) : s;
    }
    i = tag.lastIndex;
  }
  return out + text.slice(i);
}

export interface TemplateParts {
  subject?: string;
  text?: string;
  html?: string;
}

/** Parses TemplateData: SES requires a JSON object. */
export function templateData(json: string | undefined): Data {
  let data: unknown;
  try {
    data = JSON.parse(json ?? '{}');
  } catch {
    throw new MailError('invalid', 'Invalid Rendering Data', 'InvalidRenderingParameterException');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new MailError('invalid', 'Invalid Rendering Data', 'InvalidRenderingParameterException');
  return data as Data;
}

/** Renders each part; `missing` collects the names the data lacked. */
export function renderTemplate(parts: TemplateParts, data: Data, missing = new Set<string>()): TemplateParts {
  return {
    subject: parts.subject === undefined ? undefined : render(parts.subject, [data], false, missing),
    text: parts.text === undefined ? undefined : render(parts.text, [data], false, missing),
    html: parts.html === undefined ? undefined : render(parts.html, [data], true, missing),
  };
}
