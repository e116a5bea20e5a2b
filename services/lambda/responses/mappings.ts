/** Event source mappings: create, read, list, update, delete; the pollers live in triggers/. */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { conflict, invalidParameter, resourceInUse, resourceNotFound, validation } from '../exceptions';
import { functionArn, parseFunctionName } from '../models/arns';
import { findStream, startPosition } from '../triggers/dynamodb-source';
import { parseFilters } from '../triggers/filter';
import { type KinesisCursor, startCursor } from '../triggers/kinesis-source';
import type { Mapping, SourceKind } from '../triggers/mappings';
import type {
  CreateEventSourceMappingRequest,
  DeleteEventSourceMappingRequest,
  GetEventSourceMappingRequest,
  ListEventSourceMappingsRequest,
  UpdateEventSourceMappingRequest,
} from '../types';
import { type Ctx, page } from './common';

function kindOf(arn: string | undefined): SourceKind {
  const service = arn ? parseArn(arn)?.service : undefined;
  if (service === 'sqs') return 'sqs';
  if (service === 'dynamodb') return 'dynamodb';
  if (service === 'kinesis') return 'kinesis';
  return 'other';
}

/** `state` overrides the current one: a create, update or delete answers with the state it started. */
function view(ctx: Ctx, m: Mapping, state = ctx.backend.mappings.stateOf(m)) {
  const stream = m.kind === 'dynamodb' || m.kind === 'kinesis';
  const { tags: _tags, ...extra } = m.extra;
  return {
    ...extra,
    UUID: m.uuid,
    EventSourceArn: m.eventSourceArn,
    FunctionArn: m.functionArn,
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.batchingWindowS,
    StartingPosition: m.startingPosition,
    StartingPositionTimestamp: m.startingPositionTimestamp,
    State: state,
    StateTransitionReason: 'USER_INITIATED',
    LastModified: new Date(m.lastModified),
    LastProcessingResult: stream ? m.lastProcessingResult : undefined,
    FunctionResponseTypes: m.functionResponseTypes,
    FilterCriteria: m.filterCriteria,
    ScalingConfig: m.maxConcurrency !== undefined ? { MaximumConcurrency: m.maxConcurrency } : undefined,
    DestinationConfig: stream ? { OnFailure: m.onFailure ? { Destination: m.onFailure } : {} } : undefined,
    MaximumRetryAttempts: stream ? m.maxRetryAttempts : undefined,
    BisectBatchOnFunctionError: stream ? m.bisect : undefined,
    MaximumRecordAgeInSeconds: stream ? m.maxRecordAgeS : undefined,
    ParallelizationFactor: stream ? m.parallelizationFactor : undefined,
    TumblingWindowInSeconds: stream ? (m.tumblingWindowS ?? 0) : undefined,
    EventSourceMappingArn: `arn:aws:lambda:${ctx.backend.region}:${ctx.backend.account}:event-source-mapping:${m.uuid}`,
  };
}

type Settings = Partial<CreateEventSourceMappingRequest & UpdateEventSourceMappingRequest>;

