/** UpdateDeployment, DeleteRouteRequestParameter (WebSocket APIs) and GetModelTemplate. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRouteCommand,
  DeleteRouteRequestParameterCommand,
  GetDeploymentCommand,
  GetModelTemplateCommand,
  GetRouteCommand,
  NotFoundException,
  UpdateDeploymentCommand,
} from '@aws-sdk/client-apigatewayv2';
import { render } from '../../../services/apigatewayv2/dataplane/templates';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

describe('deployments, route request parameters and model templates', () => {
  useMockAws();

  it('UpdateDeployment changes the description only; unknown deployments are NotFound', async () => {
    const ApiId = (await client.send(new CreateApiCommand({ Name: 'd', ProtocolType: 'HTTP' }))).ApiId as string;
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /a' }));
    const d = await client.send(new CreateDeploymentCommand({ ApiId, Description: 'first' }));
    const updated = await client.send(new UpdateDeploymentCommand({ ApiId, DeploymentId: d.DeploymentId, Description: 'second' }));
    expect(updated).toMatchObject({ DeploymentId: d.DeploymentId, Description: 'second', DeploymentStatus: 'DEPLOYED', AutoDeployed: false });
    expect((await client.send(new GetDeploymentCommand({ ApiId, DeploymentId: d.DeploymentId }))).Description).toBe('second');
    const missing = await client.send(new UpdateDeploymentCommand({ ApiId, DeploymentId: 'zzzzzzz', Description: 'x' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });

  it('DeleteRouteRequestParameter removes one parameter of a WebSocket route; HTTP APIs refuse it', async () => {
    const ws = (await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId as string;
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: ws,
        RouteKey: '$connect',
        RequestParameters: { 'route.request.header.Auth': { Required: true }, 'route.request.querystring.v': { Required: false } },
      }),
    );
    await client.send(new DeleteRouteRequestParameterCommand({ ApiId: ws, RouteId: route.RouteId, RequestParameterKey: 'route.request.header.Auth' }));
    expect((await client.send(new GetRouteCommand({ ApiId: ws, RouteId: route.RouteId }))).RequestParameters).toEqual({ 'route.request.querystring.v': { Required: false } });
    const again = await client.send(new DeleteRouteRequestParameterCommand({ ApiId: ws, RouteId: route.RouteId, RequestParameterKey: 'route.request.header.Auth' })).catch((e) => e);
    expect(again).toBeInstanceOf(NotFoundException);
    const http = (await client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }))).ApiId as string;
    const httpRoute = await client.send(new CreateRouteCommand({ ApiId: http, RouteKey: 'GET /a' }));
    const refused = await client.send(new DeleteRouteRequestParameterCommand({ ApiId: http, RouteId: httpRoute.RouteId, RequestParameterKey: 'x' })).catch((e) => e);
    expect(refused).toBeInstanceOf(BadRequestException);
  });

  it('GetModelTemplate generates a Velocity template that maps an input of the schema onto its shape', async () => {
    const ApiId = (await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId as string;
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        owner: { $ref: '#/definitions/Owner' },
      },
      definitions: { Owner: { type: 'object', properties: { email: { type: 'string' }, active: { type: 'boolean' } } } },
    };
    const model = await client.send(new CreateModelCommand({ ApiId, Name: 'Item', ContentType: 'application/json', Schema: JSON.stringify(schema) }));
    const { Value } = await client.send(new GetModelTemplateCommand({ ApiId, ModelId: model.ModelId }));
    expect(Value).toMatch(/^#set\(\$inputRoot = \$input\.path\('\$'\)\)\n\{\n {2}"id" : \$inputRoot\.id,\n {2}"name" : "\$inputRoot\.name",/);
    const input = { id: 7, name: 'box', tags: ['a', 'b'], owner: { email: 'o@example.com', active: true } };
    const rendered = render(Value as string, { body: JSON.stringify(input), params: () => '', context: {}, stageVariables: {} });
    expect(JSON.parse(rendered)).toEqual(input);
    const missing = await client.send(new GetModelTemplateCommand({ ApiId, ModelId: 'zzzzzz' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });
});
