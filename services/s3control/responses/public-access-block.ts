/**
 * Account-level Block Public Access: Put/Get/DeletePublicAccessBlock.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
 */
import type { RequestContext } from '../../../src/core/service';
import { accessDenied, noSuchPublicAccessBlock } from '../exceptions';
import type { S3ControlBackend } from '../models';
import type { PublicAccessBlockConfiguration } from '../types';

type Ctx = RequestContext<S3ControlBackend>;

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** The AccountId names the account whose settings change: only the caller's own. */
export function checkAccount(input: { AccountId?: string }, ctx: Ctx): void {
  if (input.AccountId !== undefined && input.AccountId !== ctx.account) throw accessDenied();
}

export function putPublicAccessBlock(input: { AccountId?: string; PublicAccessBlockConfiguration: PublicAccessBlockConfiguration }, ctx: Ctx) {
  checkAccount(input, ctx);
  const sent = input.PublicAccessBlockConfiguration ?? {};
  // Flags left out are stored as false, as GetPublicAccessBlock returns them.
  const config: PublicAccessBlockConfiguration = {};
  for (const flag of FLAGS) config[flag] = sent[flag] === true;
  ctx.backend.putPublicAccessBlock(config);
  return {};
}

export function getPublicAccessBlock(input: { AccountId?: string }, ctx: Ctx) {
  checkAccount(input, ctx);
  const config = ctx.backend.accountPublicAccessBlock();
  if (!config) throw noSuchPublicAccessBlock();
  return { PublicAccessBlockConfiguration: { ...config } };
}

export function deletePublicAccessBlock(input: { AccountId?: string }, ctx: Ctx) {
  checkAccount(input, ctx);
  ctx.backend.deletePublicAccessBlock();
  return {};
}
