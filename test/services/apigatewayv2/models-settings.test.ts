/** v2 models, DeleteAccessLogSettings and DeleteRouteSettings through the real SDK. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreateApiCommand,
  CreateModelCommand,
  CreateStageCommand,
  DeleteAccessLogSettingsCommand,
  DeleteModelCommand,
  DeleteRouteSettingsCommand,
  GetModelCommand,
  GetModelsCommand,
  GetStageCommand,
  NotFoundException,
  UpdateModelCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

describe('v2 models and stage settings', () => {
  useMockAws();

  it('models: create, names unique and alphanumeric, schema JSON, paginate, update, delete', async () => {
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    const m = await client.send(new CreateModelCommand({ ApiId, Name: 'Pet', Schema: '{"type":"object"}', ContentType: 'application/json' }));
    expect(m).toMatchObject({ Name: 'Pet', Schema: '{"type":"object"}', ContentType: 'application/json' });
    expect(m.ModelId).toMatch(/^[a-z0-9]{6}$/);
    const dup = await client.send(new CreateModelCommand({ ApiId, Name: 'Pet', Schema: '{}' })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    const badName = await client.send(new CreateModelCommand({ ApiId, Name: 'a-b', Schema: '{}' })).catch((e) => e);
    expect(badName).toBeInstanceOf(BadRequestException);
    const badSchema = await client.send(new CreateModelCommand({ ApiId, Name: 'X', Schema: '{' })).catch((e) => e);
    expect(badSchema).toBeInstanceOf(BadRequestException);
    await client.send(new CreateModelCommand({ ApiId, Name: 'Owner', Schema: '{}' }));
    const page = await client.send(new GetModelsCommand({ ApiId, MaxResults: '1' }));
    expect(page.Items).toHaveLength(1);
    const rest = await client.send(new GetModelsCommand({ ApiId, NextToken: page.NextToken }));
    expect(rest.Items).toHaveLength(1);
    const updated = await client.send(new UpdateModelCommand({ ApiId, ModelId: m.ModelId, Description: 'a pet' }));
    expect(updated).toMatchObject({ Name: 'Pet', Description: 'a pet' });
    await client.send(new DeleteModelCommand({ ApiId, ModelId: m.ModelId }));
    const gone = await client.send(new GetModelCommand({ ApiId, ModelId: m.ModelId })).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
  });

  it('DeleteAccessLogSettings and DeleteRouteSettings change the stage', async () => {
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }));
    await client.send(
      new CreateStageCommand({
        ApiId,
        StageName: 'dev',
        AccessLogSettings: { DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g', Format: '$context.requestId' },
        RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 5 } },
      }),
    );
    await client.send(new DeleteAccessLogSettingsCommand({ ApiId, StageName: 'dev' }));
    await client.send(new DeleteRouteSettingsCommand({ ApiId, StageName: 'dev', RouteKey: 'GET /a' }));
    const stage = await client.send(new GetStageCommand({ ApiId, StageName: 'dev' }));
    expect(stage.AccessLogSettings).toBeUndefined();
    expect(stage.RouteSettings ?? {}).toEqual({});
    const none = await client.send(new DeleteRouteSettingsCommand({ ApiId, StageName: 'dev', RouteKey: 'GET /a' })).catch((e) => e);
    expect(none).toBeInstanceOf(NotFoundException);
  });
});
