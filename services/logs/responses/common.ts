/** What the Logs handlers share: the request context, tokens, limits and group lookup. */
import type { RequestContext } from '../../../src/core/service';
import { constraint, invalidParameter } from '../exceptions';
import type { LogsBackend } from '../models/backend';
import type { LogGroup } from '../models/resources';

export type Ctx = RequestContext<LogsBackend>;

/** Opaque page tokens: base64 of a JSON position. */
export function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeToken<T>(token: string | undefined, check: (v: unknown) => boolean): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString());
    if (check(value)) return value as T;
  } catch {
    // fall through to the error
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

/** A `limit` member: in [1, max], else the model's constraint error; the default when absent. */
export function limitOf(value: number | undefined, max: number, fallback = max, member = 'limit'): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw constraint(value, member, 'Member must have value greater than or equal to 1');
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

/** logGroupName or logGroupIdentifier (name or ARN), exactly one. */
export function groupOf(input: { logGroupName?: string; logGroupIdentifier?: string }, ctx: Ctx): LogGroup {
  const { logGroupName, logGroupIdentifier } = input;
  if (logGroupName !== undefined && logGroupIdentifier !== undefined) {
    throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const id = logGroupName ?? logGroupIdentifier;
  if (id === undefined) throw invalidParameter('Should provide either logGroupName or logGroupIdentifier.');
  return ctx.backend.group(id);
}

/** Tags of a create/tag call: at most 50, keys 1-128 chars, values up to 256. */
export function checkTags(tags: Record<string, string> | undefined, existing = 0): void {
  const entries = Object.entries(tags ?? {});
  if (entries.length + existing > 50) throw invalidParameter('A log group can have at most 50 tags.');
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 128 || k.startsWith('aws:')) throw constraint(k, 'tags', 'Member must satisfy key constraints');
    if (v.length > 256) throw constraint(v, 'tags', 'Member must have length less than or equal to 256');
  }
}
