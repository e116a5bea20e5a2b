/** SES v2 email identities: addresses and domains, DKIM, MAIL FROM, feedback, policies. */
import { exists, invalid, notFound } from '../exceptions';
import { checkAddress } from '../models/addresses';
import { dkimTokens, type Identity } from '../models/backend';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

export function dkimAttributes(id: Identity): T.DkimAttributes {
  return {
    SigningEnabled: id.dkim.signingEnabled,
    Status: id.dkim.status,
    Tokens: id.dkim.tokens.length ? [...id.dkim.tokens] : undefined,
    SigningAttributesOrigin: id.dkim.origin,
    NextSigningKeyLength: id.dkim.origin === 'AWS_SES' ? 'RSA_2048_BIT' : undefined,
    CurrentSigningKeyLength: id.dkim.origin === 'AWS_SES' ? 'RSA_2048_BIT' : undefined,
    LastKeyGenerationTimestamp: id.type === 'DOMAIN' ? id.created : undefined,
  };
}

export function createEmailIdentity(input: T.CreateEmailIdentityRequest, ctx: Ctx): T.CreateEmailIdentityResponse {
  const b = ctx.backend;
  const name = input.EmailIdentity;
  if (name.includes('@')) checkAddress(name);
  else if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(name)) throw invalid(`Invalid domain name: ${name}`);
  if (b.identity(name)) throw exists(`Email identity ${name} already exist.`);
  if (input.ConfigurationSetName !== undefined) b.configurationSet(input.ConfigurationSetName);
  const byo = input.DkimSigningAttributes;
  if (byo && !name.includes('@') && (!byo.DomainSigningSelector || !byo.DomainSigningPrivateKey) && byo.NextSigningKeyLength === undefined) {
    throw invalid('DomainSigningSelector and DomainSigningPrivateKey are required for BYODKIM.');
  }
  const id = b.addIdentity(name);
  setTags(id.tags, input.Tags);
  id.configurationSet = input.ConfigurationSetName;
  if (byo?.DomainSigningSelector && id.type === 'DOMAIN') {
    id.dkim = { signingEnabled: true, status: b.autoVerify ? 'SUCCESS' : 'PENDING', tokens: [], origin: 'EXTERNAL', selector: byo.DomainSigningSelector };
  }
  return { IdentityType: id.type, VerifiedForSendingStatus: id.status === 'SUCCESS', DkimAttributes: dkimAttributes(id) };
}

export function getEmailIdentity(input: { EmailIdentity: string }, ctx: Ctx): T.GetEmailIdentityResponse {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  return {
    IdentityType: id.type,
    FeedbackForwardingStatus: id.feedbackForwarding,
    VerifiedForSendingStatus: id.status === 'SUCCESS',
    VerificationStatus: id.status,
    DkimAttributes: dkimAttributes(id),
    MailFromAttributes: id.mailFrom ? { MailFromDomain: id.mailFrom.domain, MailFromDomainStatus: id.mailFrom.status, BehaviorOnMxFailure: id.mailFrom.behavior } : undefined,
    Policies: Object.fromEntries(id.policies),
    Tags: tagList(id.tags),
    ConfigurationSetName: id.configurationSet,
  };
}

export function deleteEmailIdentity(input: { EmailIdentity: string }, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  ctx.backend.identities.delete(id.name.toLowerCase());
  return {};
}

export function listEmailIdentities(input: T.ListEmailIdentitiesRequest, ctx: Ctx): T.ListEmailIdentitiesResponse {
  const { out, NextToken } = page(ctx.backend.identities.values(), (i) => i.name, input.NextToken, input.PageSize ?? 100);
  return {
    EmailIdentities: out.map((i) => ({ IdentityType: i.type, IdentityName: i.name, SendingEnabled: i.status === 'SUCCESS', VerificationStatus: i.status })),
    NextToken,
  };
}

