/** SES v1 identities: verification, DKIM, MAIL FROM, notification topics, feedback forwarding. */
import { MailError } from '../../sesv2/exceptions';
import { checkAddress } from '../../sesv2/models/addresses';
import type { Identity, SesBackend } from '../../sesv2/models/backend';
import { recordVerificationMail, verificationLink } from '../../sesv2/models/verification';
import { page } from '../../sesv2/responses/common';
import { putEmailIdentityMailFromAttributes } from '../../sesv2/responses/identities';
import type * as T from '../types';
import { camel, type Ctx } from './common';

function ensure(b: SesBackend, name: string): Identity {
  return b.identity(name) ?? b.addIdentity(name);
}

/** The verification message SES mails to a new address, kept with the sent mail so a test can read it. */
function verificationEmail(b: SesBackend, address: string): void {
  recordVerificationMail(b, address, 'VerifyEmailIdentity', {
    from: 'no-reply-aws@amazon.com',
    subject: `Amazon Web Services – Email Address Verification Request in region ${b.region}`,
    text: `Dear Amazon Web Services Customer,\n\nWe have received a request to authorize this email address for use with Amazon SES in region ${b.region}. To confirm that you are authorized to use this email address, please go to the following URL:\n\n${verificationLink(b, address)}`,
  });
}

export function verifyEmailIdentity(input: { EmailAddress: string }, b: SesBackend) {
  const address = checkAddress(input.EmailAddress);
  const id = ensure(b, address);
  if (id.status !== 'SUCCESS') verificationEmail(b, address);
  return {};
}

export function verifyDomainIdentity(input: { Domain: string }, b: SesBackend): T.VerifyDomainIdentityResponse {
  ensure(b, input.Domain);
  return { VerificationToken: Buffer.from(`${b.account}:${input.Domain.toLowerCase()}`).toString('base64') };
}

export function verifyDomainDkim(input: { Domain: string }, b: SesBackend): T.VerifyDomainDkimResponse {
  return { DkimTokens: [...ensure(b, input.Domain).dkim.tokens] };
}

export function deleteIdentity(input: { Identity: string }, b: SesBackend) {
  b.identities.delete(input.Identity.toLowerCase());
  return {};
}

export function listIdentities(input: T.ListIdentitiesRequest, b: SesBackend): T.ListIdentitiesResponse {
  const type = input.IdentityType === 'EmailAddress' ? 'EMAIL_ADDRESS' : input.IdentityType === 'Domain' ? 'DOMAIN' : undefined;
  const all = [...b.identities.values()].filter((i) => type === undefined || i.type === type);
  const { out, NextToken } = page(all, (i) => i.name.toLowerCase(), input.NextToken, input.MaxItems ?? 1000);
  return { Identities: out.map((i) => i.name), NextToken };
}

export function listVerifiedEmailAddresses(_input: unknown, b: SesBackend): T.ListVerifiedEmailAddressesResponse {
  return { VerifiedEmailAddresses: [...b.identities.values()].filter((i) => i.type === 'EMAIL_ADDRESS' && i.status === 'SUCCESS').map((i) => i.name) };
}

/** Attributes per requested identity; unknown identities are left out, as SES does. */
function perIdentity<V>(names: string[], b: SesBackend, f: (id: Identity) => V): Record<string, V> {
  const out: Record<string, V> = Object.create(null);
  for (const n of names) {
    const id = b.identity(n);
    if (id) out[n] = f(id);
  }
  return out;
}

export function getIdentityVerificationAttributes(input: { Identities: string[] }, b: SesBackend): T.GetIdentityVerificationAttributesResponse {
  return {
    VerificationAttributes: perIdentity(input.Identities, b, (id) => ({
      VerificationStatus: camel(id.status),
      VerificationToken: id.type === 'DOMAIN' ? Buffer.from(`${b.account}:${id.name.toLowerCase()}`).toString('base64') : undefined,
    })),
  };
}

export function getIdentityDkimAttributes(input: { Identities: string[] }, b: SesBackend): T.GetIdentityDkimAttributesResponse {
  return {
    DkimAttributes: perIdentity(input.Identities, b, (id) => ({
      DkimEnabled: id.dkim.signingEnabled,
      DkimVerificationStatus: camel(id.dkim.status),
      DkimTokens: id.dkim.tokens.length ? [...id.dkim.tokens] : undefined,
    })),
  };
}

