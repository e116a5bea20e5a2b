/** Log anomaly detectors: create, get, list (by log group), update, delete. Stored only (see models/anomaly-detectors.ts). */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import { invalidParameter, notFound } from '../exceptions';
import type { AnomalyDetector } from '../models/anomaly-detectors';
import { compilePattern } from '../models/filter-pattern';
import type { CreateLogAnomalyDetectorRequest } from '../types';
import { checkTags, type Ctx, decodeToken, encodeToken, limitOf } from './common';

/** AWS's default: an anomaly is visible for 21 days before it is baselined. */
const DEFAULT_VISIBILITY_DAYS = 21;

function detectorOf(anomalyDetectorArn: string, ctx: Ctx): AnomalyDetector {
  const d = ctx.backend.anomalyDetectors.get(anomalyDetectorArn);
  if (!d) throw notFound('The specified anomaly detector does not exist.');
  return d;
}

function describe(d: AnomalyDetector) {
  return {
    anomalyDetectorArn: d.anomalyDetectorArn,
    detectorName: d.detectorName,
    logGroupArnList: d.logGroupArnList,
    evaluationFrequency: d.evaluationFrequency,
    filterPattern: d.filterPattern,
    anomalyDetectorStatus: d.anomalyDetectorStatus,
    kmsKeyId: d.kmsKeyId,
    creationTimeStamp: d.creationTimeStamp,
    lastModifiedTimeStamp: d.lastModifiedTimeStamp,
    anomalyVisibilityTime: d.anomalyVisibilityTime,
  };
}

export function createLogAnomalyDetector(input: CreateLogAnomalyDetectorRequest, ctx: Ctx) {
  // "You can specify only one log group ARN."
  if (input.logGroupArnList.length !== 1) throw invalidParameter('logGroupArnList must contain exactly one log group ARN.');
  const group = ctx.backend.group(input.logGroupArnList[0]);
  if (input.filterPattern !== undefined) compilePattern(input.filterPattern);
  checkTags(input.tags);
  const now = clock.now();
  const detectorArn = arn({ service: 'logs', region: ctx.region, account: ctx.account, resource: `anomaly-detector:${randomUUID()}` });
  const detector: AnomalyDetector = {
    anomalyDetectorArn: detectorArn,
    detectorName: input.detectorName,
    logGroupArnList: [group.bareArn],
    evaluationFrequency: input.evaluationFrequency,
    filterPattern: input.filterPattern,
    kmsKeyId: input.kmsKeyId,
    anomalyVisibilityTime: input.anomalyVisibilityTime ?? DEFAULT_VISIBILITY_DAYS,
    anomalyDetectorStatus: 'INITIALIZING',
    creationTimeStamp: now,
    lastModifiedTimeStamp: now,
    tags: new Map(Object.entries(input.tags ?? {})),
  };
  ctx.backend.anomalyDetectors.set(detectorArn, detector);
  return { anomalyDetectorArn: detectorArn };
}

export function getLogAnomalyDetector(input: { anomalyDetectorArn: string }, ctx: Ctx) {
  const { anomalyDetectorArn: _, ...rest } = describe(detectorOf(input.anomalyDetectorArn, ctx));
  return rest;
}

export function listLogAnomalyDetectors(input: { filterLogGroupArn?: string; limit?: number; nextToken?: string }, ctx: Ctx) {
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const group = input.filterLogGroupArn?.replace(/:\*$/, '');
  const all = [...ctx.backend.anomalyDetectors.values()]
    .filter((d) => group === undefined || d.logGroupArnList.includes(group))
    .filter((d) => after === undefined || d.anomalyDetectorArn > after)
    .sort((a, b) => (a.anomalyDetectorArn < b.anomalyDetectorArn ? -1 : 1));
  const page = all.slice(0, limit);
  return { anomalyDetectors: page.map(describe), nextToken: all.length > limit ? encodeToken(page[page.length - 1].anomalyDetectorArn) : undefined };
}

export function updateLogAnomalyDetector(
  input: { anomalyDetectorArn: string; enabled: boolean; evaluationFrequency?: string; filterPattern?: string; anomalyVisibilityTime?: number },
  ctx: Ctx,
): void {
  const d = detectorOf(input.anomalyDetectorArn, ctx);
  if (input.filterPattern !== undefined) compilePattern(input.filterPattern);
  if (input.evaluationFrequency !== undefined) d.evaluationFrequency = input.evaluationFrequency;
  if (input.filterPattern !== undefined) d.filterPattern = input.filterPattern;
  if (input.anomalyVisibilityTime !== undefined) d.anomalyVisibilityTime = input.anomalyVisibilityTime;
  d.anomalyDetectorStatus = input.enabled ? (d.anomalyDetectorStatus === 'PAUSED' ? 'INITIALIZING' : d.anomalyDetectorStatus) : 'PAUSED';
  d.lastModifiedTimeStamp = clock.now();
}

export function deleteLogAnomalyDetector(input: { anomalyDetectorArn: string }, ctx: Ctx): void {
  detectorOf(input.anomalyDetectorArn, ctx);
  ctx.backend.anomalyDetectors.delete(input.anomalyDetectorArn);
}

/**
 * ListAnomalies: the fake's detectors never find anomalies, so every page is
 * empty; a named detector must exist.
 */
export function listAnomalies(input: { anomalyDetectorArn?: string; suppressionState?: string; limit?: number; nextToken?: string }, ctx: Ctx) {
  limitOf(input.limit, 50);
  if (input.anomalyDetectorArn !== undefined) detectorOf(input.anomalyDetectorArn, ctx);
  return { anomalies: [] };
}
