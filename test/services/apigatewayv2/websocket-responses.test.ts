/** v2 route responses and integration responses (WebSocket APIs only). */
import {
  ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteIntegrationResponseCommand,
  GetIntegrationResponsesCommand,
  GetRouteResponseCommand,
  GetRouteResponsesCommand,
  NotFoundException,
  UpdateIntegrationResponseCommand,
  UpdateRouteResponseCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

describe('WebSocket route and integration responses', () => {
  useMockAws();

  it('route responses: $default only, one per key, update and get', async () => {
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    const { RouteId } = await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'sendmessage' }));
    const rr = await client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
    expect(rr).toMatchObject({ RouteResponseKey: '$default' });
    const dup = await client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    const badKey = await client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: 'other' })).catch((e) => e);
    expect(badKey).toBeInstanceOf(BadRequestException);
    const updated = await client.send(new UpdateRouteResponseCommand({ ApiId, RouteId, RouteResponseId: rr.RouteResponseId, ModelSelectionExpression: '$request.body.type' }));
    expect(updated.ModelSelectionExpression).toBe('$request.body.type');
    expect((await client.send(new GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId: rr.RouteResponseId }))).ModelSelectionExpression).toBe('$request.body.type');
    expect((await client.send(new GetRouteResponsesCommand({ ApiId, RouteId }))).Items).toHaveLength(1);
  });

  it('integration responses: $default or /regex/, update and delete; HTTP APIs refuse both kinds', async () => {
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    const { IntegrationId } = await client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
    const ir = await client.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseKey: '/4\\d{2}/', ResponseTemplates: { '404': '{}' } }));
    expect(ir.IntegrationResponseKey).toBe('/4\\d{2}/');
    const bad = await client.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseKey: '404' })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
    const up = await client.send(new UpdateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId: ir.IntegrationResponseId, TemplateSelectionExpression: '\\$default' }));
    expect(up.TemplateSelectionExpression).toBe('\\$default');
    await client.send(new DeleteIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId: ir.IntegrationResponseId }));
    expect((await client.send(new GetIntegrationResponsesCommand({ ApiId, IntegrationId }))).Items).toEqual([]);
    const again = await client.send(new DeleteIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId: ir.IntegrationResponseId })).catch((e) => e);
    expect(again).toBeInstanceOf(NotFoundException);
    const http = await client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }));
    const route = await client.send(new CreateRouteCommand({ ApiId: http.ApiId, RouteKey: 'GET /a' }));
    const refused = await client.send(new CreateRouteResponseCommand({ ApiId: http.ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' })).catch((e) => e);
    expect(refused).toBeInstanceOf(BadRequestException);
  });
});