const BEHAVIOR_V1: Record<string, string> = { USE_DEFAULT_VALUE: 'UseDefaultValue', REJECT_MESSAGE: 'RejectMessage' };

export function getIdentityMailFromDomainAttributes(input: { Identities: string[] }, b: SesBackend): T.GetIdentityMailFromDomainAttributesResponse {
  return {
    MailFromDomainAttributes: perIdentity(input.Identities, b, (id) => ({
      MailFromDomain: id.mailFrom?.domain ?? '',
      MailFromDomainStatus: id.mailFrom ? camel(id.mailFrom.status) : 'Pending',
      BehaviorOnMXFailure: BEHAVIOR_V1[id.mailFrom?.behavior ?? 'USE_DEFAULT_VALUE'],
    })),
  };
}

export function setIdentityMailFromDomain(input: T.SetIdentityMailFromDomainRequest, b: SesBackend, ctx: Ctx) {
  const behavior = input.BehaviorOnMXFailure === 'RejectMessage' ? 'REJECT_MESSAGE' : 'USE_DEFAULT_VALUE';
  return putEmailIdentityMailFromAttributes({ EmailIdentity: input.Identity, MailFromDomain: input.MailFromDomain, BehaviorOnMxFailure: behavior }, { ...ctx, backend: b });
}

export function setIdentityDkimEnabled(input: { Identity: string; DkimEnabled: boolean }, b: SesBackend) {
  b.requireIdentity(input.Identity).dkim.signingEnabled = input.DkimEnabled;
  return {};
}

export function setIdentityFeedbackForwardingEnabled(input: { Identity: string; ForwardingEnabled: boolean }, b: SesBackend) {
  b.requireIdentity(input.Identity).feedbackForwarding = input.ForwardingEnabled;
  return {};
}

export function setIdentityNotificationTopic(input: T.SetIdentityNotificationTopicRequest, b: SesBackend) {
  const id = b.requireIdentity(input.Identity);
  if (input.SnsTopic) id.notificationTopics.set(input.NotificationType, input.SnsTopic);
  else id.notificationTopics.delete(input.NotificationType);
  return {};
}

export function setIdentityHeadersInNotificationsEnabled(input: { Identity: string; NotificationType: string; Enabled: boolean }, b: SesBackend) {
  b.requireIdentity(input.Identity).headersInNotifications.set(input.NotificationType, input.Enabled);
  return {};
}

export function getIdentityNotificationAttributes(input: { Identities: string[] }, b: SesBackend): T.GetIdentityNotificationAttributesResponse {
  return {
    NotificationAttributes: perIdentity(input.Identities, b, (id) => ({
      BounceTopic: id.notificationTopics.get('Bounce') ?? '',
      ComplaintTopic: id.notificationTopics.get('Complaint') ?? '',
      DeliveryTopic: id.notificationTopics.get('Delivery') ?? '',
      ForwardingEnabled: id.feedbackForwarding,
      HeadersInBounceNotificationsEnabled: id.headersInNotifications.get('Bounce') ?? false,
      HeadersInComplaintNotificationsEnabled: id.headersInNotifications.get('Complaint') ?? false,
      HeadersInDeliveryNotificationsEnabled: id.headersInNotifications.get('Delivery') ?? false,
    })),
  };
}

export function putIdentityPolicy(input: { Identity: string; PolicyName: string; Policy: string }, b: SesBackend) {
  const id = b.requireIdentity(input.Identity);
  try {
    const doc = JSON.parse(input.Policy);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error();
  } catch {
    throw new MailError('invalid', 'Policy is not valid JSON.', 'InvalidPolicyException');
  }
  id.policies.set(input.PolicyName, input.Policy);
  return {};
}

export function getIdentityPolicies(input: { Identity: string; PolicyNames: string[] }, b: SesBackend): T.GetIdentityPoliciesResponse {
  const id = b.requireIdentity(input.Identity);
  const Policies: Record<string, string> = Object.create(null);
  for (const n of input.PolicyNames) {
    const p = id.policies.get(n);
    if (p !== undefined) Policies[n] = p;
  }
  return { Policies };
}

export function listIdentityPolicies(input: { Identity: string }, b: SesBackend): T.ListIdentityPoliciesResponse {
  return { PolicyNames: [...b.requireIdentity(input.Identity).policies.keys()] };
}

export function deleteIdentityPolicy(input: { Identity: string; PolicyName: string }, b: SesBackend) {
  b.requireIdentity(input.Identity).policies.delete(input.PolicyName);
  return {};
}
