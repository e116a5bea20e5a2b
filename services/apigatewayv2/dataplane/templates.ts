/**
 * The subset of API Gateway's mapping-template language (VTL) REST API MOCK
 * and AWS integrations evaluate here: references, not directives.
 * `$input.json('$.path')`, `$input.path('$.path')`, `$input.body`,
 * `$input.params('name')`, `$context.<name>`, `$stageVariables.<name>`,
 * `$util.escapeJavaScript(...)` of a reference, each also as `${...}`.
 * `#set`, `#if` and `#foreach` are not evaluated (docs/services/apigateway.md).
 */

export interface TemplateInput {
  body: string;
  params: (name: string) => string;
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/** `$`, `$.a.b`, `$.items[0].id` in a JSON value. */
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

function dig(obj: Record<string, unknown>, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** One reference (without its `$`/`${}`) evaluated, or undefined when it is not one this evaluator knows. */
function evaluate(ref: string, input: TemplateInput): string | undefined {
  let m = /^input\.json\('([^']*)'\)$/.exec(ref);
  if (m) return JSON.stringify(jsonPath(parseBody(input.body), m[1]) ?? null);
  m = /^input\.path\('([^']*)'\)$/.exec(ref);
  if (m) return text(jsonPath(parseBody(input.body), m[1]));
  if (ref === 'input.body') return input.body;
  m = /^input\.params\('([^']*)'\)$/.exec(ref);
  if (m) return input.params(m[1]);
  m = /^context\.([A-Za-z0-9_.]+)$/.exec(ref);
  if (m) return text(dig(input.context, m[1]));
  m = /^stageVariables\.([A-Za-z0-9_]+)$/.exec(ref);
  if (m) return input.stageVariables[m[1]] ?? '';
  m = /^util\.escapeJavaScript\((.+)\)$/.exec(ref);
  if (m) {
    const inner = evaluate(m[1].replace(/^\$\{?|\}$/g, ''), input);
    return inner === undefined ? undefined : JSON.stringify(inner).slice(1, -1);
  }
  return undefined;
}

const REFERENCE = /\$\{([^}]+(?:\([^)]*\))?)\}|\$((?:input|context|stageVariables|util)(?:\.[A-Za-z0-9_]+)+(?:\((?:'[^']*'|\$[^)]*)\))?)/g;

export function render(template: string, input: TemplateInput): string {
  return template.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => evaluate(braced ?? bare ?? '', input) ?? whole);
}
