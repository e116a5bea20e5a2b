/** What the Step Functions handlers share: context, names, pages, tags. */
import type { RequestContext } from '../../../src/core/service';
import { invalidName, tooManyTags, validation } from '../exceptions';
import type { StepFunctionsBackend } from '../models/backend';
import type { Tag } from '../types';

export type Ctx = RequestContext<StepFunctionsBackend>;

/** Names: 1-80 characters, none of whitespace, brackets, wildcards, the listed punctuation or control characters. */
const BAD_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isControl = (c: string) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f);

export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || BAD_NAME.test(name) || [...name].some(isControl)) throw invalidName(name);
}

/** One page of `items` (already in listing order) from the offset a token carries. */
export function page<T>(items: T[], token: string | undefined, maxResults: number | undefined): { out: T[]; nextToken?: string } {
  const max = maxResults && maxResults > 0 ? maxResults : 100;
  let start = 0;
  if (token !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
    if (!m) throw validation('Invalid Token');
    start = Number(m[1]);
  }
  const out = items.slice(start, start + max);
  return { out, nextToken: start + max < items.length ? Buffer.from(`o:${start + max}`).toString('base64url') : undefined };
}

export function setTags(arn: string, target: Map<string, string>, tags: Tag[] | undefined): void {
  const next = new Map(target);
  for (const t of tags ?? []) next.set(t.key ?? '', t.value ?? '');
  if (next.size > 50) throw tooManyTags(arn);
  for (const [k, v] of next) target.set(k, v);
}
