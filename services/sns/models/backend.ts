/**
 * SnsBackend: topics, subscriptions, platform applications and the record of
 * deliveries for one account and region. Publishing and fan-out live in
 * publish.ts; this class owns the resources and their invariants.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { arn, parseArn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { invalidParameter, notFound, topicNotFound } from '../exceptions';
import type { PublishedAttribute } from './filter-policy';
import { checkPublish, publishToTopic } from './publish';
import type { Delivery, PlatformApplication, PlatformEndpoint, Subscription, Topic } from './resources';
import { checkSubscriptionAttribute, checkTopicAttribute, defaultTopicPolicy, EFFECTIVE_DELIVERY_POLICY } from './topic-attributes';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export class SnsBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly topics = new Map<string, Topic>();
  readonly topicArns = new SortedKeySet();
  readonly subscriptions = new Map<string, Subscription>();
  readonly subscriptionArns = new SortedKeySet();
  readonly applications = new Map<string, PlatformApplication>();
  /** Application ARNs in order (ListPlatformApplications pages through them). */
  readonly applicationArns = new SortedKeySet();
  readonly endpoints = new Map<string, PlatformEndpoint>();
  readonly smsAttributes: Record<string, string> = {};
  readonly optedOut = new Set<string>();
  /** SMS sandbox: destination numbers added to it, with their one-time passwords. */
  readonly smsSandbox = {
    inSandbox: true,
    numbers: new Map<string, { status: 'Pending' | 'Verified'; otp: string }>(),
  };
  /** Every delivery SNS made or attempted to a non-SQS endpoint, plus failures, oldest first. */
  readonly deliveries: Delivery[] = [];

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  createTopic(name: string, attributes: Record<string, string> = {}, tags: Record<string, string> = {}): Topic {
    const fifo = attributes.FifoTopic === 'true';
    if (!(fifo ? FIFO_TOPIC_NAME : TOPIC_NAME).test(name)) {
      throw invalidParameter('Topic Name');
    }
    for (const [k, v] of Object.entries(attributes)) checkTopicAttribute(k, v, fifo, true);
    const topicArn = arn({ service: 'sns', region: this.region, account: this.account, resource: name });
    const existing = this.topics.get(topicArn);
    if (existing) {
      for (const [k, v] of Object.entries(attributes)) {
        if (k !== 'DataProtectionPolicy' && existing.attributes[k] !== v) {
          throw invalidParameter('Attributes', 'Topic already exists with different attributes');
        }
      }
      for (const [k, v] of Object.entries(tags)) {
        if (existing.tags.get(k) !== v) throw invalidParameter('Tags', 'Topic already exists with different tags');
      }
      return existing;
    }
    const { DataProtectionPolicy, ...rest } = attributes;
    const topic: Topic = {
      arn: topicArn,
      name,
      fifo,
      attributes: {
        Policy: defaultTopicPolicy(topicArn, this.account),
        DisplayName: '',
        EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
        ...(fifo ? { FifoTopic: 'true', ContentBasedDeduplication: 'false' } : {}),
        ...rest,
      },
      tags: new Map(Object.entries(tags)),
      dataProtectionPolicy: DataProtectionPolicy,
      subscriptions: new SortedKeySet(),
      dedup: new Map(),
      sequence: 0n,
      deletedSubscriptions: 0,
    };
    this.topics.set(topicArn, topic);
    this.topicArns.add(topicArn);
    return topic;
  }

  getTopic(topicArn: string): Topic {
    const topic = this.topics.get(topicArn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  deleteTopic(topicArn: string): void {
    const topic = this.topics.get(topicArn);
    if (!topic) return; // deleting a topic that does not exist is not an error
    for (const subArn of [...topic.subscriptions]) this.unsubscribe(subArn);
    this.topics.delete(topicArn);
    this.topicArns.delete(topicArn);
  }

  setTopicAttribute(topic: Topic, name: string, value: string): void {
    checkTopicAttribute(name, value, topic.fifo, false);
    if (name === 'DataProtectionPolicy') topic.dataProtectionPolicy = value;
    else topic.attributes[name] = value;
  }

  topicAttributes(topic: Topic): Record<string, string> {
    let confirmed = 0;
    let pending = 0;
    for (const subArn of topic.subscriptions) {
      if (this.subscriptions.get(subArn)?.pending) pending++;
      else confirmed++;
    }
    return {
      ...topic.attributes,
      TopicArn: topic.arn,
      Owner: this.account,
      SubscriptionsConfirmed: String(confirmed),
      SubscriptionsPending: String(pending),
      SubscriptionsDeleted: String(topic.deletedSubscriptions),
    };
  }

  /** An existing subscription of the same endpoint is returned, not duplicated. */
  subscribe(topic: Topic, protocol: string, endpoint: string, attributes: Record<string, string>): { sub: Subscription; created: boolean } {
    for (const subArn of topic.subscriptions) {
      const s = this.subscriptions.get(subArn) as Subscription;
      if (s.protocol === protocol && s.endpoint === endpoint) {
        for (const [k, v] of Object.entries(attributes)) {
          if ((s.attributes[k] ?? (k === 'RawMessageDelivery' ? 'false' : undefined)) !== v) {
            throw invalidParameter('Attributes', 'Subscription already exists with different attributes');
          }
        }
        return { sub: s, created: false };
      }
    }
    const next: Record<string, string> = { ...attributes };
    for (const [k, v] of Object.entries(attributes)) checkSubscriptionAttribute(k, v, protocol, next);
    const sub: Subscription = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      owner: this.account,
      attributes: next,
      pending: !autoConfirms(protocol, endpoint, this.account),
      token: randomBytes(64).toString('hex'),
    };
    this.subscriptions.set(sub.arn, sub);
    this.subscriptionArns.add(sub.arn);
    topic.subscriptions.add(sub.arn);
    return { sub, created: true };
  }

  getSubscription(subArn: string): Subscription {
    const sub = this.subscriptions.get(subArn);
    if (!sub) throw notFound('Subscription does not exist');
    return sub;
  }

  setSubscriptionAttribute(sub: Subscription, name: string, value: string): void {
    const next = { ...sub.attributes, [name]: value };
    checkSubscriptionAttribute(name, value, sub.protocol, next);
    if (value === '' && (name === 'FilterPolicy' || name === 'RedrivePolicy')) delete next[name];
    sub.attributes = next;
  }

  unsubscribe(subArn: string): void {
    const sub = this.getSubscription(subArn);
    this.subscriptions.delete(subArn);
    this.subscriptionArns.delete(subArn);
    const topic = this.topics.get(sub.topicArn);
    if (topic) {
      topic.subscriptions.delete(subArn);
      topic.deletedSubscriptions++;
    }
  }

  confirm(topic: Topic, token: string): Subscription {
    for (const subArn of topic.subscriptions) {
      const s = this.subscriptions.get(subArn) as Subscription;
      if (s.token === token) {
        s.pending = false;
        return s;
      }
    }
    throw invalidParameter('Token');
  }

  /** Stores (or replaces) a platform application, keeping the ARN index in step. */
  putApplication(app: PlatformApplication): void {
    this.applications.set(app.arn, app);
    this.applicationArns.add(app.arn);
  }

  /** Removes a platform application and its endpoints; none is not an error. */
  deleteApplication(appArn: string): void {
    const app = this.applications.get(appArn);
    if (!app) return;
    for (const e of app.endpoints) this.endpoints.delete(e);
    this.applications.delete(appArn);
    this.applicationArns.delete(appArn);
  }

  /**
   * Publish from another service (EventBridge targets, S3 notifications, Lambda
   * destinations) as the Publish operation does: checks, FIFO deduplication,
   * filter policies, fan-out. Throws SNS's AwsError for a missing topic.
   */
  async publish(
    topicArn: string,
    message: string,
    options: { subject?: string; groupId?: string; dedupId?: string; attributes?: Record<string, PublishedAttribute> } = {},
  ): Promise<{ messageId: string }> {
    const topic = this.getTopic(topicArn);
    const params = { message, ...options };
    checkPublish(topic, params);
    return publishToTopic(this, topic, params);
  }

  /** The resource an ARN names for tagging: topics only, as in SNS. */
  taggable(resourceArn: string): Topic | undefined {
    return this.topics.get(resourceArn);
  }
}

/** SQS, Lambda and mobile endpoints of the same account are confirmed at once; others wait for ConfirmSubscription. */
function autoConfirms(protocol: string, endpoint: string, account: string): boolean {
  if (protocol === 'application' || protocol === 'lambda' || protocol === 'firehose') return true;
  if (protocol === 'sqs') return parseArn(endpoint)?.account === account;
  return false;
}
