/**
 * Routing rules of a custom domain name (AWS, "Routing rules to connect API stages
 * to a custom domain name for REST APIs"): conditions (up to two header matches and
 * one base path match, all of which must hold; none is a catch-all), one action
 * invoking a REST API stage, and a priority 1–1000000 unique in the domain (lowest
 * first). The domain's RoutingMode says whether the data plane uses them
 * (dataplane/domains.ts).
 */
import type { DomainState, RoutingRuleState } from '../../apigateway/models/domains';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type * as T from '../types';
import type { Ctx } from './common';
import { domainStore, requireV2Domain } from './domains';

type RuleInput = { Actions: T.RoutingRuleAction[]; Conditions: T.RoutingRuleCondition[]; Priority: number };

/** The rule as stored, or AWS's BadRequestException; nothing is stored here. */
async function ruleOf(ctx: Ctx, domain: DomainState, input: RuleInput, id: string): Promise<RoutingRuleState> {
  if (input.Actions.length !== 1) throw badRequest('A routing rule must have exactly one action');
  let headers = 0;
  let paths = 0;
  for (const c of input.Conditions) {
    if (Boolean(c.MatchHeaders) === Boolean(c.MatchBasePaths)) throw badRequest('Each condition must have exactly one of matchHeaders or matchBasePaths');
    if (c.MatchHeaders) {
      headers += c.MatchHeaders.AnyOf.length;
      for (const h of c.MatchHeaders.AnyOf) {
        if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(h.Header)) throw badRequest(`Invalid header name: ${h.Header}`);
        if (!/^\*?[^*]+\*?$/.test(h.ValueGlob)) throw badRequest(`Invalid header value glob: ${h.ValueGlob}`);
      }
    }
    if (c.MatchBasePaths) {
      paths++;
      if (c.MatchBasePaths.AnyOf.length === 0) throw badRequest('A matchBasePaths condition needs at least one base path');
    }
  }
  if (headers > 2) throw badRequest('A routing rule can have at most two header conditions');
  if (paths > 1) throw badRequest('A routing rule can have at most one base path condition');
  const { ApiId, Stage, StripBasePath } = input.Actions[0].InvokeApi;
  // The only action AWS supports is invoking a stage of a REST API.
  const restApi = (await domainStore(ctx)).restApi(ApiId);
  if (!restApi) throw badRequest(`Invalid REST API identifier specified ${ctx.account}:${ApiId}`);
  if (!restApi.stages.get(Stage)) throw badRequest(`Invalid stage identifier specified: ${Stage}`);
  for (const other of domain.routingRules.values()) {
    if (other.routingRuleId !== id && other.priority === input.Priority) throw conflict(`A routing rule with priority ${input.Priority} already exists`);
  }
  return {
    routingRuleId: id,
    routingRuleArn: `arn:aws:apigateway:${ctx.region}:${ctx.account}:/domainnames/${domain.domainName}/routingrules/${id}`,
    priority: input.Priority,
    conditions: input.Conditions.map((c) => ({
      matchBasePaths: c.MatchBasePaths ? [...c.MatchBasePaths.AnyOf] : undefined,
      matchHeaders: c.MatchHeaders?.AnyOf.map((h) => ({ header: h.Header, valueGlob: h.ValueGlob })),
    })),
    action: { apiId: ApiId, stage: Stage, stripBasePath: StripBasePath ?? false },
  };
}

function ruleOut(r: RoutingRuleState): T.RoutingRule {
  return {
    RoutingRuleId: r.routingRuleId,
    RoutingRuleArn: r.routingRuleArn,
    Priority: r.priority,
    Conditions: r.conditions.map((c) =>
      c.matchBasePaths ? { MatchBasePaths: { AnyOf: [...c.matchBasePaths] } } : { MatchHeaders: { AnyOf: (c.matchHeaders ?? []).map((h) => ({ Header: h.header, ValueGlob: h.valueGlob })) } },
    ),
    Actions: [{ InvokeApi: { ApiId: r.action.apiId, Stage: r.action.stage, StripBasePath: r.action.stripBasePath } }],
  };
}

function requireRule(domain: DomainState, id: string): RoutingRuleState {
  const rule = domain.routingRules.get(id);
  if (!rule) throw notFound(`Invalid RoutingRule identifier specified ${id}`, 'RoutingRule');
  return rule;
}

export async function createRoutingRule(input: T.CreateRoutingRuleRequest, ctx: Ctx): Promise<T.CreateRoutingRuleResponse> {
  const domain = await requireV2Domain(ctx, input.DomainName, input.DomainNameId);
  const rule = await ruleOf(ctx, domain, input, gatewayId(6));
  domain.routingRules.set(rule.routingRuleId, rule);
  return ruleOut(rule);
}

export async function getRoutingRule(input: T.GetRoutingRuleRequest, ctx: Ctx): Promise<T.GetRoutingRuleResponse> {
  return ruleOut(requireRule(await requireV2Domain(ctx, input.DomainName, input.DomainNameId), input.RoutingRuleId));
}

/** PutRoutingRule replaces an existing rule whole. */
export async function putRoutingRule(input: T.PutRoutingRuleRequest, ctx: Ctx): Promise<T.PutRoutingRuleResponse> {
  const domain = await requireV2Domain(ctx, input.DomainName, input.DomainNameId);
  requireRule(domain, input.RoutingRuleId);
  const rule = await ruleOf(ctx, domain, input, input.RoutingRuleId);
  domain.routingRules.set(rule.routingRuleId, rule);
  return ruleOut(rule);
}

export async function deleteRoutingRule(input: T.DeleteRoutingRuleRequest, ctx: Ctx): Promise<void> {
  const domain = await requireV2Domain(ctx, input.DomainName, input.DomainNameId);
  requireRule(domain, input.RoutingRuleId);
  domain.routingRules.delete(input.RoutingRuleId);
}

/** In priority order (the order the data plane evaluates them); the token is the last priority seen. */
export async function listRoutingRules(input: T.ListRoutingRulesRequest, ctx: Ctx): Promise<T.ListRoutingRulesResponse> {
  const domain = await requireV2Domain(ctx, input.DomainName, input.DomainNameId);
  const rules = sortedRules(domain);
  let start = 0;
  if (input.NextToken !== undefined) {
    const after = Number(Buffer.from(input.NextToken, 'base64').toString('utf8'));
    start = rules.findIndex((r) => r.priority > after);
    if (!Number.isInteger(after) || Buffer.from(String(after)).toString('base64') !== input.NextToken) throw badRequest('Invalid NextToken');
    if (start < 0) start = rules.length;
  }
  const limit = input.MaxResults ?? 100;
  const page = rules.slice(start, start + limit);
  const more = start + limit < rules.length;
  return { RoutingRules: page.map(ruleOut), NextToken: more ? Buffer.from(String(page[page.length - 1].priority)).toString('base64') : undefined };
}

export function sortedRules(domain: DomainState): RoutingRuleState[] {
  return [...domain.routingRules.values()].sort((a, b) => a.priority - b.priority);
}
