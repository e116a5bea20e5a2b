/**
 * Bucket configurations S3 stores and returns as sent: CORS, lifecycle,
 * encryption, website, logging, notifications, public access block,
 * ownership controls, accelerate, request payment, replication, ABAC, and
 * the Id-keyed analytics / metrics / inventory / intelligent-tiering sets.
 * One table row per configuration; the handlers are generated from it.
 */
import type { Handler, RequestContext } from '../../../src/core/service';
import { invalidRequest, malformedXml, missingConfiguration } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import {
  checkCors,
  checkLifecycle,
  checkLogging,
  checkNotifications,
  checkReplication,
} from './config-rules';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

interface ConfigKind {
  /** Key in Bucket.config. */
  name: string;
  /** Input member of the Put operation that carries the document. */
  member: string;
  /** Output of Get from the stored document (default: under `member`). */
  output?: (stored: any) => Input;
  /** 404 code and message when nothing was stored; else `empty` is returned. */
  missing?: [string, string];
  empty?: () => Input;
  /** Checks (and may normalise) the document before it is stored. */
  check?: (doc: any, bucket: Bucket, ctx: Ctx, input: Input) => any;
  /** What Delete leaves behind (encryption reverts to S3's default). */
  onDelete?: (bucket: Bucket) => void;
}

const spread = (doc: Input) => ({ ...doc });

export const DEFAULT_ENCRYPTION = {
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
};

const KINDS: Record<string, ConfigKind> = {
  Cors: {
    name: 'Cors',
    member: 'CORSConfiguration',
    output: spread,
    missing: ['NoSuchCORSConfiguration', 'The CORS configuration does not exist'],
    check: checkCors,
  },
  LifecycleConfiguration: {
    name: 'Lifecycle',
    member: 'LifecycleConfiguration',
    output: spread,
    missing: ['NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'],
    check: (doc, _b, _c, input) => ({
      ...checkLifecycle(doc),
      TransitionDefaultMinimumObjectSize: input.TransitionDefaultMinimumObjectSize ?? 'all_storage_classes_128K',
    }),
  },
  Encryption: {
    name: 'Encryption',
    member: 'ServerSideEncryptionConfiguration',
    missing: ['ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found'],
    check: (doc) => {
      const algorithm = doc?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
      if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) throw malformedXml();
      return doc;
    },
    onDelete: (bucket) => bucket.config.set('Encryption', DEFAULT_ENCRYPTION),
  },
  Website: {
    name: 'Website',
    member: 'WebsiteConfiguration',
    output: spread,
    missing: ['NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'],
    check: (doc) => {
      if (!doc?.IndexDocument && !doc?.RedirectAllRequestsTo) {
        throw invalidRequest('A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty');
      }
      return doc;
    },
  },
  Logging: {
    name: 'Logging',
    member: 'BucketLoggingStatus',
    output: spread,
    empty: () => ({}),
    check: checkLogging,
  },
  NotificationConfiguration: {
    name: 'Notification',
    member: 'NotificationConfiguration',
    output: spread,
    empty: () => ({}),
    check: checkNotifications,
  },
  PublicAccessBlock: {
    name: 'PublicAccessBlock',
    member: 'PublicAccessBlockConfiguration',
    missing: ['NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'],
  },
  OwnershipControls: {
    name: 'OwnershipControls',
    member: 'OwnershipControls',
    missing: ['OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'],
    check: (doc) => {
      const rules = doc?.Rules;
      const valid = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];
      if (!Array.isArray(rules) || rules.length !== 1 || !valid.includes(rules[0]?.ObjectOwnership)) throw malformedXml();
      return doc;
    },
  },
  AccelerateConfiguration: {
    name: 'Accelerate',
    member: 'AccelerateConfiguration',
    output: spread,
    empty: () => ({}),
    check: (doc, bucket) => {
      if (bucket.name.includes('.')) {
        throw invalidRequest('S3 Transfer Acceleration is not supported for buckets with periods (.) in their names');
      }
      if (doc?.Status !== 'Enabled' && doc?.Status !== 'Suspended') throw malformedXml();
      return doc;
    },
  },
  RequestPayment: {
    name: 'RequestPayment',
    member: 'RequestPaymentConfiguration',
    output: spread,
    empty: () => ({ Payer: 'BucketOwner' }),
    check: (doc) => {
      if (doc?.Payer !== 'Requester' && doc?.Payer !== 'BucketOwner') throw malformedXml();
      return doc;
    },
  },
  Replication: {
    name: 'Replication',
    member: 'ReplicationConfiguration',
    missing: ['ReplicationConfigurationNotFoundError', 'The replication configuration was not found'],
    check: checkReplication,
  },
  Abac: {
    name: 'Abac',
    member: 'AbacStatus',
    empty: () => ({ AbacStatus: { Status: 'Disabled' } }),
  },
};

