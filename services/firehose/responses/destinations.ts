/**
 * Destination configurations → the descriptions stored and returned
 * (AWS's defaults filled in), and UpdateDestination's merge. S3 (plain and
 * extended) and HTTP endpoint destinations are built; the others answer
 * NotImplemented.
 */
import { AwsError } from '../../../src/core/errors';
import { invalidArgument } from '../exceptions';
import { checkPrefixes } from '../models/keys';
import { partitionQuery } from '../models/partitioning';
import type { Destination } from '../models/stream';
import type {
  CreateDeliveryStreamInput,
  ExtendedS3DestinationConfiguration,
  ExtendedS3DestinationDescription,
  HttpEndpointDestinationConfiguration,
  ProcessingConfiguration,
  S3DestinationConfiguration,
  S3DestinationDescription,
  UpdateDestinationInput,
} from '../types';

/** The destination members of CreateDeliveryStream, with their UpdateDestination counterparts. */
const OTHER_DESTINATIONS = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
] as const;
const OTHER_UPDATES = [
  'RedshiftDestinationUpdate',
  'ElasticsearchDestinationUpdate',
  'AmazonopensearchserviceDestinationUpdate',
  'SplunkDestinationUpdate',
  'AmazonOpenSearchServerlessDestinationUpdate',
  'SnowflakeDestinationUpdate',
  'IcebergDestinationUpdate',
] as const;

export function notDelivered(what: string): AwsError {
  return new AwsError('NotImplemented', `mockaws's Firehose does not implement ${what} yet; see docs/services/firehose.md for what it delivers.`, {
    status: 501,
    senderFault: false,
  });
}

/** Lambda processor parameters AWS checks: a LambdaArn, and numbers in their documented ranges. */
const LAMBDA_RANGES: Record<string, [number, number]> = { NumberOfRetries: [0, 300], BufferSizeInMBs: [0.2, 3], BufferIntervalInSeconds: [60, 900] };

function checkProcessing(conf: ProcessingConfiguration | undefined): void {
  for (const p of conf?.Processors ?? []) {
    if (p.Type !== 'Lambda') continue;
    if (!p.Parameters?.some((x) => x.ParameterName === 'LambdaArn')) throw invalidArgument('LambdaArn is a required parameter for a Lambda processor.');
    for (const { ParameterName, ParameterValue } of p.Parameters) {
      const range = LAMBDA_RANGES[ParameterName];
      const n = Number(ParameterValue);
      if (range && !(n >= range[0] && n <= range[1])) {
        throw invalidArgument(`${ParameterName} must be a number between ${range[0]} and ${range[1]}; got '${ParameterValue}'.`);
      }
    }
  }
}

