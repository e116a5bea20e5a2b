/**
 * Terms documents (CreateTerms, DescribeTerms, DescribeTermsByClient,
 * UpdateTerms, DeleteTerms, ListTerms): links per language to an app client's terms of use and privacy
 * policy, which the managed login sign-up page shows once both exist.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import type { CognitoidpOperations, TermsType } from '../types';
import { pageOf } from './paging';

const termsExists = (name: string, clientId: string) =>
  new AwsError('TermsExistsException', `Terms document ${name} already exists for client ${clientId}.`, { status: 400 });

function termsOf(pool: UserPool, id: string): TermsType {
  const terms = pool.terms.get(id);
  if (!terms) throw resourceNotFound(`Terms ${id} does not exist.`);
  return terms;
}

/** The client's document of a name (terms names are unique per app client). */
const clientTerms = (pool: UserPool, clientId: string, name: string) => [...pool.terms.values()].find((t) => t.ClientId === clientId && t.TermsName === name);

/** TermsSource LINK (the only source) needs the links, with a URL for each language. */
function checkLinks(links: Record<string, string> | undefined): Record<string, string> {
  if (!links || !Object.keys(links).length) throw invalidParameter('Links are required when TermsSource is LINK.');
  for (const [language, url] of Object.entries(links)) {
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw invalidParameter(`The link for ${language} is not a URL.`);
  }
  return { ...links };
}

/** The links of a client's terms for the managed login sign-up page: both documents, in the default language. */
export function termsLinks(pool: UserPool, clientId: string): { termsOfUse: string; privacyPolicy: string } | undefined {
  const use = clientTerms(pool, clientId, 'terms-of-use')?.Links['cognito:default'];
  const privacy = clientTerms(pool, clientId, 'privacy-policy')?.Links['cognito:default'];
  return use && privacy ? { termsOfUse: use, privacyPolicy: privacy } : undefined;
}

export const terms: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateTerms(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    ctx.backend.client(input.ClientId, input.UserPoolId);
    const links = checkLinks(input.Links);
    if (clientTerms(pool, input.ClientId, input.TermsName)) throw termsExists(input.TermsName, input.ClientId);
    const now = clock.date();
    const created: TermsType = {
      TermsId: randomUUID(),
      UserPoolId: pool.id,
      ClientId: input.ClientId,
      TermsName: input.TermsName,
      TermsSource: input.TermsSource,
      Enforcement: input.Enforcement,
      Links: links,
      CreationDate: now,
      LastModifiedDate: now,
    };
    pool.terms.set(created.TermsId, created);
    return { Terms: created };
  },

  DescribeTerms(input, ctx) {
    return { Terms: termsOf(ctx.backend.pool(input.UserPoolId), input.TermsId) };
  },

  DescribeTermsByClient(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    ctx.backend.client(input.ClientId, input.UserPoolId);
    const found = clientTerms(pool, input.ClientId, input.TermsName);
    if (!found) throw resourceNotFound(`Terms ${input.TermsName} do not exist for client ${input.ClientId}.`);
    return { Terms: found };
  },

  UpdateTerms(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const current = termsOf(pool, input.TermsId);
    const links = input.Links === undefined ? current.Links : checkLinks(input.Links);
    const name = input.TermsName ?? current.TermsName;
    const holder = clientTerms(pool, current.ClientId, name);
    if (holder && holder !== current) throw termsExists(name, current.ClientId);
    const updated: TermsType = {
      ...current,
      TermsName: name,
      TermsSource: input.TermsSource ?? current.TermsSource,
      Enforcement: input.Enforcement ?? current.Enforcement,
      Links: links,
      LastModifiedDate: clock.date(),
    };
    pool.terms.set(updated.TermsId, updated);
    return { Terms: updated };
  },

  DeleteTerms(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    termsOf(pool, input.TermsId);
    pool.terms.delete(input.TermsId);
    return {};
  },

  ListTerms(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const page = pageOf([...pool.terms.keys()].sort(), input.NextToken || undefined, input.MaxResults);
    return {
      Terms: page.items.map((id) => {
        const t = pool.terms.get(id) as TermsType;
        return { TermsId: t.TermsId, TermsName: t.TermsName, Enforcement: t.Enforcement, CreationDate: t.CreationDate, LastModifiedDate: t.LastModifiedDate };
      }),
      NextToken: page.next,
    };
  },
};
