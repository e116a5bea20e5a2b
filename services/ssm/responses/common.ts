/** Helpers SSM handlers share: context type, tokens, caller identity. */
import type { RequestContext } from '../../../src/core/service';
import { invalidNextToken } from '../exceptions';
import type { SsmBackend } from '../models/backend';

export type Ctx = RequestContext<SsmBackend>;

export function encodeToken(value: string): string {
  return Buffer.from(`t:${value}`, 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('t:')) throw invalidNextToken();
  return text.slice(2);
}

/** Offset-based tokens for listings kept in insertion order. */
export function pageByOffset<T>(items: T[], token: string | undefined, max: number) {
  const start = token === undefined ? 0 : Number(decodeToken(token));
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw invalidNextToken();
  const end = start + max;
  return { items: items.slice(start, end), NextToken: end < items.length ? encodeToken(String(end)) : undefined };
}

/** The ARN of the caller, as LastModifiedUser / RequestedBy show it. */
export function callerArn(ctx: Ctx): string {
  const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
  return issued?.arn ?? `arn:aws:iam::${ctx.account}:root`;
}
