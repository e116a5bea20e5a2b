/**
 * Account-level settings: OTel enrichment (Start / Stop / Update / Get), the
 * default dataset's KMS key (Associate / Disassociate / GetDataset), resource
 * metrics configurations (Create / Get / Update / Delete).
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import { resourceNotFoundException } from '../exceptions';
import { type OTelState, configOut } from '../models/settings';
import type * as T from '../types';
import type { Ctx } from './common';

const filtersOut = (s: OTelState) => ({
  IncludeFilters: s.include,
  ExcludeFilters: s.exclude,
  CreatedAt: s.createdAt === undefined ? undefined : new Date(s.createdAt),
  UpdatedAt: s.updatedAt === undefined ? undefined : new Date(s.updatedAt),
});

function checkSelectors(selectors: T.OTelEnrichmentMetricSelector[] | undefined, member: string): void {
  for (const s of selectors ?? []) {
    if (s.Namespace === '') throw new AwsError('ValidationError', `${member}: Namespace must not be empty.`, { status: 400 });
  }
}

/** "Calling StartOTelEnrichment for an account where enrichment is already running has no effect and does not modify the filters." */
export function startOTelEnrichment(input: T.StartOTelEnrichmentInput, ctx: Ctx) {
  checkSelectors(input.IncludeFilters, 'IncludeFilters');
  checkSelectors(input.ExcludeFilters, 'ExcludeFilters');
  const settings = ctx.backend.settings;
  if (settings.otel.status !== 'Running') {
    const now = clock.now();
    settings.otel = { status: 'Running', include: input.IncludeFilters, exclude: input.ExcludeFilters, createdAt: now, updatedAt: now };
  }
  return filtersOut(settings.otel);
}

export function stopOTelEnrichment(_input: T.StopOTelEnrichmentInput, ctx: Ctx) {
  ctx.backend.settings.otel = { status: 'Stopped' };
}

/** The filters are replaced as a pair; enrichment must be running (else ResourceNotFoundException). */
export function updateOTelEnrichment(input: T.UpdateOTelEnrichmentInput, ctx: Ctx) {
  const settings = ctx.backend.settings;
  if (settings.otel.status !== 'Running') {
    throw resourceNotFoundException('OTel enrichment is not running for this account. Start it with StartOTelEnrichment.');
  }
  checkSelectors(input.IncludeFilters, 'IncludeFilters');
  checkSelectors(input.ExcludeFilters, 'ExcludeFilters');
  settings.otel = { ...settings.otel, include: input.IncludeFilters, exclude: input.ExcludeFilters, updatedAt: clock.now() };
  return filtersOut(settings.otel);
}

export function getOTelEnrichment(_input: T.GetOTelEnrichmentInput, ctx: Ctx) {
  const otel = ctx.backend.settings.otel;
  return { Status: otel.status, ...filtersOut(otel) };
}

// ---- the default dataset

function datasetArn(ctx: Ctx): string {
  return `arn:${parseArn(ctx.backend.alarmArn('x'))?.partition ?? 'aws'}:cloudwatch:${ctx.region}:${ctx.account}:dataset/default`;
}

/** "Only the default dataset is supported": `default` or its full ARN. */
function checkDataset(identifier: string, ctx: Ctx): void {
  if (identifier !== 'default' && identifier !== datasetArn(ctx)) {
    throw resourceNotFoundException(`Dataset ${identifier} does not exist. Only the default dataset is supported.`);
  }
}

interface KeyLookup {
  findKey(keyId: string, options?: { aliases?: boolean }): Promise<{ arn: string; state: string; keySpec: string; keyUsage: string }>;
}

