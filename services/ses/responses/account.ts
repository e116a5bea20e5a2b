/** SES v1 account: send quota and the account's sending switch. */
import type { SesBackend } from '../../sesv2/models/backend';
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
