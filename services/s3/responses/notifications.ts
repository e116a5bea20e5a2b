/**
 * Where S3 operations meet event notifications: PutBucketNotificationConfiguration
 * checks every destination before storing (unless SkipDestinationValidation)
 * and sends the s3:TestEvent; the object operations that S3 reports on
 * (created, removed, tagging, ACL, restore) queue their notifications after
 * they succeed. `withNotifications` wraps the handler table in one place.
 */
import type { Handler, RequestContext } from '../../../src/core/service';
import { invalidArgument } from '../exceptions';
import type { S3Backend } from '../models';
import { notify, type ObjectEvent, sendTestEvents, destinationProblems } from '../models/notifications';
import { checkNotifications } from './config-rules';

type Input = Record<string, any>;
type Ctx = RequestContext<S3Backend>;
type AnyHandler = Handler<any, any, S3Backend>;
type Made = Omit<ObjectEvent, 'requestId' | 'requester' | 'sourceIp'>;

/** The events an operation's input and output describe (the operation succeeded). */
const EVENTS: Record<string, (input: Input, output: Input, ctx: Ctx) => Made[]> = {
  PutObject: (i, o, ctx) => [created(ctx, i.Bucket, i.Key, 'ObjectCreated:Put', 'PutObject', o)],
  PostObject: (i, o, ctx) => [created(ctx, i.Bucket, postedKey(o), 'ObjectCreated:Post', 'PostObject', o)],
  CopyObject: (i, o, ctx) => [created(ctx, i.Bucket, i.Key, 'ObjectCreated:Copy', 'CopyObject', o)],
  CompleteMultipartUpload: (i, o, ctx) => [created(ctx, i.Bucket, i.Key, 'ObjectCreated:CompleteMultipartUpload', 'CompleteMultipartUpload', o)],
  DeleteObject: (i, o) => [removed(i.Key, o.DeleteMarker === true, o.VersionId, 'DeleteObject')],
  DeleteObjects: (i, o) => {
    const failed = new Set(((o.Errors ?? []) as Input[]).map((e) => `${e.Key}\u0000${e.VersionId ?? ''}`));
    const deleted: Input[] = o.Deleted ?? ((i.Delete?.Objects ?? []) as Input[]).filter((d) => !failed.has(`${d.Key}\u0000${d.VersionId ?? ''}`));
    return deleted.map((d) => removed(d.Key, d.DeleteMarker === true, d.DeleteMarkerVersionId ?? d.VersionId, 'DeleteObjects'));
  },
  PutObjectTagging: (i, o) => [{ eventName: 'ObjectTagging:Put', key: i.Key, versionId: o.VersionId, reason: 'PutObjectTagging' }],
  DeleteObjectTagging: (i, o) => [{ eventName: 'ObjectTagging:Delete', key: i.Key, versionId: o.VersionId, reason: 'DeleteObjectTagging' }],
  PutObjectAcl: (i) => [{ eventName: 'ObjectAcl:Put', key: i.Key, versionId: i.VersionId, reason: 'PutObjectAcl' }],
  RestoreObject: (i) => [{ eventName: 'ObjectRestore:Post', key: i.Key, versionId: i.VersionId, reason: 'RestoreObject' }],
};

/** The key a browser POST stored: in PostResponse, the redirect's `key` parameter, or the Location's last segment. */
function postedKey(o: Input): string {
  if (o.PostResponse?.Key) return o.PostResponse.Key;
  const url = new URL(String(o.Location));
  return url.searchParams.get('key') ?? decodeURIComponent(url.pathname.split('/').pop() ?? '');
}

function created(ctx: Ctx, bucketName: string, key: string, eventName: string, reason: string, output: Input): Made {
  const obj = ctx.backend.bucket(bucketName).latest(key);
  return {
    eventName,
    key,
    size: obj?.size,
    etag: obj?.etag.replace(/"/g, ''),
    versionId: output.VersionId,
    reason,
  };
}

function removed(key: string, marker: boolean, versionId: string | undefined, reason: string): Made {
  return { eventName: marker ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectRemoved:Delete', key, versionId, reason };
}

async function putBucketNotificationConfiguration(original: AnyHandler, input: Input, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const config = input.NotificationConfiguration;
  if (config && !input.SkipDestinationValidation) {
    const problems = await destinationProblems(ctx.backends, checkNotifications(config));
    if (problems.length) {
      const err = invalidArgument('Unable to validate the following destination configurations');
      problems.forEach(([arn, reason], i) => {
        err.fields[`ArgumentName${i + 1}`] = arn;
        err.fields[`ArgumentValue${i + 1}`] = reason;
      });
      throw err;
    }
  }
  const output = await original(input, ctx);
  sendTestEvents(ctx.backends, bucket, (bucket.config.get('Notification') ?? {}) as Input, ctx.requestId);
  return output;
}

export function withNotifications(table: Record<string, AnyHandler>): Record<string, AnyHandler> {
  const out: Record<string, AnyHandler> = { ...table };
  for (const [name, events] of Object.entries(EVENTS)) {
    const handler = table[name];
    if (!handler) continue;
    out[name] = async (input: Input, ctx: Ctx) => {
      const output = await handler(input, ctx);
      const bucket = ctx.backend.anyBucket(input.Bucket);
      // No configuration, no events: notify() would drop them, so they are not made.
      if (bucket?.config.has('Notification')) {
        for (const made of events(input, output ?? {}, ctx)) {
          notify(ctx.backends, bucket, { ...made, requestId: ctx.requestId, requester: ctx.accessKeyId ?? ctx.account, sourceIp: '127.0.0.1' });
        }
      }
      return output;
    };
  }
  const put = table.PutBucketNotificationConfiguration;
  if (put) out.PutBucketNotificationConfiguration = (input: Input, ctx: Ctx) => putBucketNotificationConfiguration(put, input, ctx);
  return out;
}
