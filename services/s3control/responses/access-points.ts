/**
 * Access points: Create/Get/List/DeleteAccessPoint. They are stored and
 * listed; S3 requests addressed through an access point's ARN or alias are
 * not routed (docs/services/s3control.md).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateAccessPoint.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-alias.html
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import { accessPointAlreadyOwnedByYou, invalidNextToken, noSuchAccessPoint, noSuchBucket } from '../exceptions';
import type { AccessPoint, S3ControlBackend } from '../models';
import type {
  CreateAccessPointRequest,
  DeleteAccessPointRequest,
  GetAccessPointRequest,
  ListAccessPointsRequest,
} from '../types';
import { checkAccount } from './public-access-block';

type Ctx = RequestContext<S3ControlBackend>;

/** What S3's backend offers S3 Control: whether a bucket exists, its owner and region. */
interface BucketLookup {
  anyBucket(name: string): { owner: string; region: string } | undefined;
}

/** Access points block all public access unless created otherwise (User Guide, "Access points restrictions"). */
const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** The alias: the name, a random lower-case part and `-s3alias` (63 characters at most). */
function aliasOf(name: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const room = Math.max(1, 63 - name.length - '--s3alias'.length);
  const random = [...randomBytes(Math.min(34, room))].map((b) => alphabet[b % alphabet.length]).join('');
  return `${name}-${random}-s3alias`;
}

function accessPointOf(ctx: Ctx, name: string): AccessPoint {
  const point = ctx.backend.accessPoints.get(name);
  if (!point) throw noSuchAccessPoint();
  return point;
}

export async function createAccessPoint(input: CreateAccessPointRequest, ctx: Ctx) {
  checkAccount(input, ctx);
  const s3 = await ctx.backends.get<BucketLookup>('s3', ctx.account, ctx.region);
  const bucket = s3.anyBucket(input.Bucket);
  const owner = input.BucketAccountId ?? ctx.account;
  if (!bucket || bucket.owner !== owner || bucket.region !== ctx.region) throw noSuchBucket();
  if (ctx.backend.accessPoints.has(input.Name)) throw accessPointAlreadyOwnedByYou();
  const sent = input.PublicAccessBlockConfiguration;
  const point: AccessPoint = {
    name: input.Name,
    bucket: input.Bucket,
    bucketAccountId: owner,
    arn: `arn:aws:s3:${ctx.region}:${ctx.account}:accesspoint/${input.Name}`,
    alias: aliasOf(input.Name),
    vpc: input.VpcConfiguration ? { ...input.VpcConfiguration } : undefined,
    // Flags left out of a configuration that is sent are off.
    block: sent
      ? {
          BlockPublicAcls: sent.BlockPublicAcls === true,
          IgnorePublicAcls: sent.IgnorePublicAcls === true,
          BlockPublicPolicy: sent.BlockPublicPolicy === true,
          RestrictPublicBuckets: sent.RestrictPublicBuckets === true,
        }
      : { ...BLOCK_ALL },
    created: clock.date(),
  };
  ctx.backend.accessPoints.set(point.name, point);
  return { AccessPointArn: point.arn, Alias: point.alias };
}

function summary(point: AccessPoint) {
  return {
    Name: point.name,
    NetworkOrigin: point.vpc ? 'VPC' : 'Internet',
    VpcConfiguration: point.vpc ? { ...point.vpc } : undefined,
    Bucket: point.bucket,
    AccessPointArn: point.arn,
    Alias: point.alias,
    BucketAccountId: point.bucketAccountId,
  };
}

export function getAccessPoint(input: GetAccessPointRequest, ctx: Ctx) {
  checkAccount(input, ctx);
  const point = accessPointOf(ctx, input.Name);
  return { ...summary(point), PublicAccessBlockConfiguration: { ...point.block }, CreationDate: point.created };
}

export function deleteAccessPoint(input: DeleteAccessPointRequest, ctx: Ctx) {
  checkAccount(input, ctx);
  accessPointOf(ctx, input.Name);
  ctx.backend.accessPoints.delete(input.Name);
  return {};
}

/** Pages in name order; the token is the last name of the page (base64), so deletions between pages skip nothing. */
export function listAccessPoints(input: ListAccessPointsRequest, ctx: Ctx) {
  checkAccount(input, ctx);
  const max = input.MaxResults === undefined || input.MaxResults === 0 ? 1000 : input.MaxResults;
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = Buffer.from(input.NextToken, 'base64').toString('utf8');
    if (!after || Buffer.from(after, 'utf8').toString('base64') !== input.NextToken) throw invalidNextToken();
  }
  const names = [...ctx.backend.accessPoints.keys()].sort();
  const page: AccessPoint[] = [];
  let more = false;
  for (const name of names) {
    if (after !== undefined && name <= after) continue;
    const point = ctx.backend.accessPoints.get(name) as AccessPoint;
    if (input.Bucket !== undefined && point.bucket !== input.Bucket) continue;
    if (page.length === max) {
      more = true;
      break;
    }
    page.push(point);
  }
  const last = page[page.length - 1];
  return { AccessPointList: page.map(summary), NextToken: more && last ? Buffer.from(last.name, 'utf8').toString('base64') : undefined };
}
