/**
 * Per-table settings that only need storing and describing: contributor insights (table and each GSI), Kinesis streaming
 * destinations, and auto scaling settings (write settings shared by every
 * replica, read settings per replica).
 */
import type { AutoScalingSettingsDescription } from '../types';
import type { KinesisSink } from './kinesis-destination';

export interface InsightsState {
  status: 'ENABLED' | 'DISABLED';
  mode: string;
  updatedAt: Date;
  /** Set once insights were turned on: the CloudWatch rules that back them. */
  rules?: string[];
}

export interface KinesisDestination {
  streamArn: string;
  status: 'ACTIVE' | 'DISABLED';
  precision: string;
  description?: string;
  /** The error of the last record that could not be put (a missing stream, throttling). */
  lastError?: string;
}

export interface AutoScalingState {
  read?: AutoScalingSettingsDescription;
  write?: AutoScalingSettingsDescription;
}

export class TableFeatures {
  /** Key '' is the table itself, otherwise a GSI name. */
  readonly insights = new Map<string, InsightsState>();
  /** In the order they were first enabled. */
  readonly kinesis = new Map<string, KinesisDestination>();
  /** Puts item changes to the ACTIVE destinations (models/kinesis-destination.ts); set once one is enabled. */
  kinesisSink?: KinesisSink;
  /** Key '' is the table, otherwise a GSI name. */
  readonly autoScaling = new Map<string, AutoScalingState>();

  autoScalingOf(index = ''): AutoScalingState {
    let s = this.autoScaling.get(index);
    if (!s) {
      s = {};
      this.autoScaling.set(index, s);
    }
    return s;
  }
}