function getter(kind: ConfigKind): Handler<Input, Input, S3Backend> {
  return (input, ctx) => {
    const bucket = ctx.backend.bucket(input.Bucket);
    const stored = bucket.config.get(kind.name);
    if (stored === undefined) {
      if (kind.missing) throw missingConfiguration(kind.missing[0], kind.missing[1], bucket.name);
      return kind.empty?.() ?? {};
    }
    return kind.output ? kind.output(stored) : { [kind.member]: stored };
  };
}

function putter(kind: ConfigKind): Handler<Input, Input, S3Backend> {
  return (input, ctx) => {
    const bucket = ctx.backend.bucket(input.Bucket);
    const doc = input[kind.member];
    if (doc === undefined || doc === null) throw malformedXml();
    bucket.config.set(kind.name, kind.check ? kind.check(doc, bucket, ctx, input) : doc);
    return kind.name === 'Lifecycle' ? { TransitionDefaultMinimumObjectSize: (bucket.config.get('Lifecycle') as Input).TransitionDefaultMinimumObjectSize } : {};
  };
}

function deleter(kind: ConfigKind): Handler<Input, Input, S3Backend> {
  return (input, ctx) => {
    const bucket = ctx.backend.bucket(input.Bucket);
    bucket.config.delete(kind.name);
    kind.onDelete?.(bucket);
    return {};
  };
}

/** Operation name suffix (GetBucket<X>) → configuration kind. */
const OPERATIONS: Array<[string, keyof typeof KINDS, ('Get' | 'Put' | 'Delete')[]]> = [
  ['BucketCors', 'Cors', ['Get', 'Put', 'Delete']],
  ['BucketLifecycleConfiguration', 'LifecycleConfiguration', ['Get', 'Put']],
  ['BucketEncryption', 'Encryption', ['Get', 'Put', 'Delete']],
  ['BucketWebsite', 'Website', ['Get', 'Put', 'Delete']],
  ['BucketLogging', 'Logging', ['Get', 'Put']],
  ['BucketNotificationConfiguration', 'NotificationConfiguration', ['Get', 'Put']],
  ['PublicAccessBlock', 'PublicAccessBlock', ['Get', 'Put', 'Delete']],
  ['BucketOwnershipControls', 'OwnershipControls', ['Get', 'Put', 'Delete']],
  ['BucketAccelerateConfiguration', 'AccelerateConfiguration', ['Get', 'Put']],
  ['BucketRequestPayment', 'RequestPayment', ['Get', 'Put']],
  ['BucketReplication', 'Replication', ['Get', 'Put', 'Delete']],
  ['BucketAbac', 'Abac', ['Get', 'Put']],
];

const MAKERS = { Get: getter, Put: putter, Delete: deleter };

export const configHandlers: Record<string, Handler<Input, Input, S3Backend>> = {};
for (const [suffix, kind, verbs] of OPERATIONS) {
  for (const verb of verbs) configHandlers[`${verb}${suffix}`] = MAKERS[verb](KINDS[kind]);
}
// DeleteBucketLifecycle is not named after its Put/Get pair.
configHandlers.DeleteBucketLifecycle = deleter(KINDS.LifecycleConfiguration);
