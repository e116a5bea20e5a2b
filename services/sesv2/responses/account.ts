/** SES v2 account: details, sandbox, quota, sending, the account-level suppression list. */
import { clock } from '../../../src/core/clock';
import { checkAddress } from '../models/addresses';
import { notFound } from '../exceptions';
import type * as T from '../types';
import { type Ctx, page } from './common';
import { tenant } from './tenants';

export function getAccount(_input: unknown, ctx: Ctx): T.GetAccountResponse {
  const b = ctx.backend;
  return {
    DedicatedIpAutoWarmupEnabled: b.dedicatedIpAutoWarmup,
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: b.productionAccess,
    SendQuota: b.quota(),
    SendingEnabled: b.sendingEnabled,
    SuppressionAttributes: { SuppressedReasons: [...b.suppressedReasons] },
    Details: b.accountDetails as T.AccountDetails | undefined,
    VdmAttributes: b.vdmAttributes,
    PricingAttributes: { CurrentPlan: b.pricing().current, NextPlan: b.pricing().next },
  };
}

/** Stores the details; ProductionAccessEnabled true moves the account out of the sandbox (AWS reviews it; the fake grants it). */
export function putAccountDetails(input: T.PutAccountDetailsRequest, ctx: Ctx) {
  const b = ctx.backend;
  b.accountDetails = {
    MailType: input.MailType,
    WebsiteURL: input.WebsiteURL,
    ContactLanguage: input.ContactLanguage,
    UseCaseDescription: input.UseCaseDescription,
    AdditionalContactEmailAddresses: input.AdditionalContactEmailAddresses,
    ReviewDetails: { Status: input.ProductionAccessEnabled ? 'GRANTED' : 'PENDING', CaseId: `case-${clock.now()}` },
  };
  if (input.ProductionAccessEnabled) b.productionAccess = true;
  return {};
}

export function putAccountSendingAttributes(input: T.PutAccountSendingAttributesRequest, ctx: Ctx) {
  ctx.backend.sendingEnabled = Boolean(input.SendingEnabled);
  return {};
}

export function putAccountSuppressionAttributes(input: T.PutAccountSuppressionAttributesRequest, ctx: Ctx) {
  ctx.backend.suppressedReasons = [...(input.SuppressedReasons ?? [])];
  return {};
}

/** The suppression list a call names: a tenant's (which must exist), else the account's. */
function listOf(tenantName: string | undefined, ctx: Ctx) {
  return tenantName === undefined ? ctx.backend.suppressed : tenant(tenantName, ctx).suppressed;
}

export function putSuppressedDestination(input: T.PutSuppressedDestinationRequest, ctx: Ctx) {
  const email = checkAddress(input.EmailAddress);
  listOf(input.TenantName, ctx).set(email.toLowerCase(), { EmailAddress: email, Reason: input.Reason, LastUpdateTime: clock.date() });
  return {};
}

function suppressed(email: string, tenantName: string | undefined, ctx: Ctx) {
  const s = listOf(tenantName, ctx).get(email.toLowerCase());
  if (!s) throw notFound(`Email address ${email} does not exist on your suppression list.`);
  return s;
}

export function getSuppressedDestination(input: { EmailAddress: string; TenantName?: string }, ctx: Ctx): T.GetSuppressedDestinationResponse {
  return { SuppressedDestination: { ...suppressed(input.EmailAddress, input.TenantName, ctx), TenantName: input.TenantName } };
}

export function deleteSuppressedDestination(input: { EmailAddress: string; TenantName?: string }, ctx: Ctx) {
  listOf(input.TenantName, ctx).delete(suppressed(input.EmailAddress, input.TenantName, ctx).EmailAddress.toLowerCase());
  return {};
}

export function listSuppressedDestinations(input: T.ListSuppressedDestinationsRequest, ctx: Ctx): T.ListSuppressedDestinationsResponse {
  const all = [...listOf(input.TenantName, ctx).values()].filter(
    (s) =>
      (!input.Reasons?.length || input.Reasons.includes(s.Reason)) &&
      (input.StartDate === undefined || s.LastUpdateTime >= input.StartDate) &&
      (input.EndDate === undefined || s.LastUpdateTime <= input.EndDate),
  );
  const { out, NextToken } = page(all, (s) => s.EmailAddress.toLowerCase(), input.NextToken, input.PageSize ?? 1000);
  return { SuppressedDestinationSummaries: out.map((s) => ({ ...s })), NextToken };
}
