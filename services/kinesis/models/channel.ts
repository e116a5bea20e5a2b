/**
 * A channel: delivery of one on-demand stream's records to a general purpose
 * S3 bucket or to an S3 Tables table. Its status settles on the clock as a
 * stream's does: CREATING, then ACTIVE; UPDATING after UpdateChannel;
 * DELETING, then gone. The destination settings are stored and described;
 * nothing is delivered (see docs/services/kinesis.md).
 */
import { randomUUID } from 'node:crypto';
import type * as T from '../types';
import { TRANSITION_MS } from './stream';

export type ChannelStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

/** "The maximum age, in seconds, of undelivered data ... The default value is 300 seconds." */
export const DEFAULT_FRESHNESS_S = 300;

export interface ChannelSource {
  streamArn: string;
  streamCreatedAt: number;
  record: T.RecordConfiguration;
}

export class Channel {
  readonly id = randomUUID();
  readonly tags = new Map<string, string>();
  private statusValue: ChannelStatus = 'CREATING';
  private until: number;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    readonly roleArn: string,
    readonly sources: ChannelSource[],
    public s3: T.S3DestinationDescription | undefined,
    public s3Tables: T.S3TablesDestinationDescription | undefined,
    readonly encryption: T.ChannelEncryptionConfiguration | undefined,
    public logging: T.ChannelLoggingConfiguration,
  ) {
    this.until = createdAt + TRANSITION_MS;
  }

  status(now: number): ChannelStatus {
    if ((this.statusValue === 'CREATING' || this.statusValue === 'UPDATING') && now >= this.until) this.statusValue = 'ACTIVE';
    return this.statusValue;
  }

  transition(status: ChannelStatus, now: number): void {
    this.statusValue = status;
    this.until = now + TRANSITION_MS;
  }

  deletedBy(now: number): boolean {
    return this.statusValue === 'DELETING' && now >= this.until;
  }

  get destinationType(): 'S3' | 'S3_TABLES' {
    return this.s3 ? 'S3' : 'S3_TABLES';
  }

  /** The members DescribeChannel and ListChannels share. */
  private identity(now: number) {
    return {
      ChannelName: this.name,
      ChannelARN: this.arn,
      ChannelId: this.id,
      ChannelStatus: this.status(now),
      ChannelCreationTimestamp: new Date(this.createdAt),
    };
  }

  description(now: number): T.ChannelDescription {
    return {
      ...this.identity(now),
      ServiceExecutionRoleARN: this.roleArn,
      StreamConfigurationList: this.sources.map((s) => ({
        StreamARN: s.streamArn,
        StreamCreationTimestamp: new Date(s.streamCreatedAt),
        RecordConfiguration: s.record,
      })),
      S3DestinationConfiguration: this.s3,
      S3TablesDestinationConfiguration: this.s3Tables,
      EncryptionConfiguration: this.encryption,
      LoggingConfiguration: this.logging,
    };
  }

  summary(now: number): T.ChannelSummary {
    return {
      ...this.identity(now),
      ChannelDestinationType: this.destinationType,
      Streams: this.sources.map((s) => ({ StreamARN: s.streamArn, StreamCreationTimestamp: new Date(s.streamCreatedAt) })),
    };
  }
}
