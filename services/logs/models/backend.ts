/**
 * LogsBackend: the log groups of one account and region (sorted by name for
 * DescribeLogGroups), their streams and events, and the account-level
 * resources (resource policies, destinations, export tasks, queries).
 * Subscription deliveries (delivery.ts) and metric filter data (metrics.ts)
 * go through the core event loop.
 */
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { alreadyExists, constraint, groupNotFound, invalidParameter, streamNotFound } from '../exceptions';
import { deliverToSubscriptions, type Delivery } from './delivery';
import type { ExportTask } from './export';
import type { Query, QueryDefinition } from './insights-store';
import { type MetricPublication, publishMetrics } from './metrics';
import { transformAtIngestion } from './transformer';
import { type AccountPolicy, parseSelection, subscriptionOf } from './account-policies';
import type { AnomalyDetector } from './anomaly-detectors';
import type { DeliveryDestination, DeliverySource, LogDelivery } from './deliveries';
import { type LogEvent, LogGroup, LogStream, sequenceToken, type SubscriptionFilter } from './resources';
import type { LiveTail } from './live-tail';

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
}

export interface LogDestination {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  accessPolicy?: string;
  arn: string;
  creationTime: number;
  tags: Map<string, string>;
}

export interface PutResult {
  nextSequenceToken: string;
  rejected?: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;

export function checkGroupName(name: string, member = 'logGroupName'): void {
  if (name.length < 1 || name.length > 512) {
    throw constraint(name, member, `Member must have length ${name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 512'}`);
  }
  if (!GROUP_NAME.test(name)) throw constraint(name, member, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
}

export function checkStreamName(name: string): void {
  if (name.length < 1 || name.length > 512) {
    throw constraint(name, 'logStreamName', `Member must have length ${name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 512'}`);
  }
  if (!STREAM_NAME.test(name)) throw constraint(name, 'logStreamName', 'Member must satisfy regular expression pattern: [^:*]*');
}

export class LogsBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly groups = new Map<string, LogGroup>();
  /** Open Live Tail sessions (StartLiveTail): each sees the events stored after it started. */
  readonly liveTails = new Set<LiveTail>();
  readonly groupNames = new SortedKeySet();
  readonly resourcePolicies = new Map<string, ResourcePolicy>();
  readonly destinations = new Map<string, LogDestination>();
  readonly exportTasks = new Map<string, ExportTask>();
  readonly queries = new Map<string, Query>();
  readonly queryDefinitions = new Map<string, QueryDefinition>();
  /** Account-level policies, keyed by `policyKey(type, name)`. */
  readonly accountPolicies = new Map<string, AccountPolicy>();
  readonly anomalyDetectors = new Map<string, AnomalyDetector>();
  readonly deliverySources = new Map<string, DeliverySource>();
  readonly deliveryDestinations = new Map<string, DeliveryDestination>();
  /** CreateDelivery's deliveries by id (`deliveries` holds the subscription deliveries made). */
  readonly logDeliveries = new Map<string, LogDelivery>();
  /** Every subscription delivery made or attempted, oldest first (failures carry `error`). */
  readonly deliveries: Delivery[] = [];
  /** Every PutMetricData the metric filters made or attempted, oldest first (failures carry `error`). */
  readonly metricPublications: MetricPublication[] = [];
  private seq = 0;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  /** The account-level subscription filter policy, as a filter, when it selects this group. */
  accountSubscription(groupName: string): SubscriptionFilter | undefined {
    for (const p of this.accountPolicies.values()) {
      if (p.policyType === 'SUBSCRIPTION_FILTER_POLICY' && parseSelection(p.selectionCriteria).matches(groupName)) return subscriptionOf(p);
    }
    return undefined;
  }

  groupArn(name: string): string {
    return arn({ service: 'logs', region: this.region, account: this.account, resource: `log-group:${name}:*` });
  }

  createGroup(name: string, options: { kmsKeyId?: string; logGroupClass?: string; deletionProtectionEnabled?: boolean; tags?: Record<string, string> } = {}): LogGroup {
    checkGroupName(name);
    if (this.groups.has(name)) throw alreadyExists('The specified log group already exists');
    const group = new LogGroup(name, this.groupArn(name), clock.now(), options.logGroupClass ?? 'STANDARD', options);
    for (const [k, v] of Object.entries(options.tags ?? {})) group.tags.set(k, v);
    this.groups.set(name, group);
    this.groupNames.add(name);
    return group;
  }

  /** The group by name or ARN (logGroupIdentifier accepts either). */
  group(nameOrArn: string): LogGroup {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':log-group:')[1]?.replace(/:\*$/, '') : nameOrArn;
    const group = name === undefined ? undefined : this.groups.get(name);
    if (!group) throw groupNotFound();
    group.expire(clock.now());
    return group;
  }

