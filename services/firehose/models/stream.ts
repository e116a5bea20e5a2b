/**
 * A delivery stream as stored: its one destination is kept in the shape
 * DescribeDeliveryStream returns (defaults filled in), so describing it is
 * a copy and UpdateDestination a merge.
 */
import type { TaskHandle } from '../../../src/core/events';
import type {
  DeliveryStreamEncryptionConfiguration,
  ExtendedS3DestinationDescription,
  HttpEndpointDestinationDescription,
  KinesisStreamSourceDescription,
} from '../types';
import type { SourceReader } from './kinesis-source';

export const DESTINATION_ID = 'destinationId-000000000001';

/** A record waiting in a buffer. */
export interface Pending {
  recordId: string;
  data: Buffer;
  arrival: number;
}

export interface StreamBuffer {
  records: Pending[];
  bytes: number;
  /** The interval flush queued on the core event loop for the oldest record. */
  timer?: TaskHandle;
}

export type Destination =
  | { kind: 's3'; extended: boolean; s3: ExtendedS3DestinationDescription }
  | { kind: 'http'; http: HttpEndpointDestinationDescription };

export interface DeliveryStream {
  name: string;
  arn: string;
  status: string;
  type: string;
  /** Starts at 1; +1 for every destination update (it is in each object name). */
  version: number;
  createTimestamp: Date;
  lastUpdateTimestamp?: Date;
  encryption: DeliveryStreamEncryptionConfiguration;
  source?: { KinesisStreamSourceDescription: KinesisStreamSourceDescription };
  destination: Destination;
  tags: Map<string, string>;
  buffer: StreamBuffer;
  /** Throughput used in the current clock second (for the per-second quota). */
  window: { second: number; records: number; bytes: number; requests: number };
  /** A pending status change (CREATING → ACTIVE, ENABLING → ENABLED, ...). */
  transition?: TaskHandle;
  /** KinesisStreamAsSource: where each shard was read up to, and the next read (kinesis-source.ts). */
  reader?: SourceReader;
  readTimer?: TaskHandle;
}

/** An object written to S3 or a batch handed to an HTTP endpoint. */
export interface Delivery {
  stream: string;
  destination: 's3' | 'http';
  bucket?: string;
  key?: string;
  url?: string;
  records: number;
  bytes: number;
  error?: string;
}
