/** Helpers the KMS handlers share: DryRun, markers, tags and grant tokens. */
import type { RequestContext } from '../../../src/core/service';
import { dryRunSucceeded, invalidGrantToken, invalidMarker, kmsError } from '../exceptions';
import type { KmsBackend } from '../models/backend';

export type Ctx = RequestContext<KmsBackend>;

/** After every check passed: a DryRun request stops here, as AWS answers it. */
export function stopIfDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw dryRunSucceeded();
}

/** One page of a listing; the marker is the position of the next item, checked against the listing. */
export function page<T>(items: T[], limit: number | undefined, marker: string | undefined, defaultLimit: number) {
  let start = 0;
  if (marker !== undefined) {
    const decoded = /^mk(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!decoded) throw invalidMarker();
    start = Number(decoded[1]);
    if (start > items.length) throw invalidMarker();
  }
  const end = start + (limit ?? defaultLimit);
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    Truncated: truncated,
    NextMarker: truncated ? Buffer.from(`mk${end}`).toString('base64url') : undefined,
  };
}

export function tagList(tags: Map<string, string>) {
  return [...tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

/** KMS rejects tags under the reserved `aws:` prefix and more than 50 tags on a key. */
export function checkTags(tags: { TagKey: string; TagValue: string }[] | undefined, existing?: Map<string, string>): void {
  if (!tags) return;
  for (const t of tags) {
    if (t.TagKey.toLowerCase().startsWith('aws:')) {
      throw kmsError('TagException', 'Tags beginning with aws: are reserved and cannot be set.');
    }
  }
  const keys = new Set([...(existing?.keys() ?? []), ...tags.map((t) => t.TagKey)]);
  if (keys.size > 50) throw kmsError('TagException', 'The number of tags on a KMS key cannot exceed 50.');
}

/** Grant tokens must be ones KMS issued. */
export function checkGrantTokens(ctx: Ctx, tokens: string[] | undefined): void {
  for (const token of tokens ?? []) {
    if (!ctx.backend.grants.byGrantToken(token)) throw invalidGrantToken();
  }
}

/** What the policy lockout safety check needs, or nothing when the request bypasses it. */
export function lockoutCheck(ctx: Ctx, bypass: boolean | undefined) {
  if (bypass) return undefined;
  const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
  return { account: ctx.account, callerArn: issued?.arn ?? `arn:aws:iam::${ctx.account}:root` };
}
