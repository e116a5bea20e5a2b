/**
 * Object Lock: the bucket's lock configuration (default retention), and
 * per-version retention and legal hold. COMPLIANCE retention can only be
 * extended; GOVERNANCE can be loosened with x-amz-bypass-governance-retention.
 */
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import type {
  GetObjectLegalHoldRequest,
  GetObjectRetentionRequest,
  PutObjectLegalHoldRequest,
  PutObjectLockConfigurationRequest,
  PutObjectRetentionRequest,
} from '../types';
import { accessDenied, invalidArgument, invalidRequest, malformedXml, missingConfiguration } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { objectFor } from './objects';
import { checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

export function putObjectLockConfiguration(input: PutObjectLockConfigurationRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const config = input.ObjectLockConfiguration;
  if (config?.ObjectLockEnabled !== 'Enabled') throw malformedXml();
  if (!bucket.objectLockEnabled && bucket.versioning !== 'Enabled') {
    throw new AwsError('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", {
      status: 409,
    });
  }
  const retention = config.Rule?.DefaultRetention;
  if (config.Rule && !retention) throw malformedXml();
  if (retention) {
    if (retention.Mode !== 'GOVERNANCE' && retention.Mode !== 'COMPLIANCE') throw malformedXml();
    if ((retention.Days === undefined) === (retention.Years === undefined)) throw malformedXml();
    const n = retention.Days ?? retention.Years ?? 0;
    if (!Number.isInteger(n) || n <= 0) {
      throw invalidArgument('Default retention period must be a positive integer value', 'DefaultRetention', n);
    }
  }
  bucket.objectLockEnabled = true;
  bucket.config.set('ObjectLock', config);
  return {};
}

export function getObjectLockConfiguration(input: { Bucket: string }, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const config = bucket.config.get('ObjectLock');
  if (!config) {
    throw missingConfiguration('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', bucket.name);
  }
  return { ObjectLockConfiguration: config };
}

function lockedObject(input: Input, ctx: Ctx, method: string) {
  const bucket: Bucket = ctx.backend.bucket(input.Bucket);
  if (!bucket.objectLockEnabled) throw invalidRequest('Bucket is missing Object Lock Configuration');
  return objectFor(bucket, checkKey(input.Key), input.VersionId, method);
}

export function putObjectRetention(input: PutObjectRetentionRequest, ctx: Ctx) {
  const obj = lockedObject(input, ctx, 'PUT');
  const wanted = input.Retention;
  if (wanted?.Mode !== undefined && wanted.Mode !== 'GOVERNANCE' && wanted.Mode !== 'COMPLIANCE') throw malformedXml();
  if (Boolean(wanted?.Mode) !== Boolean(wanted?.RetainUntilDate)) throw malformedXml();
  if (wanted?.RetainUntilDate && wanted.RetainUntilDate.getTime() <= clock.now()) {
    throw invalidArgument('The retain until date must be in the future!', 'RetainUntilDate', wanted.RetainUntilDate.toISOString());
  }
  const current = obj.retention;
  if (current && current.RetainUntilDate.getTime() > clock.now()) {
    const loosens = !wanted?.Mode || wanted.Mode !== current.Mode || (wanted.RetainUntilDate as Date) < current.RetainUntilDate;
    if (loosens && (current.Mode === 'COMPLIANCE' || input.BypassGovernanceRetention !== true)) throw accessDenied();
  }
  obj.retention = wanted?.Mode ? { Mode: wanted.Mode, RetainUntilDate: wanted.RetainUntilDate as Date } : undefined;
  return {};
}

export function getObjectRetention(input: GetObjectRetentionRequest, ctx: Ctx) {
  const obj = lockedObject(input, ctx, 'GET');
  if (!obj.retention) {
    throw new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', { status: 404 });
  }
  return { Retention: { ...obj.retention } };
}

export function putObjectLegalHold(input: PutObjectLegalHoldRequest, ctx: Ctx) {
  const obj = lockedObject(input, ctx, 'PUT');
  const status = input.LegalHold?.Status;
  if (status !== 'ON' && status !== 'OFF') throw malformedXml();
  obj.legalHold = status;
  return {};
}

export function getObjectLegalHold(input: GetObjectLegalHoldRequest, ctx: Ctx) {
  const obj = lockedObject(input, ctx, 'GET');
  if (!obj.legalHold) {
    throw new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', { status: 404 });
  }
  return { LegalHold: { Status: obj.legalHold } };
}
