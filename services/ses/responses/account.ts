/** SES v1 account: send quota and the account's sending switch. */
import { clock } from '../../../src/core/clock';
import { type SesBackend, VERIFICATION_MAIL } from '../../sesv2/models/backend';
import { outcomes } from '../../sesv2/models/events';
import type * as T from '../types';

export function getSendQuota(_input: unknown, b: SesBackend): T.GetSendQuotaResponse {
  return b.quota();
}

export function getAccountSendingEnabled(_input: unknown, b: SesBackend): T.GetAccountSendingEnabledResponse {
  return { Enabled: b.sendingEnabled };
}

export function updateAccountSendingEnabled(input: { Enabled?: boolean }, b: SesBackend) {
  b.sendingEnabled = Boolean(input.Enabled);
  return {};
}

/** Sending activity in 15-minute buckets over the last two weeks (recipients counted as delivery attempts). */
export function getSendStatistics(_input: unknown, b: SesBackend): T.GetSendStatisticsResponse {
  const since = clock.now() - 14 * 24 * 3600_000;
  const buckets = new Map<number, T.SendDataPoint>();
  for (const m of b.sent) {
    const t = m.timestamp.getTime();
    if (t < since || VERIFICATION_MAIL.has(m.operation)) continue;
    const key = t - (t % (15 * 60_000));
    const point = buckets.get(key) ?? { Timestamp: new Date(key), DeliveryAttempts: 0, Bounces: 0, Complaints: 0, Rejects: 0 };
    const o = outcomes(m);
    point.DeliveryAttempts = (point.DeliveryAttempts ?? 0) + m.recipients.length;
    point.Bounces = (point.Bounces ?? 0) + o.filter((r) => r.outcomes.includes('BOUNCE')).length;
    point.Complaints = (point.Complaints ?? 0) + o.filter((r) => r.outcomes.includes('COMPLAINT')).length;
    buckets.set(key, point);
  }
  return { SendDataPoints: [...buckets.values()] };
}