/** Lambda's limits per source type, checked before anything changes. */
function checkSettings(kind: SourceKind, s: Settings, batchSize: number, windowS: number): void {
  if (batchSize < 1 || batchSize > 10000) {
    throw validation(`1 validation error detected: Value '${batchSize}' at 'batchSize' failed to satisfy constraint: Member must have value ${batchSize < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`);
  }
  if (kind === 'sqs' && batchSize > 10 && windowS < 1) {
    throw invalidParameter('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  if (windowS < 0 || windowS > 300) throw invalidParameter('MaximumBatchingWindowInSeconds must be between 0 and 300.');
  const mc = s.ScalingConfig?.MaximumConcurrency;
  if (mc !== undefined && (mc < 2 || mc > 1000)) throw invalidParameter('MaximumConcurrency must be between 2 and 1000.');
  if (kind === 'sqs' && s.StartingPosition !== undefined) throw invalidParameter('StartingPosition is not valid for SQS event sources.');
  const r = s.MaximumRetryAttempts;
  if (r !== undefined && (r < -1 || r > 10000)) {
    throw validation(`1 validation error detected: Value '${r}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${r < -1 ? 'greater than or equal to -1' : 'less than or equal to 10000'}`);
  }
  if (s.FilterCriteria) parseFilters(s.FilterCriteria);
}

export async function createEventSourceMapping(input: CreateEventSourceMappingRequest, ctx: Ctx) {
  const backend = ctx.backend;
  backend.noteEndpoint(ctx.endpoint);
  const kind = kindOf(input.EventSourceArn);
  const ref = parseFunctionName(input.FunctionName);
  const { fn, qualifier } = backend.resolve(input.FunctionName);
  const fnArn = functionArn(backend.region, backend.account, fn.name, qualifier ?? ref.qualifier);
  const batchSize = input.BatchSize ?? (kind === 'sqs' ? 10 : 100);
  const windowS = input.MaximumBatchingWindowInSeconds ?? 0;
  checkSettings(kind, input, batchSize, windowS);
  let position: string | undefined;
  let cursor: KinesisCursor | undefined;
  if (kind === 'dynamodb' || kind === 'kinesis') {
    if (!input.StartingPosition) throw invalidParameter("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    if (input.StartingPosition === 'AT_TIMESTAMP' && kind === 'dynamodb') throw invalidParameter('Unsupported starting position for arn type: dynamodb');
  }
  if (kind === 'sqs') {
    const arn = parseArn(input.EventSourceArn as string);
    const sqs = await ctx.backends.get<{ byArn(a: string): unknown }>('sqs', arn?.account, arn?.region);
    if (!sqs.byArn(input.EventSourceArn as string)) {
      throw invalidParameter('Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.');
    }
  } else if (kind === 'dynamodb') {
    const stream = await findStream(backend.mappings, input.EventSourceArn as string);
    if (!stream) throw invalidParameter(`Stream not found: ${input.EventSourceArn}`);
    position = startPosition(stream, input.StartingPosition);
  } else if (kind === 'kinesis') {
    cursor = await startCursor(backend.mappings, input.EventSourceArn as string, input.StartingPosition);
    if (!cursor) throw invalidParameter(`Stream not found: ${input.EventSourceArn}`);
  }
  for (const other of backend.mappings.all.values()) {
    if (other.eventSourceArn && other.eventSourceArn === input.EventSourceArn && other.functionArn === fnArn && backend.mappings.stateOf(other) !== 'Deleting') {
      throw conflict(
        `The event source arn (" ${input.EventSourceArn} ") and function (" ${fn.name} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${other.uuid}`,
      );
    }
  }
  const extra: Record<string, unknown> = {};
  for (const k of ['Topics', 'Queues', 'SourceAccessConfigurations', 'SelfManagedEventSource', 'AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig', 'DocumentDBEventSourceConfig', 'KMSKeyArn', 'MetricsConfig', 'ProvisionedPollerConfig'] as const) {
    if (input[k] !== undefined) extra[k] = input[k];
  }
  if (input.Tags) extra.tags = new Map(Object.entries(input.Tags));
  const m = backend.mappings.add({
    kind,
    eventSourceArn: input.EventSourceArn,
    functionArn: fnArn,
    batchSize,
    batchingWindowS: windowS,
    startingPosition: input.StartingPosition,
    startingPositionTimestamp: input.StartingPositionTimestamp,
    enabled: input.Enabled ?? true,
    functionResponseTypes: input.FunctionResponseTypes ?? [],
    maxConcurrency: input.ScalingConfig?.MaximumConcurrency,
    filterCriteria: input.FilterCriteria,
    onFailure: input.DestinationConfig?.OnFailure?.Destination,
    maxRetryAttempts: input.MaximumRetryAttempts ?? -1,
    bisect: input.BisectBatchOnFunctionError ?? false,
    maxRecordAgeS: input.MaximumRecordAgeInSeconds ?? -1,
    parallelizationFactor: input.ParallelizationFactor ?? 1,
    tumblingWindowS: input.TumblingWindowInSeconds,
    extra,
    position,
    kinesis: cursor,
  });
  return view(ctx, m, 'Creating');
}

function mappingOf(ctx: Ctx, uuid: string): Mapping {
  const m = ctx.backend.mappings.all.get(uuid);
  if (!m || ctx.backend.mappings.stateOf(m) === 'Deleted') {
    throw resourceNotFound(`The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${ctx.requestId})`);
  }
  return m;
}

export function getEventSourceMapping(input: GetEventSourceMappingRequest, ctx: Ctx) {
  return view(ctx, mappingOf(ctx, input.UUID));
}

export function updateEventSourceMapping(input: UpdateEventSourceMappingRequest, ctx: Ctx) {
  const mappings = ctx.backend.mappings;
  const m = mappingOf(ctx, input.UUID);
  const state = mappings.stateOf(m);
  if (state !== 'Enabled' && state !== 'Disabled') {
    throw resourceInUse(`Cannot update the event source mapping because it is in use. (Service: Lambda, Status Code: 409, Request ID: ${ctx.requestId})`);
  }
  const batchSize = input.BatchSize ?? m.batchSize;
  const windowS = input.MaximumBatchingWindowInSeconds ?? m.batchingWindowS;
  checkSettings(m.kind, input, batchSize, windowS);
  let fnArn = m.functionArn;
  if (input.FunctionName !== undefined) {
    const { fn, qualifier } = ctx.backend.resolve(input.FunctionName);
    fnArn = functionArn(ctx.backend.region, ctx.backend.account, fn.name, qualifier ?? parseFunctionName(input.FunctionName).qualifier);
  }
  m.functionArn = fnArn;
  m.batchSize = batchSize;
  m.batchingWindowS = windowS;
  if (input.FunctionResponseTypes !== undefined) m.functionResponseTypes = input.FunctionResponseTypes;
  if (input.ScalingConfig !== undefined) m.maxConcurrency = input.ScalingConfig.MaximumConcurrency;
  if (input.FilterCriteria !== undefined) {
    m.filterCriteria = input.FilterCriteria;
    m.filters = parseFilters(input.FilterCriteria);
  }
  if (input.DestinationConfig?.OnFailure !== undefined) m.onFailure = input.DestinationConfig.OnFailure.Destination;
  if (input.MaximumRetryAttempts !== undefined) m.maxRetryAttempts = input.MaximumRetryAttempts;
  if (input.BisectBatchOnFunctionError !== undefined) m.bisect = input.BisectBatchOnFunctionError;
  if (input.MaximumRecordAgeInSeconds !== undefined) m.maxRecordAgeS = input.MaximumRecordAgeInSeconds;
  if (input.ParallelizationFactor !== undefined) m.parallelizationFactor = input.ParallelizationFactor;
  if (input.TumblingWindowInSeconds !== undefined) m.tumblingWindowS = input.TumblingWindowInSeconds;
  const enabled = input.Enabled ?? m.enabled;
  if (enabled !== m.enabled) mappings.transition(m, enabled ? 'Enabling' : 'Disabling', enabled ? 'Enabled' : 'Disabled');
  else mappings.transition(m, 'Updating', enabled ? 'Enabled' : 'Disabled');
  m.enabled = enabled;
  m.lastModified = clock.now();
  return view(ctx, m, m.state);
}

export function deleteEventSourceMapping(input: DeleteEventSourceMappingRequest, ctx: Ctx) {
  const m = mappingOf(ctx, input.UUID);
  if (ctx.backend.mappings.stateOf(m) === 'Deleting') {
    throw resourceInUse(`Cannot delete the event source mapping because it is in use. (Service: Lambda, Status Code: 409, Request ID: ${ctx.requestId})`);
  }
  ctx.backend.mappings.remove(m);
  return view(ctx, m, 'Deleting');
}

export function listEventSourceMappings(input: ListEventSourceMappingsRequest, ctx: Ctx) {
  let fnName: string | undefined;
  if (input.FunctionName !== undefined) fnName = ctx.backend.fn(input.FunctionName).name;
  const rows = [...ctx.backend.mappings.all.values()]
    .filter((m) => ctx.backend.mappings.stateOf(m) !== 'Deleted')
    .filter((m) => input.EventSourceArn === undefined || m.eventSourceArn === input.EventSourceArn)
    .filter((m) => fnName === undefined || parseFunctionName(m.functionArn).name === fnName)
    .sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
  const { items, next } = page(rows, (m) => m.uuid, input.Marker, input.MaxItems);
  return { EventSourceMappings: items.map((m) => view(ctx, m)), NextMarker: next };
}