function s3Description(c: S3DestinationConfiguration, partitionNames?: string[]): S3DestinationDescription {
  checkPrefixes(c.Prefix, c.ErrorOutputPrefix, partitionNames);
  return {
    RoleARN: c.RoleARN,
    BucketARN: c.BucketARN,
    Prefix: c.Prefix,
    ErrorOutputPrefix: c.ErrorOutputPrefix,
    BufferingHints: { SizeInMBs: c.BufferingHints?.SizeInMBs ?? 5, IntervalInSeconds: c.BufferingHints?.IntervalInSeconds ?? 300 },
    CompressionFormat: c.CompressionFormat ?? 'UNCOMPRESSED',
    EncryptionConfiguration: c.EncryptionConfiguration ?? { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? { Enabled: false },
  };
}

/** With dynamic partitioning: the names its MetadataExtraction query extracts (none without the processor). */
function partitionNames(enabled: boolean | undefined, processing: ProcessingConfiguration | undefined): string[] | undefined {
  if (!enabled) return undefined;
  return (partitionQuery(processing) ?? []).map(([name]) => name);
}

function extendedDescription(c: ExtendedS3DestinationConfiguration): ExtendedS3DestinationDescription {
  checkProcessing(c.ProcessingConfiguration);
  const names = partitionNames(c.DynamicPartitioningConfiguration?.Enabled, c.ProcessingConfiguration);
  return {
    ...s3Description(c, names),
    DynamicPartitioningConfiguration: c.DynamicPartitioningConfiguration && {
      Enabled: c.DynamicPartitioningConfiguration.Enabled ?? false,
      RetryOptions: { DurationInSeconds: c.DynamicPartitioningConfiguration.RetryOptions?.DurationInSeconds ?? 300 },
    },
    ProcessingConfiguration: c.ProcessingConfiguration ?? { Enabled: false, Processors: [] },
    S3BackupMode: c.S3BackupMode ?? 'Disabled',
    S3BackupDescription: c.S3BackupConfiguration && s3Description(c.S3BackupConfiguration),
    DataFormatConversionConfiguration: c.DataFormatConversionConfiguration,
    FileExtension: c.FileExtension,
    CustomTimeZone: c.CustomTimeZone,
  };
}

function httpDescription(c: HttpEndpointDestinationConfiguration) {
  checkProcessing(c.ProcessingConfiguration);
  return {
    EndpointConfiguration: { Url: c.EndpointConfiguration.Url, Name: c.EndpointConfiguration.Name },
    BufferingHints: { SizeInMBs: c.BufferingHints?.SizeInMBs ?? 5, IntervalInSeconds: c.BufferingHints?.IntervalInSeconds ?? 300 },
    CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? { Enabled: false },
    RequestConfiguration: c.RequestConfiguration ?? { ContentEncoding: 'NONE' },
    ProcessingConfiguration: c.ProcessingConfiguration ?? { Enabled: false, Processors: [] },
    RoleARN: c.RoleARN,
    RetryOptions: c.RetryOptions ?? { DurationInSeconds: 300 },
    S3BackupMode: c.S3BackupMode ?? 'FailedDataOnly',
    S3DestinationDescription: s3Description(c.S3Configuration),
  };
}

/** The one destination CreateDeliveryStream names. */
export function createDestination(input: CreateDeliveryStreamInput): Destination {
  const given = [
    input.S3DestinationConfiguration && 'S3DestinationConfiguration',
    input.ExtendedS3DestinationConfiguration && 'ExtendedS3DestinationConfiguration',
    input.HttpEndpointDestinationConfiguration && 'HttpEndpointDestinationConfiguration',
    ...OTHER_DESTINATIONS.filter((m) => input[m] !== undefined),
  ].filter((m): m is string => Boolean(m));
  if (given.length !== 1) throw invalidArgument(`Exactly one destination configuration must be specified; ${given.length} were given.`);
  if (input.ExtendedS3DestinationConfiguration) return { kind: 's3', extended: true, s3: extendedDescription(input.ExtendedS3DestinationConfiguration) };
  if (input.S3DestinationConfiguration) return { kind: 's3', extended: false, s3: s3Description(input.S3DestinationConfiguration) };
  if (input.HttpEndpointDestinationConfiguration) return { kind: 'http', http: httpDescription(input.HttpEndpointDestinationConfiguration) };
  throw notDelivered(given[0]);
}

/** The destination as DescribeDeliveryStream shows it: S3 ones in both S3 shapes, as AWS does. */
export function describeDestination(d: Destination) {
  if (d.kind === 'http') return { HttpEndpointDestinationDescription: d.http };
  const { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions } = d.s3;
  return {
    S3DestinationDescription: { RoleARN, BucketARN, Prefix, ErrorOutputPrefix, BufferingHints, CompressionFormat, EncryptionConfiguration, CloudWatchLoggingOptions },
    ExtendedS3DestinationDescription: d.s3,
  };
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The destination after UpdateDestination: the update's members merged into the current ones. */
export function updatedDestination(d: Destination, input: UpdateDestinationInput): Destination {
  const given = [
    input.S3DestinationUpdate && 'S3DestinationUpdate',
    input.ExtendedS3DestinationUpdate && 'ExtendedS3DestinationUpdate',
    input.HttpEndpointDestinationUpdate && 'HttpEndpointDestinationUpdate',
    ...OTHER_UPDATES.filter((m) => input[m] !== undefined),
  ].filter((m): m is string => Boolean(m));
  if (given.length !== 1) throw invalidArgument(`Exactly one destination update must be specified; ${given.length} were given.`);
  const s3Update = input.ExtendedS3DestinationUpdate ?? input.S3DestinationUpdate;
  if (s3Update && d.kind === 's3') {
    const { S3BackupUpdate, DynamicPartitioningConfiguration, ...rest } = s3Update as NonNullable<UpdateDestinationInput['ExtendedS3DestinationUpdate']>;
    const partitioned = Boolean(d.s3.DynamicPartitioningConfiguration?.Enabled);
    // Dynamic partitioning is chosen at creation: it can be neither turned on nor off later.
    if (DynamicPartitioningConfiguration?.Enabled !== undefined && DynamicPartitioningConfiguration.Enabled !== partitioned) {
      throw invalidArgument('Dynamic partitioning can only be enabled when the delivery stream is created, and cannot be disabled.');
    }
    const s3 = { ...d.s3, ...defined(rest), BufferingHints: { ...d.s3.BufferingHints, ...defined(rest.BufferingHints ?? {}) } };
    if (S3BackupUpdate) s3.S3BackupDescription = { ...(d.s3.S3BackupDescription ?? s3Description({ RoleARN: '', BucketARN: '' })), ...defined(S3BackupUpdate) };
    checkPrefixes(s3.Prefix, s3.ErrorOutputPrefix, partitionNames(partitioned, s3.ProcessingConfiguration));
    checkProcessing(s3.ProcessingConfiguration);
    return { kind: 's3', extended: d.extended || Boolean(input.ExtendedS3DestinationUpdate), s3 };
  }
  if (input.HttpEndpointDestinationUpdate && d.kind === 'http') {
    const { S3Update, EndpointConfiguration, ...rest } = input.HttpEndpointDestinationUpdate;
    const http = { ...d.http, ...defined(rest) };
    checkProcessing(http.ProcessingConfiguration);
    if (EndpointConfiguration) http.EndpointConfiguration = { Url: EndpointConfiguration.Url, Name: EndpointConfiguration.Name };
    if (S3Update) http.S3DestinationDescription = { ...http.S3DestinationDescription, ...defined(S3Update) } as S3DestinationDescription;
    return { kind: 'http', http };
  }
  throw notDelivered(`${given[0]} on a stream whose destination is of another type`);
}
