/**
 * Dashboards (global per account: kept by the us-east-1 backend whatever the
 * client's region) and tags of alarms and dashboards.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidParameterValue, resourceNotFoundException } from '../exceptions';
import type { CloudWatchBackend } from '../models/backend';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken, sortedTags } from './common';

async function home(ctx: Ctx): Promise<CloudWatchBackend> {
  return ctx.backends.get<CloudWatchBackend>('cloudwatch', ctx.account, 'us-east-1');
}

export async function putDashboard(input: T.PutDashboardInput, ctx: Ctx) {
  const invalid = (message: string) =>
    new AwsError('DashboardInvalidInputError', `The dashboard body is invalid, there are 1 validation errors: ${message}`, {
      fields: { dashboardValidationMessages: [{ DataPath: '/', Message: message }] },
    });
  let body: unknown;
  try {
    body = JSON.parse(input.DashboardBody);
  } catch {
    throw invalid('Should be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('Should be an object');
  const widgets = (body as { widgets?: unknown }).widgets;
  if (widgets !== undefined && !Array.isArray(widgets)) throw invalid('Should be an array (widgets)');
  const backend = await home(ctx);
  const name = input.DashboardName;
  const dashboard = { name, arn: backend.dashboardArn(name), body: input.DashboardBody, lastModified: clock.now() };
  backend.dashboards.set(name, dashboard);
  backend.dashboardNames.add(name);
  if (input.Tags) backend.resourceTags.set(dashboard.arn, new Map(input.Tags.map((t) => [t.Key, t.Value])));
  return { DashboardValidationMessages: [] };
}

export async function getDashboard(input: T.GetDashboardInput, ctx: Ctx) {
  const d = (await home(ctx)).dashboards.get(input.DashboardName);
  if (!d) throw new AwsError('DashboardNotFoundError', 'Dashboard does not exist', { status: 404 });
  return { DashboardArn: d.arn, DashboardBody: d.body, DashboardName: d.name };
}

export async function deleteDashboards(input: T.DeleteDashboardsInput, ctx: Ctx) {
  const backend = await home(ctx);
  const missing = input.DashboardNames.filter((n) => !backend.dashboards.has(n));
  if (missing.length > 0) throw new AwsError('DashboardNotFoundError', 'Dashboard does not exist', { status: 404 });
  for (const name of input.DashboardNames) {
    backend.dashboards.delete(name);
    backend.dashboardNames.delete(name);
  }
}

export async function listDashboards(input: T.ListDashboardsInput, ctx: Ctx) {
  const backend = await home(ctx);
  const after = decodeToken(input.NextToken);
  const entries: T.DashboardEntry[] = [];
  let more = false;
  for (const name of backend.dashboardNames.from(after, true)) {
    if (input.DashboardNamePrefix !== undefined && !name.startsWith(input.DashboardNamePrefix)) continue;
    if (entries.length === 1000) {
      more = true;
      break;
    }
    const d = backend.dashboards.get(name);
    if (d) entries.push({ DashboardName: d.name, DashboardArn: d.arn, LastModified: new Date(d.lastModified), Size: Buffer.byteLength(d.body) });
  }
  return { DashboardEntries: entries, NextToken: more ? encodeToken(entries[entries.length - 1].DashboardName as string) : undefined };
}

/** The tag map an ARN names: an alarm, metric stream or insight rule of this region, or a dashboard of the account. */
async function tagsOf(resourceArn: string, ctx: Ctx): Promise<Map<string, string>> {
  const alarm = /:alarm:(.+)$/.exec(resourceArn);
  if (alarm) {
    const found = ctx.backend.alarms.get(alarm[1]);
    if (!found || found.arn !== resourceArn) throw resourceNotFoundException(`Alarm ${alarm[1]} not found`);
    return found.tags;
  }
  const dash = /:dashboard\/(.+)$/.exec(resourceArn);
  if (dash) {
    const backend = await home(ctx);
    if (!backend.dashboards.has(dash[1])) throw new AwsError('ResourceNotFoundException', `Dashboard ${dash[1]} does not exist`, { status: 404 });
    return ownTags(resourceArn, backend.resourceTags);
  }
  const stream = /:metric-stream\/(.+)$/.exec(resourceArn);
  if (stream) {
    const found = ctx.backend.metricStreams.get(stream[1]);
    if (!found || found.arn !== resourceArn) throw resourceNotFoundException(`Metric Stream ${stream[1]} does not exist.`);
    return ownTags(resourceArn, ctx.backend.resourceTags);
  }
  const rule = /:insight-rule\/(.+)$/.exec(resourceArn);
  if (rule) {
    const found = ctx.backend.insightRules.get(rule[1]);
    if (!found || found.arn !== resourceArn) throw resourceNotFoundException(`Rule ${rule[1]} does not exist.`);
    return ownTags(resourceArn, ctx.backend.resourceTags);
  }
  const mute = /:alarm-mute-rule:(.+)$/.exec(resourceArn);
  if (mute) {
    const found = ctx.backend.muteRules.get(mute[1]);
    if (!found || found.arn !== resourceArn) throw resourceNotFoundException(`Alarm mute rule ${mute[1]} does not exist.`);
    return ownTags(resourceArn, ctx.backend.resourceTags);
  }
  throw invalidParameterValue(`Invalid ARN: ${resourceArn}`);
}

function ownTags(resourceArn: string, all: Map<string, Map<string, string>>): Map<string, string> {
  let tags = all.get(resourceArn);
  if (!tags) all.set(resourceArn, (tags = new Map()));
  return tags;
}

export async function tagResource(input: T.TagResourceInput, ctx: Ctx) {
  const tags = await tagsOf(input.ResourceARN, ctx);
  const keys = new Set([...tags.keys(), ...input.Tags.map((t) => t.Key)]);
  if (keys.size > 50) throw new AwsError('LimitExceededException', 'The resource can have at most 50 tags.', { status: 400 });
  for (const t of input.Tags) tags.set(t.Key, t.Value);
}

export async function untagResource(input: T.UntagResourceInput, ctx: Ctx) {
  const tags = await tagsOf(input.ResourceARN, ctx);
  for (const key of input.TagKeys) tags.delete(key);
}

export async function listTagsForResource(input: T.ListTagsForResourceInput, ctx: Ctx) {
  return { Tags: sortedTags(await tagsOf(input.ResourceARN, ctx)) };
}
