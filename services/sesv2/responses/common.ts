/** What the SES v2 handlers share: context, paging, tags. */
import type { RequestContext } from '../../../src/core/service';
import { invalid } from '../exceptions';
import type { SesBackend } from '../models/backend';

export type Ctx = RequestContext<SesBackend>;
export type Tag = { Key: string; Value: string };

/**
 * One page of `items` in key order after the key the token carries. Tokens
 * name the last key, so a listing changed between pages still goes on.
 */
export function page<T>(items: Iterable<T>, key: (t: T) => string, token: string | undefined, size: number): { out: T[]; NextToken?: string } {
  let after: string | undefined;
  if (token !== undefined) {
    const text = Buffer.from(token, 'base64').toString();
    if (!text.startsWith('k:')) throw invalid('Invalid NextToken.');
    after = text.slice(2);
  }
  const sorted = [...items].filter((t) => after === undefined || key(t) > after).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const out = sorted.slice(0, size);
  return { out, NextToken: sorted.length > size ? Buffer.from(`k:${key(out[out.length - 1])}`).toString('base64') : undefined };
}

export const tagList = (tags: Map<string, string>): Tag[] => [...tags].map(([Key, Value]) => ({ Key, Value }));

export function setTags(target: Map<string, string>, tags: Tag[] | undefined): void {
  for (const t of tags ?? []) target.set(t.Key, t.Value);
}
