/** What IAM's handlers share: policy documents, paths, tags and the shapes of answers. */

import { type PolicyDocument, PolicyDocumentError, type PolicyKind, parsePolicy, policySize } from '../../../src/core/policy';
import type { RequestContext } from '../../../src/core/service';
import { invalidInput, limitExceeded, malformedPolicy, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { Group, InstanceProfile, ManagedPolicy, Role, Tag, User } from '../models/entities';
import type { Page } from '../models/store';

export type Ctx = RequestContext<IamBackend>;

/** Validates a policy document as IAM does, answering MalformedPolicyDocument with AWS's reason. */
export function checkDocument(text: string, kind: PolicyKind = 'identity', maxSize?: number, quotaName?: string): PolicyDocument {
  let doc: PolicyDocument;
  try {
    doc = parsePolicy(text, kind);
  } catch (e) {
    if (e instanceof PolicyDocumentError) throw malformedPolicy(e.reason);
    throw e;
  }
  if (maxSize !== undefined && policySize(text) > maxSize) {
    throw quotaName ? quota(quotaName, maxSize) : limitExceeded(`Cannot exceed quota for PolicySize: ${maxSize}`);
  }
  return doc;
}

/** IAM returns policy documents URL-encoded (RFC 3986), as the API reference says. */
export const encodeDocument = (text: string) => encodeURIComponent(text);

export const pathOr = (path: string | undefined) => path ?? '/';

/** Paths as IAM builds ARNs from them: `arn:aws:iam::123:user/division/bob`. */
export const pathArn = (backend: IamBackend, kind: string, path: string, name: string) =>
  backend.arn(`${kind}${path}${name}`);

/** Tags as given in a request: at most 50, keys unique case-insensitively. */
export function checkTags(tags: Tag[] | undefined, existing: Tag[] = []): Tag[] {
  const input = tags ?? [];
  const seen = new Set<string>();
  for (const t of input) {
    const key = t.Key.toLowerCase();
    if (seen.has(key)) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
  const merged = mergeTags(existing, input);
  if (merged.length > 50) throw limitExceeded('The number of tags has reached the maximum limit.');
  return merged;
}

/** Adds or replaces tags by key (keys compare case-insensitively, the new spelling wins). */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  return [...out, ...added.map((t) => ({ Key: t.Key, Value: t.Value }))];
}

export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()));
}

export const tagsOrUndefined = (tags: Tag[]) => (tags.length > 0 ? tags.map((t) => ({ ...t })) : undefined);

/** `Tags`, `IsTruncated`, `Marker` for a List*Tags call. */
export function tagPage(tags: Tag[], marker: string | undefined, maxItems: number | undefined) {
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidInput('Invalid Marker.');
  const limit = maxItems ?? 100;
  const slice = tags.slice(start, start + limit);
  const more = start + limit < tags.length;
  return {
    Tags: slice.map((t) => ({ ...t })),
    IsTruncated: more,
    Marker: more ? Buffer.from(String(start + limit)).toString('base64url') : undefined,
  };
}

/** The `IsTruncated` / `Marker` members of a page. */
export function pageFields<T>(page: Page<T>) {
  return { IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const date = (ms: number) => new Date(ms);

// --- answer shapes -------------------------------------------------------------

export function boundaryView(arn: string | undefined) {
  return arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined;
}

export function userView(u: User, withTags = false) {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: u.arn,
    CreateDate: date(u.created),
    PasswordLastUsed: u.passwordLastUsed ? date(u.passwordLastUsed) : undefined,
    PermissionsBoundary: withTags ? boundaryView(u.boundary) : undefined,
    Tags: withTags ? tagsOrUndefined(u.tags) : undefined,
  };
}

export function groupView(g: Group) {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: date(g.created) };
}

/** GetRole answers everything; ListRoles leaves out tags, boundary and last use. */
export function roleView(r: Role, full = true) {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: date(r.created),
    AssumeRolePolicyDocument: encodeDocument(r.trustPolicy),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    PermissionsBoundary: full ? boundaryView(r.boundary) : undefined,
    Tags: full ? tagsOrUndefined(r.tags) : undefined,
    RoleLastUsed: full ? (r.lastUsed ? { LastUsedDate: date(r.lastUsed.date), Region: r.lastUsed.region } : {}) : undefined,
  };
}

export function policyView(p: ManagedPolicy, withTags = true) {
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: p.users.size + p.groups.size + p.roles.size,
    PermissionsBoundaryUsageCount: p.boundaryOf.size,
    IsAttachable: true,
    Description: withTags ? p.description : undefined,
    CreateDate: date(p.created),
    UpdateDate: date(p.updated),
    Tags: withTags ? tagsOrUndefined(p.tags) : undefined,
  };
}

export function instanceProfileView(p: InstanceProfile) {
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: p.arn,
    CreateDate: date(p.created),
    Roles: p.roles.map((r) => roleView(r, false)),
    Tags: tagsOrUndefined(p.tags),
  };
}

// --- shared operation bodies ------------------------------------------------------

/** A permissions boundary must be a managed policy ARN that exists. */
export function boundaryPolicy(b: IamBackend, arn: string | undefined): ManagedPolicy | undefined {
  if (arn === undefined) return undefined;
  if (!/^arn:[^:]+:iam::(\d{12}|aws):policy\//.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  return b.attachablePolicy(arn);
}

/** Puts (or with `arn` undefined, deletes) a user's or role's permissions boundary, counted on the policy. */
export function setBoundary(b: IamBackend, holder: User | Role, arn: string | undefined): void {
  const policy = boundaryPolicy(b, arn);
  if (holder.boundary) b.findPolicy(holder.boundary)?.boundaryOf.delete(holder);
  holder.boundary = policy?.arn;
  policy?.boundaryOf.add(holder);
}

/** Tag, Untag and List*Tags of one kind of resource, found by `find` from the request. */
export function tagOperations<I>(find: (input: I, ctx: Ctx) => { tags: Tag[] }) {
  return {
    tag(input: I & { Tags: Tag[] }, ctx: Ctx): void {
      const resource = find(input, ctx);
      resource.tags = checkTags(input.Tags, resource.tags);
    },
    untag(input: I & { TagKeys: string[] }, ctx: Ctx): void {
      const resource = find(input, ctx);
      resource.tags = removeTags(resource.tags, input.TagKeys);
    },
    list(input: I & { Marker?: string; MaxItems?: number }, ctx: Ctx) {
      return tagPage(find(input, ctx).tags, input.Marker, input.MaxItems);
    },
  };
}
