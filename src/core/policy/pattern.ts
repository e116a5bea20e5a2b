/**
 * Wildcards and policy variables. A policy string becomes a matcher: `*` and
 * `?` written in the policy are wildcards; text a `${variable}` brings in is
 * literal, and `${*}`, `${?}`, `${$}` are the escapes for the characters
 * themselves (IAM User Guide, "IAM policy elements: Variables and tags").
 */
import type { Context } from './context';

/** A compiled pattern, or undefined when a variable it uses has no value (the element does not match). */
export type Matcher = (value: string) => boolean;

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

function globToRegex(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '*') out += '[\\s\\S]*';
    else if (ch === '?') out += '[\\s\\S]';
    else out += escapeRegex(ch);
  }
  return out;
}

/**
 * Replaces the policy variables of `text`. Each part is handed to `literal`
 * (from a variable or an escape) or `raw` (written in the policy); undefined
 * when a variable has no value and no default.
 */
function substitute(
  text: string,
  ctx: Context | undefined,
  literal: (s: string) => string,
  raw: (s: string) => string,
): string | undefined {
  if (!ctx?.variables) return raw(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    out += raw(text.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const inner = m[1].trim();
    if (inner in ESCAPES) {
      out += literal(ESCAPES[inner]);
      continue;
    }
    // `${key, 'default'}`: the default applies when the key is absent.
    const dm = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
    const key = dm ? dm[1] : inner;
    const value = ctx.single(key);
    if (value !== undefined) out += literal(value);
    else if (dm) out += literal(dm[2]);
    else return undefined;
  }
  return out + raw(text.slice(last));
}

/** The policy text with its variables replaced, for exact comparisons. */
export function resolveText(text: string, ctx: Context | undefined): string | undefined {
  return substitute(text, ctx, (s) => s, (s) => s);
}

/** A case-sensitive (or not) wildcard matcher of the policy text, variables resolved. */
export function globMatcher(text: string, ctx: Context | undefined, ignoreCase = false): Matcher | undefined {
  if (text === '*') return () => true;
  const source = substitute(text, ctx, escapeRegex, globToRegex);
  if (source === undefined) return undefined;
  const re = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
  return (value) => re.test(value);
}

/** Splits an ARN into partition, service, region, account and the resource (which may hold colons). */
export function arnSegments(arn: string): string[] | undefined {
  // Colons inside `${aws:username}` belong to the variable, not the ARN.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < arn.length && parts.length < 5; i++) {
    if (arn.startsWith('${', i)) depth++;
    else if (arn[i] === '}' && depth > 0) depth--;
    else if (arn[i] === ':' && depth === 0) {
      parts.push(arn.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < 5 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(1), arn.slice(start)];
}

/**
 * ARN matching as Resource and the Arn* operators do it: segment by segment,
 * wildcards within a segment, the resource part (which may hold colons) last.
 */
export function arnMatcher(pattern: string, ctx: Context | undefined): Matcher | undefined {
  if (pattern === '*') return () => true;
  const segments = arnSegments(pattern);
  if (!segments) return globMatcher(pattern, ctx);
  const matchers: Matcher[] = [];
  for (const seg of segments) {
    const m = globMatcher(seg, ctx);
    if (!m) return undefined;
    matchers.push(m);
  }
  return (value) => {
    const parts = arnSegments(value);
    if (!parts) return false;
    return matchers.every((m, i) => m(parts[i]));
  };
}

/** Action names match case-insensitively, wildcards allowed anywhere. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return (globMatcher(pattern, undefined, true) as Matcher)(action);
}
