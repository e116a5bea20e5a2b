/**
 * The account's minimum throughput billing commitment (UpdateAccountSettings).
 * AWS: a commitment lasts at least 24 hours; disabling it earlier schedules the
 * disable for the earliest allowed end (ENABLED_UNTIL_EARLIEST_ALLOWED_END),
 * and enabling it again before then cancels the pending disable. The state
 * settles lazily on the clock. Warm throughput needs the commitment on.
 */
import type * as T from '../types';

export const MIN_COMMITMENT_MS = 24 * 3600_000;

export class ThroughputCommitment {
  private status: 'ENABLED' | 'DISABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' = 'DISABLED';
  private startedAt?: number;
  private endedAt?: number;
  private earliestEnd?: number;

  private settle(now: number): void {
    if (this.status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' && this.earliestEnd !== undefined && now >= this.earliestEnd) {
      this.status = 'DISABLED';
      this.endedAt = this.earliestEnd;
    }
  }

  enabled(now: number): boolean {
    this.settle(now);
    return this.status !== 'DISABLED';
  }

  update(wanted: 'ENABLED' | 'DISABLED', now: number): void {
    this.settle(now);
    if (wanted === 'ENABLED') {
      if (this.status === 'DISABLED') {
        this.startedAt = now;
        this.endedAt = undefined;
        this.earliestEnd = now + MIN_COMMITMENT_MS;
      }
      this.status = 'ENABLED';
      return;
    }
    if (this.status === 'DISABLED') return;
    if (this.earliestEnd !== undefined && now < this.earliestEnd) {
      this.status = 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';
      return;
    }
    this.status = 'DISABLED';
    this.endedAt = now;
  }

  describe(now: number): T.MinimumThroughputBillingCommitmentOutput {
    this.settle(now);
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      Status: this.status,
      StartedAt: date(this.startedAt),
      EndedAt: date(this.endedAt),
      EarliestAllowedEndAt: this.status === 'DISABLED' ? undefined : date(this.earliestEnd),
    };
  }
}
