/**
 * Topic and subscription attribute rules: which names may be set, defaults,
 * and the values SNS computes (Policy, EffectiveDeliveryPolicy, counts).
 */
import { invalidParameter } from '../exceptions';
import { type FilterScope, parseFilterPolicy } from './filter-policy';
import type { Subscription } from './resources';

const FEEDBACK = /^(Application|HTTP|Lambda|SQS|Firehose)(SuccessFeedbackRoleArn|FailureFeedbackRoleArn|SuccessFeedbackSampleRate)$/;
const TOPIC_SETTABLE = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'FifoTopic',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
]);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'ArchivePolicy', 'FifoThroughputScope']);

export const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

export function defaultTopicPolicy(topicArn: string, account: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': account } },
      },
    ],
  });
}

function checkJson(name: string, value: string): void {
  try {
    JSON.parse(value);
  } catch {
    throw invalidParameter(`Attributes Reason: ${name}: failed to parse JSON.`);
  }
}

export function checkTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (!TOPIC_SETTABLE.has(name) && !FEEDBACK.test(name)) throw invalidParameter('AttributeName');
  if (FIFO_ONLY.has(name) && !fifo) {
    throw invalidParameter(`Attributes Reason: ${name} is only valid for FIFO topics`);
  }
  if (name === 'FifoTopic' && !creating) throw invalidParameter('AttributeName');
  if ((name === 'ContentBasedDeduplication' || name === 'FifoTopic') && value !== 'true' && value !== 'false') {
    throw invalidParameter(`Attributes Reason: ${name} must be true or false`);
  }
  if (name === 'SignatureVersion' && value !== '1' && value !== '2') {
    throw invalidParameter('Attributes Reason: SignatureVersion must be 1 or 2');
  }
  if (name === 'TracingConfig' && value !== 'Active' && value !== 'PassThrough') {
    throw invalidParameter('Attributes Reason: TracingConfig must be Active or PassThrough');
  }
  if (name === 'FifoThroughputScope' && value !== 'Topic' && value !== 'MessageGroup') {
    throw invalidParameter('Attributes Reason: FifoThroughputScope must be Topic or MessageGroup');
  }
  if (name === 'Policy' || name === 'DeliveryPolicy' || name === 'ArchivePolicy' || name === 'DataProtectionPolicy') {
    checkJson(name, value);
  }
}

const RAW_CAPABLE = new Set(['http', 'https', 'sqs', 'firehose']);
const SUBSCRIPTION_SETTABLE = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

/** Validates one subscription attribute (against the values it would have after the change). */
export function checkSubscriptionAttribute(
  name: string,
  value: string,
  protocol: string,
  next: Record<string, string>,
): void {
  if (!SUBSCRIPTION_SETTABLE.has(name)) throw invalidParameter('AttributeName');
  if (name === 'RawMessageDelivery') {
    if (value !== 'true' && value !== 'false') throw invalidParameter('Attributes Reason: RawMessageDelivery: Invalid value');
    if (value === 'true' && !RAW_CAPABLE.has(protocol)) {
      throw invalidParameter(`Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`);
    }
  }
  if (name === 'FilterPolicyScope' && value !== 'MessageAttributes' && value !== 'MessageBody') {
    throw invalidParameter(
      `Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
    );
  }
  if (name === 'FilterPolicy' || name === 'FilterPolicyScope') {
    if (next.FilterPolicy) parseFilterPolicy(next.FilterPolicy, (next.FilterPolicyScope ?? 'MessageAttributes') as FilterScope);
  }
  if (name === 'RedrivePolicy' || name === 'DeliveryPolicy' || name === 'ReplayPolicy') checkJson(name, value);
}

export function subscriptionAttributeView(sub: Subscription): Record<string, string> {
  const attrs: Record<string, string> = {
    SubscriptionArn: sub.arn,
    TopicArn: sub.topicArn,
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    ConfirmationWasAuthenticated: String(!sub.pending),
    PendingConfirmation: String(sub.pending),
    RawMessageDelivery: 'false',
    ...sub.attributes,
  };
  if (sub.protocol === 'http' || sub.protocol === 'https') attrs.EffectiveDeliveryPolicy = EFFECTIVE_DELIVERY_POLICY;
  if (attrs.FilterPolicy && !attrs.FilterPolicyScope) attrs.FilterPolicyScope = 'MessageAttributes';
  return attrs;
}
