/**
 * Account settings (the minimum throughput billing commitment), warm
 * throughput of on-demand streams, and the record distribution strategy.
 * Warm throughput needs an ON_DEMAND stream in an account whose commitment is
 * on; AUTO distribution needs an ON_DEMAND stream.
 */
import { clock } from '../../../src/core/clock';
import { invalidArgument, limitExceeded } from '../exceptions';
import { type Stream, TRANSITION_MS } from '../models/stream';
import type * as T from '../types';
import type { Ctx } from './common';

/** "By default, you cannot scale to more than 10 GiBps for an on-demand stream." */
export const MAX_WARM_MIBPS = 10 * 1024;

export function describeAccountSettings(_input: T.DescribeAccountSettingsInput, ctx: Ctx) {
  return { MinimumThroughputBillingCommitment: ctx.backend.commitment.describe(clock.now()) };
}

export function updateAccountSettings(input: T.UpdateAccountSettingsInput, ctx: Ctx) {
  const now = clock.now();
  ctx.backend.commitment.update(input.MinimumThroughputBillingCommitment.Status as 'ENABLED' | 'DISABLED', now);
  return { MinimumThroughputBillingCommitment: ctx.backend.commitment.describe(now) };
}

/** The checks of a warm throughput for a stream of `mode` (CreateStream, UpdateStreamMode, UpdateStreamWarmThroughput). */
export function checkWarmThroughput(mibps: number, mode: string, streamName: string, ctx: Ctx): void {
  if (mode !== 'ON_DEMAND') {
    throw invalidArgument(`Warm throughput is only supported for streams in ON_DEMAND capacity mode; stream ${streamName} is ${mode}.`);
  }
  if (!ctx.backend.commitment.enabled(clock.now())) {
    throw invalidArgument(
      `Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account ${ctx.account}. Enable it with UpdateAccountSettings.`,
    );
  }
  if (mibps > MAX_WARM_MIBPS) {
    throw limitExceeded(`Requested warm throughput ${mibps} MiBps exceeds the limit of ${MAX_WARM_MIBPS} MiBps for stream ${streamName}.`);
  }
}

/** Starts scaling towards `mibps`: the target shows at once, the current value once the stream is ACTIVE again. */
export function setWarmThroughput(stream: Stream, mibps: number): void {
  const now = clock.now();
  stream.warm = { target: mibps, previous: stream.warmThroughput(now).CurrentMiBps, until: now + TRANSITION_MS };
  stream.transition('UPDATING', now);
}

export function updateStreamWarmThroughput(input: T.UpdateStreamWarmThroughputInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  checkWarmThroughput(input.WarmThroughputMiBps, stream.mode, stream.name, ctx);
  setWarmThroughput(stream, input.WarmThroughputMiBps);
  return { StreamARN: stream.arn, StreamName: stream.name, WarmThroughput: stream.warmThroughput(clock.now()) };
}

export function checkDistribution(strategy: string, mode: string, streamName: string): void {
  if (mode !== 'ON_DEMAND') {
    throw invalidArgument(
      `RecordDistributionStrategy ${strategy} is not supported for stream ${streamName} in ${mode} capacity mode; it is only supported for ON_DEMAND streams.`,
    );
  }
}

/** Takes effect at once, without an UPDATING phase; records already written stay where they are. */
export function updateStreamRecordDistributionStrategy(input: T.UpdateStreamRecordDistributionStrategyInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream({ StreamARN: input.StreamARN });
  checkDistribution(input.RecordDistributionStrategy, stream.mode, stream.name);
  stream.distribution = input.RecordDistributionStrategy as 'AUTO' | 'USER_PARTITION_KEY';
}

/** DescribeStreamSummary's capacity members: warm throughput and distribution are shown for ON_DEMAND streams only. */
export function capacitySummary(stream: Stream, ctx: Ctx) {
  const now = clock.now();
  const onDemand = stream.mode === 'ON_DEMAND';
  return {
    WarmThroughput: onDemand && ctx.backend.commitment.enabled(now) ? stream.warmThroughput(now) : undefined,
    RecordDistributionStrategy: onDemand ? stream.distribution : undefined,
    ChannelCount: ctx.backend.channelCount(stream),
  };
}