export async function associateDatasetKmsKey(input: T.AssociateDatasetKmsKeyInput, ctx: Ctx) {
  checkDataset(input.DatasetIdentifier, ctx);
  const parsed = parseArn(input.KmsKeyArn);
  // "It must be specified as a fully qualified key ARN ... in the same Region as the dataset."
  if (parsed?.service !== 'kms' || !parsed.resource.startsWith('key/') || parsed.region !== ctx.region) {
    throw new AwsError('KmsKeyNotFoundException', `The KMS key ${input.KmsKeyArn} is not a key ARN of this Region.`, { status: 400 });
  }
  const kms = await ctx.backends.get<KeyLookup>('kms', parsed.account, parsed.region);
  let key: Awaited<ReturnType<KeyLookup['findKey']>>;
  try {
    key = await kms.findKey(input.KmsKeyArn, { aliases: false });
  } catch {
    throw new AwsError('KmsKeyNotFoundException', `The KMS key ${input.KmsKeyArn} could not be found.`, { status: 400 });
  }
  if (key.state !== 'Enabled') throw new AwsError('KmsKeyDisabledException', `The KMS key ${input.KmsKeyArn} is ${key.state}.`, { status: 400 });
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' || key.keyUsage !== 'ENCRYPT_DECRYPT') {
    throw new AwsError('ValidationError', `The KMS key ${input.KmsKeyArn} must be a symmetric encryption key (SYMMETRIC_DEFAULT).`, { status: 400 });
  }
  ctx.backend.settings.datasetKey = key.arn;
}

export function disassociateDatasetKmsKey(input: T.DisassociateDatasetKmsKeyInput, ctx: Ctx) {
  checkDataset(input.DatasetIdentifier, ctx);
  if (ctx.backend.settings.datasetKey === undefined) {
    throw resourceNotFoundException('The dataset default has no customer managed KMS key associated with it.');
  }
  ctx.backend.settings.datasetKey = undefined;
}

export function getDataset(input: T.GetDatasetInput, ctx: Ctx) {
  checkDataset(input.DatasetIdentifier, ctx);
  return { DatasetId: 'default', Arn: datasetArn(ctx), KmsKeyArn: ctx.backend.settings.datasetKey };
}

// ---- resource metrics configurations

function checkResourceArn(resourceArn: string): void {
  if (!parseArn(resourceArn)) throw new AwsError('ValidationError', `Invalid ResourceArn: ${resourceArn}`, { status: 400 });
}

function config(resourceArn: string, ctx: Ctx) {
  checkResourceArn(resourceArn);
  const found = ctx.backend.settings.resourceConfigs.get(resourceArn);
  if (!found) throw resourceNotFoundException(`No resource metrics configuration exists for ${resourceArn}.`);
  return found;
}

export function createResourceMetricsConfiguration(input: T.CreateResourceMetricsConfigurationInput, ctx: Ctx) {
  checkResourceArn(input.ResourceArn);
  const configs = ctx.backend.settings.resourceConfigs;
  if (configs.has(input.ResourceArn)) {
    throw new AwsError('ConflictException', `A resource metrics configuration already exists for ${input.ResourceArn}.`, { status: 409 });
  }
  const now = clock.now();
  const created = { resourceArn: input.ResourceArn, createdAt: now, updatedAt: now, selections: input.MetricSelections };
  configs.set(input.ResourceArn, created);
  return { ResourceMetricsConfiguration: configOut(created) };
}

export function getResourceMetricsConfiguration(input: T.GetResourceMetricsConfigurationInput, ctx: Ctx) {
  return { ResourceMetricsConfiguration: configOut(config(input.ResourceArn, ctx)) };
}

/** The selections replace the stored ones; none means every detailed metric. */
export function updateResourceMetricsConfiguration(input: T.UpdateResourceMetricsConfigurationInput, ctx: Ctx) {
  const found = config(input.ResourceArn, ctx);
  found.selections = input.MetricSelections;
  found.updatedAt = clock.now();
  return { ResourceMetricsConfiguration: configOut(found) };
}

export function deleteResourceMetricsConfiguration(input: T.DeleteResourceMetricsConfigurationInput, ctx: Ctx) {
  config(input.ResourceArn, ctx);
  ctx.backend.settings.resourceConfigs.delete(input.ResourceArn);
}
