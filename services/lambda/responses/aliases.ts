/** Aliases: names for a version, optionally splitting traffic with a second version by weight. */
import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, preconditionFailed, resourceNotFound, validation } from '../exceptions';
import { functionArn } from '../models/arns';
import type { Alias, LambdaFunction } from '../models/function';
import type { CreateAliasRequest, DeleteAliasRequest, GetAliasRequest, ListAliasesRequest, UpdateAliasRequest } from '../types';
import { type Ctx, page } from './common';
import { unregisterUrl, urlIdOf } from '../models/url-index';

const ALIAS_NAME = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;

function view(fn: LambdaFunction, a: Alias) {
  return {
    AliasArn: functionArn(fn.region, fn.account, fn.name, a.name),
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    RoutingConfig: a.weights ? { AdditionalVersionWeights: { ...a.weights } } : undefined,
    RevisionId: a.revisionId,
  };
}

function checkTarget(fn: LambdaFunction, version: string, weights: Record<string, number> | undefined): void {
  if (version !== '$LATEST' && !fn.versions.has(version)) throw resourceNotFound(`Function not found: ${functionArn(fn.region, fn.account, fn.name, version)}`);
  if (!weights) return;
  const entries = Object.entries(weights);
  if (entries.length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  for (const [v, w] of entries) {
    if (w < 0 || w > 1) {
      throw validation(`1 validation error detected: Value '{${v}=${w}}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]`);
    }
    if (version === '$LATEST' || v === '$LATEST') throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
    if (v === version) throw invalidParameter(`Invalid function version ${v}. Function version ${v} is already included in routing configuration.`);
    if (!fn.versions.has(v)) throw resourceNotFound(`Function not found: ${functionArn(fn.region, fn.account, fn.name, v)}`);
  }
}

function aliasOf(fn: LambdaFunction, name: string): Alias {
  const a = fn.aliases.get(name);
  if (!a) throw resourceNotFound(`Cannot find alias arn: ${functionArn(fn.region, fn.account, fn.name, name)}`);
  return a;
}

export function createAlias(input: CreateAliasRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  if (!ALIAS_NAME.test(input.Name) || input.Name.length > 128) {
    throw validation(`1 validation error detected: Value '${input.Name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`);
  }
  const weights = input.RoutingConfig?.AdditionalVersionWeights;
  checkTarget(fn, input.FunctionVersion, weights);
  if (fn.aliases.has(input.Name)) throw conflict(`Alias already exists: ${functionArn(fn.region, fn.account, fn.name, input.Name)}`);
  const alias: Alias = {
    name: input.Name,
    functionVersion: input.FunctionVersion,
    description: input.Description ?? '',
    weights: weights && Object.keys(weights).length ? { ...weights } : undefined,
    revisionId: randomUUID(),
  };
  fn.aliases.set(alias.name, alias);
  return view(fn, alias);
}

export function getAlias(input: GetAliasRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  return view(fn, aliasOf(fn, input.Name));
}

export function updateAlias(input: UpdateAliasRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const alias = aliasOf(fn, input.Name);
  if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId) throw preconditionFailed();
  const version = input.FunctionVersion ?? alias.functionVersion;
  const weights = input.RoutingConfig ? input.RoutingConfig.AdditionalVersionWeights : alias.weights;
  checkTarget(fn, version, weights);
  alias.functionVersion = version;
  if (input.Description !== undefined) alias.description = input.Description;
  alias.weights = weights && Object.keys(weights).length ? { ...weights } : undefined;
  alias.revisionId = randomUUID();
  return view(fn, alias);
}

export function deleteAlias(input: DeleteAliasRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  fn.aliases.delete(input.Name);
  // The alias's URL goes with it: its URL id must not reach a qualifier that is gone.
  const url = fn.urls.get(input.Name);
  if (url) {
    fn.urls.delete(input.Name);
    unregisterUrl(ctx.backends, urlIdOf(url.url));
  }
}

export function listAliases(input: ListAliasesRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const all = [...fn.aliases.values()]
    .filter((a) => input.FunctionVersion === undefined || a.functionVersion === input.FunctionVersion || a.weights?.[input.FunctionVersion] !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, next } = page(all, (a) => a.name, input.Marker, input.MaxItems);
  return { Aliases: items.map((a) => view(fn, a)), NextMarker: next };
}
