/**
 * Routing rules of a custom domain name: validation, priority order, and the
 * data plane applying them per the domain's RoutingMode before (or instead of)
 * the API mappings.
 */
import {
  BadRequestException,
  ConflictException,
  CreateApiMappingCommand,
  CreateRoutingRuleCommand,
  DeleteRoutingRuleCommand,
  GetRoutingRuleCommand,
  ListRoutingRulesCommand,
  NotFoundException,
  PutRoutingRuleCommand,
  UpdateDomainNameCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { httpApi, regional, restApi, v2 } from './domain-support';

const DOMAIN = 'api.example.com';
const invoke = (ApiId: string, StripBasePath?: boolean) => [{ InvokeApi: { ApiId, Stage: 'prod', StripBasePath } }];

describe('routing rules', () => {
  useMockAws();
  useLambdaRole();

  it('creates, reads, replaces, lists in priority order and deletes rules; refuses what AWS refuses', async () => {
    const rest = await restApi('r');
    await regional(DOMAIN);
    const beta = await v2.send(
      new CreateRoutingRuleCommand({
        DomainName: DOMAIN,
        Priority: 50,
        Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'x-version', ValueGlob: 'beta*' }] } }, { MatchBasePaths: { AnyOf: ['users'] } }],
        Actions: invoke(rest, true),
      }),
    );
    expect(beta.RoutingRuleId).toMatch(/^[a-z0-9]{6}$/);
    expect(beta.RoutingRuleArn).toBe(`arn:aws:apigateway:us-east-1:123456789012:/domainnames/${DOMAIN}/routingrules/${beta.RoutingRuleId}`);
    const all = await v2.send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 10, Conditions: [], Actions: invoke(rest) }));
    const listed = await v2.send(new ListRoutingRulesCommand({ DomainName: DOMAIN }));
    expect(listed.RoutingRules?.map((r) => r.Priority)).toEqual([10, 50]);
    const first = await v2.send(new ListRoutingRulesCommand({ DomainName: DOMAIN, MaxResults: 1 }));
    expect(first.RoutingRules?.map((r) => r.Priority)).toEqual([10]);
    const second = await v2.send(new ListRoutingRulesCommand({ DomainName: DOMAIN, MaxResults: 1, NextToken: first.NextToken }));
    expect(second.RoutingRules?.map((r) => r.Priority)).toEqual([50]);
    expect(second.NextToken).toBeUndefined();

    const samePriority = await v2.send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 10, Conditions: [], Actions: invoke(rest) })).catch((e) => e);
    expect(samePriority).toBeInstanceOf(ConflictException);
    const threeHeaders = await v2
      .send(
        new CreateRoutingRuleCommand({
          DomainName: DOMAIN,
          Priority: 20,
          Conditions: ['a', 'b', 'c'].map((h) => ({ MatchHeaders: { AnyOf: [{ Header: h, ValueGlob: 'x' }] } })),
          Actions: invoke(rest),
        }),
      )
      .catch((e) => e);
    expect(threeHeaders).toBeInstanceOf(BadRequestException);
    const twoPaths = await v2
      .send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 20, Conditions: [{ MatchBasePaths: { AnyOf: ['a'] } }, { MatchBasePaths: { AnyOf: ['b'] } }], Actions: invoke(rest) }))
      .catch((e) => e);
    expect(twoPaths).toBeInstanceOf(BadRequestException);
    // The only action AWS supports invokes a REST API stage.
    const http = await httpApi('h');
    const toHttp = await v2.send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 20, Conditions: [], Actions: [{ InvokeApi: { ApiId: http, Stage: '$default' } }] })).catch((e) => e);
    expect(toHttp).toBeInstanceOf(BadRequestException);
    const badPriority = await v2.send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 0, Conditions: [], Actions: invoke(rest) })).catch((e) => e);
    expect(badPriority).toBeInstanceOf(BadRequestException);
    const noDomain = await v2.send(new CreateRoutingRuleCommand({ DomainName: 'nope.example.com', Priority: 5, Conditions: [], Actions: invoke(rest) })).catch((e) => e);
    expect(noDomain).toBeInstanceOf(NotFoundException);

    const put = await v2.send(new PutRoutingRuleCommand({ DomainName: DOMAIN, RoutingRuleId: all.RoutingRuleId, Priority: 90, Conditions: [], Actions: invoke(rest) }));
    expect(put).toMatchObject({ RoutingRuleId: all.RoutingRuleId, Priority: 90 });
    expect(await v2.send(new GetRoutingRuleCommand({ DomainName: DOMAIN, RoutingRuleId: beta.RoutingRuleId }))).toMatchObject({
      Priority: 50,
      Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'x-version', ValueGlob: 'beta*' }] } }, { MatchBasePaths: { AnyOf: ['users'] } }],
      Actions: [{ InvokeApi: { ApiId: rest, Stage: 'prod', StripBasePath: true } }],
    });
    await v2.send(new DeleteRoutingRuleCommand({ DomainName: DOMAIN, RoutingRuleId: beta.RoutingRuleId }));
    const gone = await v2.send(new GetRoutingRuleCommand({ DomainName: DOMAIN, RoutingRuleId: beta.RoutingRuleId })).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
    const putMissing = await v2.send(new PutRoutingRuleCommand({ DomainName: DOMAIN, RoutingRuleId: 'zzzzzz', Priority: 7, Conditions: [], Actions: invoke(rest) })).catch((e) => e);
    expect(putMissing).toBeInstanceOf(NotFoundException);
  });

  it('the data plane applies rules (headers and base paths, lowest priority first) by the routing mode', async () => {
    const a = await restApi('a');
    const b = await restApi('b');
    const domain = await regional(DOMAIN);
    const host = domain.DomainNameConfigurations?.[0].ApiGatewayDomainName as string;
    await v2.send(new CreateApiMappingCommand({ DomainName: DOMAIN, ApiId: a, Stage: 'prod' }));
    await v2.send(
      new CreateRoutingRuleCommand({
        DomainName: DOMAIN,
        Priority: 100,
        Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'X-Version', ValueGlob: '*beta*' }] } }],
        Actions: invoke(b),
      }),
    );
    await v2.send(new CreateRoutingRuleCommand({ DomainName: DOMAIN, Priority: 200, Conditions: [{ MatchBasePaths: { AnyOf: ['v2'] } }], Actions: invoke(b, true) }));
    const api = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`https://${host}${path}`, { headers });
      return res.status === 200 ? ((await res.json()) as { api: string }).api : res.status;
    };
    // API_MAPPING_ONLY (the default): rules are stored but not used.
    expect(await api('/hello', { 'x-version': 'the-beta-1' })).toBe('a');
    await v2.send(new UpdateDomainNameCommand({ DomainName: DOMAIN, RoutingMode: 'ROUTING_RULE_THEN_API_MAPPING' }));
    expect(await api('/hello', { 'x-version': 'the-beta-1' })).toBe('b');
    // Header values are case-sensitive.
    expect(await api('/hello', { 'x-version': 'BETA' })).toBe('a');
    expect(await api('/v2/hello')).toBe('b');
    expect(await api('/hello')).toBe('a');
    await v2.send(new UpdateDomainNameCommand({ DomainName: DOMAIN, RoutingMode: 'ROUTING_RULE_ONLY' }));
    expect(await api('/hello')).toBe(403);
    expect(await api('/v2/hello')).toBe('b');
  });
});
