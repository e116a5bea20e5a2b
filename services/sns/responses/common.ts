/** Shared handler helpers: required members, pagination tokens, tags. */
import type { RequestContext } from '../../../src/core/service';
import { AwsError } from '../../../src/core/errors';
import { invalidParameter, missingMember } from '../exceptions';
import type { SnsBackend } from '../models/backend';

export type Ctx = RequestContext<SnsBackend>;

/** The validation framework names members in camelCase: `topicArn`. */
export function requireMembers(input: object, ...names: string[]): void {
  const record = input as Record<string, unknown>;
  for (const name of names) {
    if (record[name] === undefined || record[name] === null) {
      throw missingMember(name.charAt(0).toLowerCase() + name.slice(1));
    }
  }
}

export function encodeToken(key: string | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(key).toString('base64');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (!key || Buffer.from(key).toString('base64') !== token) throw invalidParameter('NextToken');
  return key;
}

export function checkTags(existing: Map<string, string>, tags: Array<{ Key?: string; Value?: string }>): void {
  for (const t of tags) {
    if (!t.Key || t.Key.length > 128) throw invalidParameter('Tags', 'Tag key must be between 1 and 128 characters.');
    if ((t.Value ?? '').length > 256) throw invalidParameter('Tags', 'Tag value must be at most 256 characters.');
  }
  const keys = new Set([...existing.keys(), ...tags.map((t) => t.Key as string)]);
  if (keys.size > 50) {
    throw new AwsError('TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded');
  }
}
