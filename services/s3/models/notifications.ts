/**
 * S3 event notifications ("Amazon S3 Event Notifications" in the S3 user
 * guide): which configurations of a bucket an event matches (event types
 * with `*`, prefix/suffix key filters), the event message S3 sends (event
 * version 2.1, URL-encoded keys, a sequencer that grows per key), and its
 * delivery through the core event loop — to SQS (`deliver`), SNS
 * (`publish`), Lambda (`invoke` with invocationType Event) and, for buckets
 * with EventBridge enabled, to the default event bus (`publishEvent`).
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { BackendAccess } from '../../../src/core/service';
import type { Bucket } from './bucket';

type Doc = Record<string, any>;

export interface ObjectEvent {
  /** Without the `s3:` prefix: `ObjectCreated:Put`, `ObjectRemoved:DeleteMarkerCreated`, ... */
  eventName: string;
  key: string;
  size?: number;
  /** Unquoted. */
  etag?: string;
  versionId?: string;
  requestId: string;
  requester: string;
  sourceIp: string;
  /** The API call, for EventBridge's `reason` (PutObject, CopyObject, DeleteObject, ...). */
  reason: string;
}

/** A failed delivery, kept for inspection (S3 itself reports nothing). */
export interface NotificationFailure {
  bucket: string;
  destination: string;
  eventName: string;
  error: string;
}

/** Failed notification deliveries of one mock (a destination gone since it was configured, ...). */
export function notificationFailures(backends: BackendAccess): NotificationFailure[] {
  return backends.shared('s3:notification-failures', (): NotificationFailure[] => []);
}

const DESTINATIONS: Array<[list: string, arnMember: string]> = [
  ['QueueConfigurations', 'QueueArn'],
  ['TopicConfigurations', 'TopicArn'],
  ['LambdaFunctionConfigurations', 'LambdaFunctionArn'],
];

/** Does configured type `s3:ObjectCreated:*` (or an exact name) cover `ObjectCreated:Put`? */
export function eventMatches(configured: string, eventName: string): boolean {
  const want = configured.replace(/^s3:/, '');
  if (want.endsWith(':*')) return eventName.startsWith(want.slice(0, -1));
  return want === eventName;
}

function filterMatches(filter: Doc | undefined, key: string): boolean {
  for (const rule of filter?.Key?.FilterRules ?? []) {
    const name = String(rule.Name).toLowerCase();
    if (name === 'prefix' && !key.startsWith(rule.Value ?? '')) return false;
    if (name === 'suffix' && !key.endsWith(rule.Value ?? '')) return false;
  }
  return true;
}

/** Keys in event messages are URL-encoded as an HTML form encodes them (space as +). */
export function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

let sequence = 0n;
/** Sequencers grow within a key (and here overall): hex, as S3 writes them. */
function nextSequencer(): string {
  sequence += 1n;
  return (BigInt(clock.now()) * 65_536n + sequence).toString(16).toUpperCase().padStart(18, '0');
}

function record(bucket: Bucket, e: ObjectEvent, configurationId: string, sequencer: string) {
  const object: Doc = { key: encodeKey(e.key) };
  if (e.size !== undefined) object.size = e.size;
  if (e.etag !== undefined) object.eTag = e.etag;
  if (e.versionId !== undefined) object.versionId = e.versionId;
  object.sequencer = sequencer;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: bucket.region,
    eventTime: clock.date().toISOString(),
    eventName: e.eventName,
    userIdentity: { principalId: `AWS:${e.requester}` },
    requestParameters: { sourceIPAddress: e.sourceIp },
    responseElements: { 'x-amz-request-id': e.requestId, 'x-amz-id-2': randomBytes(48).toString('base64') },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: bucket.name, ownerIdentity: { principalId: bucket.owner }, arn: `arn:aws:s3:::${bucket.name}` },
      object,
    },
  };
}

interface Deliverers {
  deliver?(queueName: string, message: Doc, senderId: string): unknown;
  publish?(topicArn: string, message: string, options?: { subject?: string }): unknown;
  invoke?(functionNameOrArn: string, payload: string, options: { invocationType: 'Event' }): unknown;
  publishEvent?(entry: { source: string; detailType: string; detail: unknown; resources?: string[] }): unknown;
}

/** Sends one message to one destination ARN; throws what the destination's backend throws. */
async function send(backends: BackendAccess, destination: string, message: Doc): Promise<void> {
  const t = parseArn(destination);
  if (!t) return;
  const api = await backends.get<Deliverers>(t.service, t.account, t.region);
  const body = JSON.stringify(message);
  if (t.service === 'sqs' && api.deliver) api.deliver(t.resource, { MessageBody: body }, 'AIDAJQABLZS4A3QDU576Q');
  else if (t.service === 'sns' && api.publish) await api.publish(destination, body, { subject: 'Amazon S3 Notification' });
  else if (t.service === 'lambda' && api.invoke) await api.invoke(destination, body, { invocationType: 'Event' });
  else throw new Error(`the ${t.service} backend takes no deliveries`);
}

const DETAIL_TYPES: Array<[prefix: string, detailType: string]> = [
  ['ObjectCreated:', 'Object Created'],
  ['ObjectRemoved:', 'Object Deleted'],
  ['ObjectRestore:Post', 'Object Restore Initiated'],
  ['ObjectRestore:Completed', 'Object Restore Completed'],
  ['ObjectTagging:Put', 'Object Tags Added'],
  ['ObjectTagging:Delete', 'Object Tags Deleted'],
  ['ObjectAcl:Put', 'Object ACL Updated'],
];

