/** Documentation parts and versions, and ImportDocumentationParts. */
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateRestApiCommand,
  DeleteDocumentationVersionCommand,
  GetDocumentationPartsCommand,
  GetDocumentationVersionsCommand,
  GetStageCommand,
  ImportDocumentationPartsCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateDocumentationPartCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });

describe('documentation', () => {
  useMockAws();

  it('parts: defaults per location type, one part per location, JSON properties, update and filters', async () => {
    const { id: restApiId } = await client.send(new CreateRestApiCommand({ name: 'docs' }));
    const method = await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'METHOD', path: '/pets' }, properties: '{"summary":"List"}' }));
    expect(method.location).toEqual({ type: 'METHOD', path: '/pets', method: '*' });
    const apiPart = await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{"info":{"description":"d"}}' }));
    expect(apiPart.location).toEqual({ type: 'API' });
    const dup = await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'METHOD', path: '/pets', method: '*' }, properties: '{}' })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    const notJson = await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'RESOURCE' }, properties: 'text' })).catch((e) => e);
    expect(notJson).toBeInstanceOf(BadRequestException);
    const noName = await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'MODEL' }, properties: '{}' })).catch((e) => e);
    expect(noName).toBeInstanceOf(BadRequestException);
    const updated = await client.send(
      new UpdateDocumentationPartCommand({ restApiId, documentationPartId: method.id, patchOperations: [{ op: 'replace', path: '/properties', value: '{"summary":"All"}' }] }),
    );
    expect(updated.properties).toBe('{"summary":"All"}');
    expect((await client.send(new GetDocumentationPartsCommand({ restApiId, type: 'API' }))).items?.map((p) => p.id)).toEqual([apiPart.id]);
  });

  it('ImportDocumentationParts merges by location, overwrite replaces all, warnings fail with failOnWarnings', async () => {
    const { id: restApiId } = await client.send(new CreateRestApiCommand({ name: 'docs' }));
    await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{"v":1}' }));
    await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'RESOURCE', path: '/a' }, properties: '{"v":1}' }));
    const body = (parts: unknown[]) => Buffer.from(JSON.stringify({ openapi: '3.0.1', 'x-amazon-apigateway-documentation': { version: '1', documentationParts: parts } }));
    const merged = await client.send(
      new ImportDocumentationPartsCommand({ restApiId, body: body([{ location: { type: 'API' }, properties: { v: 2 } }, { location: { type: 'METHOD', path: '/a', method: 'GET' }, properties: { s: 'x' } }]) }),
    );
    expect(merged.ids).toHaveLength(2);
    let parts = (await client.send(new GetDocumentationPartsCommand({ restApiId }))).items ?? [];
    expect(parts).toHaveLength(3);
    expect(parts.find((p) => p.location?.type === 'API')?.properties).toBe('{"v":2}');
    await client.send(new ImportDocumentationPartsCommand({ restApiId, mode: 'overwrite', body: body([{ location: { type: 'API' }, properties: { v: 3 } }]) }));
    parts = (await client.send(new GetDocumentationPartsCommand({ restApiId }))).items ?? [];
    expect(parts.map((p) => p.properties)).toEqual(['{"v":3}']);
    const failing = await client
      .send(new ImportDocumentationPartsCommand({ restApiId, failOnWarnings: true, body: body([{ location: { type: 'NOPE' }, properties: {} }]) }))
      .catch((e) => e);
    expect(failing).toBeInstanceOf(BadRequestException);
    const warned = await client.send(new ImportDocumentationPartsCommand({ restApiId, body: body([{ location: { type: 'NOPE' }, properties: {} }]) }));
    expect(warned.warnings).toHaveLength(1);
  });

  it('versions snapshot the parts, publish to a stage, and cannot be deleted while a stage uses them', async () => {
    const { id: restApiId, rootResourceId } = await client.send(new CreateRestApiCommand({ name: 'docs' }));
    await client.send(new PutMethodCommand({ restApiId, resourceId: rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(new PutIntegrationCommand({ restApiId, resourceId: rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    await client.send(new CreateDocumentationPartCommand({ restApiId, location: { type: 'API' }, properties: '{}' }));
    const v = await client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '1.0', stageName: 'dev', description: 'first' }));
    expect(v).toMatchObject({ version: '1.0', description: 'first' });
    expect((await client.send(new GetStageCommand({ restApiId, stageName: 'dev' }))).documentationVersion).toBe('1.0');
    const again = await client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '1.0' })).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictException);
    const badStage = await client.send(new CreateDocumentationVersionCommand({ restApiId, documentationVersion: '2.0', stageName: 'prod' })).catch((e) => e);
    expect(badStage).toBeInstanceOf(BadRequestException);
    const inUse = await client.send(new DeleteDocumentationVersionCommand({ restApiId, documentationVersion: '1.0' })).catch((e) => e);
    expect(inUse).toBeInstanceOf(ConflictException);
    expect((await client.send(new GetDocumentationVersionsCommand({ restApiId }))).items?.map((x) => x.version)).toEqual(['1.0']);
    const missing = await client.send(new DeleteDocumentationVersionCommand({ restApiId, documentationVersion: '9' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });
});
