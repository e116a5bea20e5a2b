/**
 * GetModelTemplate (the mapping template generated from a model renders a
 * payload of the model's shape back), GetSdkTypes / GetSdkType, and
 * ImportApiKeys from AWS's CSV key file format, and GetSdk's javascript
 * client, loaded and called against the stage.
 */
import {
  APIGatewayClient,
  CreateModelCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  GetApiKeyCommand,
  GetModelTemplateCommand,
  GetSdkCommand,
  GetSdkTypeCommand,
  GetSdkTypesCommand,
  GetUsagePlanKeysCommand,
  ImportApiKeysCommand,
  CreateDeploymentCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { strFromU8, unzipSync } from 'fflate';
import { render } from '../../../services/apigatewayv2/dataplane/templates';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const csv = (text: string) => Buffer.from(text);

describe('GetModelTemplate', () => {
  useMockAws();

  it('generates the documented template style, which renders a payload of the model back', async () => {
    const { id } = await client.send(new CreateRestApiCommand({ name: 'm' }));
    const restApiId = id as string;
    await client.send(new CreateModelCommand({ restApiId, name: 'Owner', contentType: 'application/json', schema: JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }) }));
    await client.send(
      new CreateModelCommand({
        restApiId,
        name: 'Pets',
        contentType: 'application/json',
        schema: JSON.stringify({
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              type: { type: 'string' },
              price: { type: 'number' },
              tags: { type: 'array', items: { type: 'string' } },
              owner: { $ref: `https://apigateway.amazonaws.com/restapis/${restApiId}/models/Owner` },
            },
          },
        }),
      }),
    );
    const { value } = await client.send(new GetModelTemplateCommand({ restApiId, modelName: 'Pets' }));
    expect(value?.startsWith("#set($inputRoot = $input.path('$'))\n[\n#foreach($elem in $inputRoot)\n{\n  \"id\" : $elem.id,\n  \"type\" : \"$elem.type\",")).toBe(true);
    const payload = [
      { id: 1, type: 'dog', price: 249.99, tags: ['a', 'b'], owner: { name: 'ann' } },
      { id: 2, type: 'cat', price: 124.99, tags: [], owner: { name: 'bo' } },
    ];
    const rendered = render(value as string, { body: JSON.stringify(payload), params: () => '', context: {}, stageVariables: {} });
    expect(JSON.parse(rendered)).toEqual(payload);
    await expect(client.send(new GetModelTemplateCommand({ restApiId, modelName: 'Nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('GetSdkTypes / GetSdkType', () => {
  useMockAws();

  it("lists AWS's SDK types with their configuration properties", async () => {
    const { items } = await client.send(new GetSdkTypesCommand({}));
    expect(items?.map((t) => t.id)).toEqual(['android', 'javascript', 'ios-objective-c', 'ios-swift', 'java', 'ruby']);
    const java = await client.send(new GetSdkTypeCommand({ id: 'java' }));
    expect(java.configurationProperties?.filter((p) => p.required).map((p) => p.name)).toEqual(['serviceName', 'javaPackageName']);
    await expect(client.send(new GetSdkTypeCommand({ id: 'cobol' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
  });
});

describe('ImportApiKeys', () => {
  useMockAws();

  it('imports keys from the CSV format (any column order and case, quoted plan ids), the latest import of a value winning', async () => {
    const a = await client.send(new CreateUsagePlanCommand({ name: 'a' }));
    const b = await client.send(new CreateUsagePlanCommand({ name: 'b' }));
    const first = await client.send(
      new ImportApiKeysCommand({
        format: 'csv',
        body: csv(`Enabled,Name,key,UsageplanIds,Extra\nfalse,First,apikey1234abcdefghij0123456789,"${a.id},${b.id}",x\nTRUE,Second,apikey1234abcdefghij9876543210,${b.id},y\n`),
      }),
    );
    expect(first.ids).toHaveLength(2);
    expect(first.warnings).toBeUndefined();
    const one = await client.send(new GetApiKeyCommand({ apiKey: first.ids?.[0], includeValue: true }));
    expect(one).toMatchObject({ name: 'First', value: 'apikey1234abcdefghij0123456789', enabled: false, description: '' });
    expect((await client.send(new GetUsagePlanKeysCommand({ usagePlanId: b.id }))).items?.map((k) => k.name).sort()).toEqual(['First', 'Second']);
    expect((await client.send(new GetUsagePlanKeysCommand({ usagePlanId: a.id }))).items?.map((k) => k.name)).toEqual(['First']);
    // The same key value again updates that key; Enabled defaults to true.
    const again = await client.send(new ImportApiKeysCommand({ format: 'csv', body: csv('key,name,description\napikey1234abcdefghij0123456789,Renamed,imported twice\n') }));
    expect(again.ids).toEqual([first.ids?.[0]]);
    expect(await client.send(new GetApiKeyCommand({ apiKey: first.ids?.[0] }))).toMatchObject({ name: 'Renamed', description: 'imported twice', enabled: true });
  });

  it('reports rows it cannot import as warnings, or refuses the whole file with failOnWarnings', async () => {
    const body = csv('name,key,usageplanids\nshort,tooshort\ngood,apikey1234abcdefghij0123456789\nlost,apikey1234abcdefghij0000000000,nope00\n');
    await expect(client.send(new ImportApiKeysCommand({ format: 'csv', body, failOnWarnings: true }))).rejects.toMatchObject({ name: 'BadRequestException' });
    const out = await client.send(new ImportApiKeysCommand({ format: 'csv', body }));
    expect(out.ids).toHaveLength(1);
    expect(out.warnings).toEqual(['Line 2: Key must be between 20 and 128 characters', 'Line 4: Invalid Usage Plan ID specified: nope00']);
    await expect(client.send(new ImportApiKeysCommand({ format: 'csv', body: csv('key\napikey1234abcdefghij0123456789\n') }))).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});

describe('GetSdk', () => {
  useMockAws();

  const mock = (template: string) => ({
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } },
    },
    responses: { '200': { description: 'ok' } },
  });

  it('generates a javascript client whose methods call the stage', async () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'shop' },
      paths: {
        '/': { get: mock('{"root":true}') },
        '/pets': { get: { ...mock('{"limit":"$input.params(\'limit\')"}'), parameters: [{ name: 'limit', in: 'query', schema: { type: 'string' } }] }, post: {
          'x-amazon-apigateway-integration': {
            type: 'mock',
            // The body the client sends picks the status: a MOCK integration sees the request only in its request template.
            requestTemplates: { 'application/json': '{"statusCode": $input.path(\'$.code\')}' },
            responses: { default: { statusCode: '200' }, '201': { statusCode: '201', responseTemplates: { 'application/json': '{"created":true}' } } },
          },
        },
      },
        '/pets/{petId}': { get: mock('{"id":"$input.params(\'petId\')"}') },
      },
    };
    const { id } = await client.send(new ImportRestApiCommand({ body: Buffer.from(JSON.stringify(doc)) }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'live' }));
    const sdk = await client.send(new GetSdkCommand({ restApiId: id, stageName: 'live', sdkType: 'javascript' }));
    expect(sdk.contentType).toBe('application/octet-stream');
    expect(sdk.contentDisposition).toMatch(/^attachment; filename="javascript_.*\.zip"$/);
    const files = unzipSync(sdk.body as Uint8Array);
    expect(Object.keys(files).sort()).toEqual(['apiGateway-js-sdk/README.md', 'apiGateway-js-sdk/apigClient.js']);
    const module = { exports: {} as any };
    new Function('module', strFromU8(files['apiGateway-js-sdk/apigClient.js']))(module);
    const api = module.exports.newClient();
    expect(Object.keys(api).sort()).toEqual(['petsGet', 'petsPetIdGet', 'petsPost', 'rootGet']);
    expect(await api.rootGet()).toMatchObject({ status: 200, data: { root: true } });
    expect((await api.petsGet({ limit: '5' })).data).toEqual({ limit: '5' });
    expect((await api.petsPetIdGet({ petId: 'a b' })).data).toEqual({ id: 'a b' });
    expect(await api.petsPost({}, { code: 201 })).toMatchObject({ status: 201, data: { created: true } });
  });

  it('refuses unknown types, missing required properties, and answers NotImplemented for the types it does not generate', async () => {
    const { id } = await client.send(new ImportRestApiCommand({ body: Buffer.from(JSON.stringify({ openapi: '3.0.1', info: { title: 's' }, paths: { '/': { get: mock('{}') } } })) }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'live' }));
    await expect(client.send(new GetSdkCommand({ restApiId: id, stageName: 'nope', sdkType: 'javascript' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(client.send(new GetSdkCommand({ restApiId: id, stageName: 'live', sdkType: 'cobol' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(client.send(new GetSdkCommand({ restApiId: id, stageName: 'live', sdkType: 'java', parameters: { serviceName: 'S' } }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Missing required SDK configuration properties: javaPackageName',
    });
    await expect(client.send(new GetSdkCommand({ restApiId: id, stageName: 'live', sdkType: 'ruby', parameters: { 'service.name': 'S' } }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 501 } });
  });
});
