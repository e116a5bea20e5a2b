/** What the CloudWatch handlers share: the context type and page tokens. */
import type { RequestContext } from '../../../src/core/service';
import { invalidNextToken } from '../exceptions';
import type { CloudWatchBackend } from '../models/backend';

export type Ctx = RequestContext<CloudWatchBackend>;

/** Page tokens: the base64 of the last key of the previous page. */
export function encodeToken(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (!key || encodeToken(key) !== token) throw invalidNextToken();
  return key;
}

export const sortedTags = (tags: Map<string, string>) =>
  [...tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([Key, Value]) => ({ Key, Value }));
