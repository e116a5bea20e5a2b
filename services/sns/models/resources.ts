/** The resources an SNS backend holds: topics, subscriptions, recorded deliveries. */
import type { PublishedAttribute } from './filter-policy';
import type { SortedKeySet } from '../../../src/core/sorted-keys';

export interface Topic {
  arn: string;
  name: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags: Map<string, string>;
  dataProtectionPolicy?: string;
  subscriptions: SortedKeySet;
  /** FIFO deduplication: id → the first publish's answer, for 5 minutes. */
  dedup: Map<string, { messageId: string; sequenceNumber: string; expiresAt: number }>;
  sequence: bigint;
  deletedSubscriptions: number;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  attributes: Record<string, string>;
  pending: boolean;
  token: string;
}

/**
 * One message SNS handed to an endpoint it does not deliver in-process
 * (HTTP/S, email, SMS, mobile push, Lambda, Firehose), or a failed delivery.
 * Read them from tests: `(await backends.get<SnsBackend>('sns')).deliveries`.
 */
export interface Delivery {
  protocol: string;
  endpoint: string;
  type: 'Notification' | 'SubscriptionConfirmation';
  /** What the endpoint receives: the JSON envelope, or the raw message. */
  body: string;
  messageId: string;
  topicArn?: string;
  subscriptionArn?: string;
  subject?: string;
  messageAttributes?: Record<string, PublishedAttribute>;
  at: Date;
  /** Set when delivery failed (e.g. the subscribed queue no longer exists). */
  error?: string;
}

export interface PlatformApplication {
  arn: string;
  name: string;
  platform: string;
  attributes: Record<string, string>;
  endpoints: SortedKeySet;
}

export interface PlatformEndpoint {
  arn: string;
  applicationArn: string;
  attributes: Record<string, string>;
}
