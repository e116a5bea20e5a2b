/**
 * API Gateway mapping templates (REST API MOCK and AWS integrations, integration
 * responses, gateway responses): the Velocity interpreter (vtl.ts) with API
 * Gateway's variables — `$input` (`body`, `json(path)`, `path(path)`,
 * `params()` / `params(name)`), `$context`, `$stageVariables` and `$util`
 * (`escapeJavaScript`, `parseJson`, `urlEncode`, `urlDecode`, `base64Encode`,
 * `base64Decode`). A template that does not parse throws VtlError; the data
 * plane answers 500 as API Gateway does.
 */
import { renderVtl } from './vtl';

export { VtlError } from './vtl';

export interface TemplateInput {
  body: string;
  params: (name: string) => string;
  /** `$input.params()`: every parameter by location. */
  allParams?: () => { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/** `$`, `$.a.b`, `$.items[0].id`, `$['a b']` in a JSON value. */
function jsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  let value = root;
  for (const m of path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)) {
    const key = m[1] ?? m[3] ?? Number(m[2]);
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Java's URLEncoder: spaces as `+`, only `.-*_` and alphanumerics left as they are. */
function urlEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `$util`, as API Gateway documents it. escapeJavaScript escapes single quotes too (a documented quirk). */
const util = {
  escapeJavaScript: (s: unknown) => JSON.stringify(String(s ?? '')).slice(1, -1).replace(/'/g, "\\'").replace(/\//g, '\\/'),
  parseJson: (s: unknown) => JSON.parse(String(s)),
  urlEncode: (s: unknown) => urlEncode(String(s ?? '')),
  urlDecode: (s: unknown) => decodeURIComponent(String(s ?? '').replace(/\+/g, ' ')),
  base64Encode: (s: unknown) => Buffer.from(String(s ?? ''), 'utf8').toString('base64'),
  base64Decode: (s: unknown) => Buffer.from(String(s ?? ''), 'base64').toString('utf8'),
};

export function render(template: string, input: TemplateInput): string {
  const parsed = parseBody(input.body);
  const $input = {
    body: input.body,
    json: (path: unknown) => JSON.stringify(jsonPath(parsed, String(path)) ?? null),
    path: (path: unknown) => jsonPath(parsed, String(path)),
    params: (name?: unknown) => (name === undefined ? (input.allParams?.() ?? { path: {}, querystring: {}, header: {} }) : input.params(String(name))),
  };
  return renderVtl(template, { input: $input, context: input.context, stageVariables: input.stageVariables, util });
}