  deleteGroup(name: string): void {
    const group = this.group(name);
    if (group.deletionProtectionEnabled) {
      throw invalidParameter('Log group deletion protection is enabled. Disable deletion protection before deleting the log group.');
    }
    this.groups.delete(name);
    this.groupNames.delete(name);
  }

  createStream(group: LogGroup, name: string): LogStream {
    checkStreamName(name);
    if (group.streams.has(name)) throw alreadyExists('The specified log stream already exists');
    const stream = new LogStream(name, arn({ service: 'logs', region: this.region, account: this.account, resource: `log-group:${group.name}:log-stream:${name}` }), clock.now());
    group.streams.set(name, stream);
    group.streamNames.add(name);
    return stream;
  }

  stream(group: LogGroup, name: string): LogStream {
    const stream = group.streams.get(name);
    if (!stream) throw streamNotFound();
    return stream;
  }

  /** PutLogEvents with AWS's batch rules: whole-batch errors throw, too old/new/expired events are skipped and reported. */
  putLogEvents(groupName: string, streamName: string, events: Array<{ timestamp: number; message: string }>): PutResult {
    if (events.length === 0) throw constraint('[]', 'logEvents', 'Member must have length greater than or equal to 1');
    if (events.length > 10_000) throw constraint(`[${events.length} events]`, 'logEvents', 'Member must have length less than or equal to 10000');
    let size = 0;
    for (let i = 0; i < events.length; i++) {
      const bytes = Buffer.byteLength(events[i].message ?? '') + EVENT_OVERHEAD;
      if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Log event too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
      size += bytes;
      if (i > 0 && events[i].timestamp < events[i - 1].timestamp) {
        throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
      }
    }
    if (size > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${size} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
    const group = this.group(groupName);
    const stream = this.stream(group, streamName);
    const now = clock.now();
    const rejected: NonNullable<PutResult['rejected']> = {};
    const retentionCutoff = group.retentionInDays === undefined ? undefined : now - group.retentionInDays * DAY;
    const accepted: Array<{ timestamp: number; message: string }> = [];
    events.forEach((e, i) => {
      if (e.timestamp > now + 2 * HOUR) {
        rejected.tooNewLogEventStartIndex ??= i;
      } else if (retentionCutoff !== undefined && e.timestamp < retentionCutoff) {
        rejected.expiredLogEventEndIndex = i + 1;
      } else if (e.timestamp < now - 14 * DAY) {
        rejected.tooOldLogEventEndIndex = i + 1;
      } else {
        accepted.push(e);
      }
    });
    if (accepted.length > 1 && accepted[accepted.length - 1].timestamp - accepted[0].timestamp > DAY) {
      throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    }
    this.store(group, stream, accepted, now);
    stream.uploadSequenceToken = sequenceToken(this.seq + 1);
    return { nextSequenceToken: stream.uploadSequenceToken, rejected: Object.keys(rejected).length ? rejected : undefined };
  }

  /**
   * For other services (the Lambda helper writes function logs here): appends
   * events as they are, creating the group and stream when missing.
   */
  appendEvents(logGroupName: string, logStreamName: string, events: { timestamp: number; message: string }[]): void {
    const group = this.groups.get(logGroupName) ?? this.createGroup(logGroupName);
    const stream = group.streams.get(logStreamName) ?? this.createStream(group, logStreamName);
    this.store(group, stream, [...events].sort((a, b) => a.timestamp - b.timestamp), clock.now());
  }

  private store(group: LogGroup, stream: LogStream, events: Array<{ timestamp: number; message: string }>, now: number): void {
    if (events.length === 0) return;
    const added: LogEvent[] = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++this.seq }));
    if (group.transformer) for (const e of added) e.transformed = transformAtIngestion(group.transformer.config, e.message);
    for (const e of added) stream.add(e);
    deliverToSubscriptions(this, group, stream, added);
    for (const tail of this.liveTails) tail.offer(group, stream, added);
    publishMetrics(this, group, added);
  }
}
