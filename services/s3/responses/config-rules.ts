/**
 * The checks S3 runs on bucket configuration documents before storing them,
 * with its error codes and wording.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { invalidArgument, invalidRequest, malformedXml } from '../exceptions';
import type { Bucket } from '../models/bucket';
import type { RequestContext } from '../../../src/core/service';
import type { S3Backend } from '../models';

type Input = Record<string, any>;

const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

export function checkCors(doc: Input): Input {
  const rules = doc?.CORSRules;
  if (!Array.isArray(rules) || rules.length === 0) throw malformedXml();
  if (rules.length > 100) {
    throw invalidRequest('The number of CORS rules should not exceed allowed limit of 100 rules.');
  }
  for (const rule of rules) {
    if (!rule.AllowedMethods?.length || !rule.AllowedOrigins?.length) throw malformedXml();
    for (const method of rule.AllowedMethods) {
      if (!CORS_METHODS.includes(method)) {
        throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
      }
    }
  }
  return doc;
}

export function checkLifecycle(doc: Input): Input {
  const rules = doc?.Rules;
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > 1000) throw malformedXml();
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml();
    if (rule.ID !== undefined) {
      if (rule.ID.length > 255) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', rule.ID);
      if (ids.has(rule.ID)) {
        throw invalidArgument('RuleId must be unique. Found same ID for more than one rule', 'ID', rule.ID);
      }
      ids.add(rule.ID);
    }
    const actions = rule.Expiration || rule.Transitions?.length || rule.NoncurrentVersionExpiration ||
      rule.NoncurrentVersionTransitions?.length || rule.AbortIncompleteMultipartUpload;
    if (!actions) {
      throw invalidRequest('At least one action needs to be specified in a rule');
    }
    if (rule.Filter !== undefined && rule.Prefix !== undefined) throw malformedXml();
    // Date actions apply at midnight UTC; any other time is refused.
    for (const when of [rule.Expiration?.Date, ...(rule.Transitions ?? []).map((t: Input) => t?.Date)]) {
      if (when !== undefined && new Date(when).getTime() % 86_400_000 !== 0) throw invalidArgument("'Date' must be at midnight GMT");
    }
  }
  // S3 assigns an ID to every rule that has none.
  return { Rules: rules.map((r: Input) => ({ ...r, ID: r.ID ?? randomUUID().replace(/-/g, '').slice(0, 32) })) };
}

export function checkLogging(doc: Input, _bucket: Bucket, ctx: RequestContext<S3Backend>): Input {
  const target = doc?.LoggingEnabled?.TargetBucket;
  if (doc?.LoggingEnabled && target === undefined) throw malformedXml();
  if (target !== undefined && !ctx.backend.anyBucket(target)) {
    throw new AwsError('InvalidTargetBucketForLogging', 'The target bucket for logging does not exist', {
      status: 400,
      fields: { TargetBucket: target },
    });
  }
  return doc;
}

const NOTIFICATION_LISTS: Array<[string, string]> = [
  ['TopicConfigurations', 'TopicArn'],
  ['QueueConfigurations', 'QueueArn'],
  ['LambdaFunctionConfigurations', 'LambdaFunctionArn'],
];

/** Every notification target needs an ARN and events; S3 names unnamed ones. */
export function checkNotifications(doc: Input): Input {
  const out: Input = {};
  for (const [list, arnMember] of NOTIFICATION_LISTS) {
    const items = doc?.[list];
    if (!items?.length) continue;
    out[list] = items.map((item: Input) => {
      if (!item[arnMember] || !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+/.test(item[arnMember])) {
        throw invalidArgument('The ARN is not well formed', arnMember, item[arnMember]);
      }
      if (!item.Events?.length || item.Events.some((e: string) => !/^s3:[A-Za-z]+(:[A-Za-z*]+)*$/.test(e))) {
        throw invalidArgument('The event is not supported for notifications', 'Event', item.Events?.join(','));
      }
      return { ...item, Id: item.Id ?? randomUUID() };
    });
  }
  if (doc?.EventBridgeConfiguration) out.EventBridgeConfiguration = {};
  return out;
}

export function checkReplication(doc: Input, bucket: Bucket): Input {
  if (bucket.versioning !== 'Enabled') {
    throw invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  }
  if (!doc?.Role || !Array.isArray(doc.Rules) || doc.Rules.length === 0) throw malformedXml();
  for (const rule of doc.Rules) {
    if (!rule.Destination?.Bucket || (rule.Status !== 'Enabled' && rule.Status !== 'Disabled')) throw malformedXml();
  }
  return doc;
}