export function putEmailIdentityMailFromAttributes(input: T.PutEmailIdentityMailFromAttributesRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (!input.MailFromDomain) {
    id.mailFrom = undefined;
    return {};
  }
  const parent = id.type === 'DOMAIN' ? id.name : id.name.slice(id.name.lastIndexOf('@') + 1);
  if (!input.MailFromDomain.toLowerCase().endsWith(`.${parent.toLowerCase()}`)) {
    throw invalid(`Provided MAIL-FROM domain '${input.MailFromDomain}' is not subdomain of the domain of the identity '${id.name}'.`);
  }
  id.mailFrom = { domain: input.MailFromDomain, behavior: input.BehaviorOnMxFailure ?? 'USE_DEFAULT_VALUE', status: ctx.backend.autoVerify ? 'SUCCESS' : 'PENDING' };
  return {};
}

export function putEmailIdentityDkimAttributes(input: T.PutEmailIdentityDkimAttributesRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (input.SigningEnabled && id.type === 'DOMAIN' && id.dkim.status !== 'SUCCESS') {
    throw invalid(`Domain ${id.name} is not verified for DKIM signing.`);
  }
  id.dkim.signingEnabled = Boolean(input.SigningEnabled);
  return {};
}

export function putEmailIdentityDkimSigningAttributes(input: T.PutEmailIdentityDkimSigningAttributesRequest, ctx: Ctx): T.PutEmailIdentityDkimSigningAttributesResponse {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (id.type !== 'DOMAIN') throw invalid('DKIM signing attributes can only be set for a domain identity.');
  if (input.SigningAttributesOrigin === 'EXTERNAL') {
    const a = input.SigningAttributes;
    if (!a?.DomainSigningSelector || !a.DomainSigningPrivateKey) throw invalid('DomainSigningSelector and DomainSigningPrivateKey are required for BYODKIM.');
    id.dkim = { signingEnabled: true, status: ctx.backend.autoVerify ? 'SUCCESS' : 'PENDING', tokens: [], origin: 'EXTERNAL', selector: a.DomainSigningSelector };
  } else if (id.dkim.origin !== 'AWS_SES') {
    id.dkim = { signingEnabled: true, status: ctx.backend.autoVerify ? 'SUCCESS' : 'PENDING', tokens: dkimTokens(), origin: 'AWS_SES' };
  }
  return { DkimStatus: id.dkim.status, DkimTokens: id.dkim.tokens.length ? id.dkim.tokens : undefined };
}

export function putEmailIdentityFeedbackAttributes(input: T.PutEmailIdentityFeedbackAttributesRequest, ctx: Ctx) {
  ctx.backend.requireIdentity(input.EmailIdentity).feedbackForwarding = Boolean(input.EmailForwardingEnabled);
  return {};
}

export function putEmailIdentityConfigurationSetAttributes(input: T.PutEmailIdentityConfigurationSetAttributesRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (input.ConfigurationSetName !== undefined) ctx.backend.configurationSet(input.ConfigurationSetName);
  id.configurationSet = input.ConfigurationSetName;
  return {};
}

export function createEmailIdentityPolicy(input: T.CreateEmailIdentityPolicyRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (id.policies.has(input.PolicyName)) throw exists(`Policy ${input.PolicyName} already exists.`);
  checkPolicy(input.Policy);
  id.policies.set(input.PolicyName, input.Policy);
  return {};
}

export function updateEmailIdentityPolicy(input: T.CreateEmailIdentityPolicyRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (!id.policies.has(input.PolicyName)) throw notFound(`Policy ${input.PolicyName} does not exist.`);
  checkPolicy(input.Policy);
  id.policies.set(input.PolicyName, input.Policy);
  return {};
}

export function deleteEmailIdentityPolicy(input: { EmailIdentity: string; PolicyName: string }, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  if (!id.policies.delete(input.PolicyName)) throw notFound(`Policy ${input.PolicyName} does not exist.`);
  return {};
}

export function getEmailIdentityPolicies(input: { EmailIdentity: string }, ctx: Ctx): T.GetEmailIdentityPoliciesResponse {
  return { Policies: Object.fromEntries(ctx.backend.requireIdentity(input.EmailIdentity).policies) };
}

function checkPolicy(policy: string): void {
  try {
    const doc = JSON.parse(policy);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error();
  } catch {
    throw invalid('Policy is not valid JSON.');
  }
}
