/**
 * S/MIME certificates of email identities (ACM certificates by ARN). The
 * fake has no ACM, so a well-formed certificate ARN of the caller's account
 * is taken as issued: the association is ACTIVE at once.
 */
import { clock } from '../../../src/core/clock';
import { exists, invalid } from '../exceptions';
import { checkAddress, domainOf } from '../models/addresses';
import type { Identity } from '../models/backend';
import type * as T from '../types';
import { type Ctx, page } from './common';

/** The address a certificate signs for: required for a domain (in it or a subdomain), the identity itself for an address. */
function fromAddress(id: Identity, given: string | undefined): string {
  if (id.type === 'EMAIL_ADDRESS') {
    if (given !== undefined && given.toLowerCase() !== id.name.toLowerCase()) throw invalid(`FromAddress ${given} must match the email identity ${id.name}.`);
    return id.name.toLowerCase();
  }
  if (given === undefined) throw invalid('FromAddress is required when the email identity is a domain.');
  const address = checkAddress(given).toLowerCase();
  const domain = domainOf(address);
  const identity = id.name.toLowerCase();
  if (domain !== identity && !domain.endsWith(`.${identity}`)) throw invalid(`FromAddress ${given} does not belong to the domain ${id.name} or its subdomains.`);
  return address;
}

export function associateEmailIdentityCertificate(input: T.AssociateEmailIdentityCertificateRequest, ctx: Ctx) {
  const b = ctx.backend;
  const id = b.requireIdentity(input.EmailIdentity);
  const address = fromAddress(id, input.FromAddress);
  if (!/^arn:aws[\w-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(input.CertificateArn)) throw invalid(`Invalid certificate ARN: ${input.CertificateArn}`);
  if (id.certificates.has(address)) throw exists(`A certificate is already associated with ${address}.`);
  id.certificates.set(address, { arn: input.CertificateArn, associated: clock.date() });
  return {};
}

/** Idempotent: only a missing identity is an error. */
export function disassociateEmailIdentityCertificate(input: T.DisassociateEmailIdentityCertificateRequest, ctx: Ctx) {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  const address = id.type === 'EMAIL_ADDRESS' ? id.name.toLowerCase() : input.FromAddress?.toLowerCase();
  if (address !== undefined) id.certificates.delete(address);
  return {};
}

export function listEmailIdentityCertificates(input: T.ListEmailIdentityCertificatesRequest, ctx: Ctx): T.ListEmailIdentityCertificatesResponse {
  const id = ctx.backend.requireIdentity(input.EmailIdentity);
  const { out, NextToken } = page(id.certificates, ([address]) => address, input.NextToken, input.PageSize ?? 100);
  return { Certificates: out.map(([FromAddress, c]) => ({ FromAddress, Status: 'ACTIVE', CertificateArn: c.arn })), NextToken };
}