function eventBridgeDetail(bucket: Bucket, e: ObjectEvent, sequencer: string): Doc {
  const object: Doc = { key: e.key };
  if (e.size !== undefined) object.size = e.size;
  if (e.etag !== undefined) object.etag = e.etag;
  if (e.versionId !== undefined) object['version-id'] = e.versionId;
  object.sequencer = sequencer;
  const detail: Doc = {
    version: '0',
    bucket: { name: bucket.name },
    object,
    'request-id': e.requestId,
    requester: e.requester,
    'source-ip-address': e.sourceIp,
    reason: e.reason,
  };
  if (e.eventName.startsWith('ObjectRemoved:')) {
    detail['deletion-type'] = e.eventName === 'ObjectRemoved:DeleteMarkerCreated' ? 'Delete Marker Created' : 'Permanently Deleted';
  }
  return detail;
}

/** Queues the notifications an object event triggers on `bucket`; never throws. */
export function notify(backends: BackendAccess, bucket: Bucket, e: ObjectEvent): void {
  const config = bucket.config.get('Notification') as Doc | undefined;
  if (!config) return;
  const sequencer = nextSequencer();
  const loop = eventLoop(backends);
  for (const [list, arnMember] of DESTINATIONS) {
    for (const c of (config[list] ?? []) as Doc[]) {
      if (!c.Events?.some((t: string) => eventMatches(t, e.eventName)) || !filterMatches(c.Filter, e.key)) continue;
      const message = { Records: [record(bucket, e, c.Id, sequencer)] };
      const destination = c[arnMember] as string;
      loop.schedule(
        async () => {
          try {
            await send(backends, destination, message);
          } catch (err) {
            notificationFailures(backends).push({ bucket: bucket.name, destination, eventName: e.eventName, error: isAwsError(err) ? err.code : String(err) });
          }
        },
        { label: `s3 notification ${bucket.name} → ${destination}` },
      );
    }
  }
  const detailType = DETAIL_TYPES.find(([prefix]) => e.eventName.startsWith(prefix))?.[1];
  if (config.EventBridgeConfiguration && detailType) {
    loop.schedule(
      async () => {
        const events = await backends.get<Deliverers>('events', bucket.owner, bucket.region);
        events.publishEvent?.({ source: 'aws.s3', detailType, detail: eventBridgeDetail(bucket, e, sequencer), resources: [`arn:aws:s3:::${bucket.name}`] });
      },
      { label: `s3 eventbridge ${bucket.name}` },
    );
  }
}

interface Lookups {
  findQueue?(name: string): unknown;
  topics?: Map<string, unknown>;
  invoke?: unknown;
  getFunction?(name: string): unknown;
}

/** Why S3 cannot use a destination, or undefined when it exists. */
async function destinationProblem(backends: BackendAccess, arn: string): Promise<string | undefined> {
  const t = parseArn(arn);
  if (!t) return 'The destination ARN is not valid';
  if (t.service === 'sqs') {
    const sqs = await backends.get<Lookups>('sqs', t.account, t.region);
    return sqs.findQueue?.(t.resource) ? undefined : 'The destination queue does not exist';
  }
  if (t.service === 'sns') {
    const sns = await backends.get<Lookups>('sns', t.account, t.region);
    return sns.topics?.has(arn) ? undefined : 'The destination topic does not exist';
  }
  if (t.service === 'lambda') {
    const lambda = await backends.get<Lookups>('lambda', t.account, t.region);
    if (typeof lambda.invoke !== 'function') return 'The destination Lambda function cannot be invoked';
    if (typeof lambda.getFunction !== 'function') return undefined;
    try {
      return lambda.getFunction(arn) ? undefined : 'The destination Lambda function does not exist';
    } catch {
      return 'The destination Lambda function does not exist';
    }
  }
  return 'The destination service is not supported';
}

/**
 * Checks every destination of a configuration exists (AWS also checks the
 * destination's policy lets S3 publish: not yet, there is no policy engine),
 * all problems in one InvalidArgument as S3 lists them.
 */
export async function destinationProblems(backends: BackendAccess, config: Doc): Promise<Array<[string, string]>> {
  const problems: Array<[string, string]> = [];
  for (const [list, arnMember] of DESTINATIONS) {
    for (const c of (config[list] ?? []) as Doc[]) {
      const problem = await destinationProblem(backends, c[arnMember]);
      if (problem) problems.push([c[arnMember], problem]);
    }
  }
  return problems;
}

/** The s3:TestEvent S3 sends to queue and topic destinations when a configuration is set. */
export function sendTestEvents(backends: BackendAccess, bucket: Bucket, config: Doc, requestId: string): void {
  const message = {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: clock.date().toISOString(),
    Bucket: bucket.name,
    RequestId: requestId,
    HostId: randomBytes(48).toString('base64'),
  };
  const targets = [...((config.QueueConfigurations ?? []) as Doc[]).map((c) => c.QueueArn), ...((config.TopicConfigurations ?? []) as Doc[]).map((c) => c.TopicArn)];
  for (const destination of new Set<string>(targets)) {
    eventLoop(backends).schedule(
      async () => {
        try {
          await send(backends, destination, message);
        } catch (err) {
          notificationFailures(backends).push({ bucket: bucket.name, destination, eventName: 's3:TestEvent', error: isAwsError(err) ? err.code : String(err) });
        }
      },
      { label: `s3 test event ${bucket.name}` },
    );
  }
}
