/**
 * Velocity in REST API mapping templates, pinned through the data plane:
 * MOCK integrations (request template → status; response template → body)
 * and an AWS integration whose output the response template walks.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const ddb = new DynamoDBClient({ region: 'us-east-1' });
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

/** POST /<part> with a MOCK integration: `request` picks the status, `responses` map status → template. */
async function mockRoute(request: string, responses: Record<string, string>, variables?: Record<string, string>) {
  const api = await client.send(new CreateRestApiCommand({ name: 'vtl' }));
  const restApiId = api.id as string;
  const parent = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'items' }))).id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: parent, pathPart: '{id}' }))).id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'POST', type: 'MOCK', requestTemplates: { 'application/json': request } }));
  for (const [status, template] of Object.entries(responses)) {
    await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: status }));
    await client.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: status,
        selectionPattern: status === '200' ? undefined : status,
        responseTemplates: { 'application/json': template },
      }),
    );
  }
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev', variables }));
  return (path: string, body: unknown) =>
    fetch(url(restApiId, `/dev/items/${path}`), { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant': 't1' }, body: JSON.stringify(body) });
}

describe('VTL mapping templates', () => {
  useMockAws();

  it('#set and #if/#elseif/#else on $input.path choose the MOCK status', async () => {
    const request = [
      "#set($n = $input.path('$.count'))",
      '#if($n > 10)',
      '{"statusCode": 400}',
      '#elseif($n == 0 || !$input.path(\'$.ok\'))',
      '{"statusCode": 404}',
      '#else',
      '{"statusCode": 200}',
      '#end',
    ].join('\n');
    const call = await mockRoute(request, { '200': '{"ok":true}', '400': '{"tooMany":true}', '404': '{"none":true}' });
    expect(await (await call('a', { count: 3, ok: true })).json()).toEqual({ ok: true });
    const big = await call('a', { count: 11, ok: true });
    expect(big.status).toBe(400);
    expect(await big.json()).toEqual({ tooMany: true });
    expect((await call('a', { count: 0, ok: true })).status).toBe(404);
    expect((await call('a', { count: 2, ok: false })).status).toBe(404);
  });

  it('#foreach with $foreach.hasNext, lists, maps and ranges; $context, $stageVariables, $util', async () => {
    const response = [
      '#set($names = ["a", "b", "c"])',
      '#set($m = {"k": "v"})',
      '{',
      '  "names": [#foreach($x in $names)"$x.toUpperCase()"#if($foreach.hasNext),#end#end],',
      '  "range": [#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end],',
      '  "count": $names.size(),',
      '  "map": "$m.k $m.get(\'k\')",',
      '  "stage": "$context.stage",',
      '  "method": "$context.httpMethod",',
      '  "resource": "$context.resourcePath",',
      '  "color": "$stageVariables.color",',
      '  "escaped": "$util.escapeJavaScript(\'say "hi"\')",',
      '  "url": "$util.urlEncode(\'a b&c\')",',
      '  "b64": "$util.base64Encode(\'hello\')",',
      '  "plain": "$util.base64Decode(\'aGVsbG8=\')",',
      '  "parsed": "$util.parseJson(\'{"x":{"y":7}}\').x.y",',
      '  "quiet": "$!nothing",',
      '  "loud": "$nothing"',
      '}',
    ].join('\n');
    const call = await mockRoute('{"statusCode": 200}', { '200': response }, { color: 'blue' });
    const res = await call('x', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      names: ['A', 'B', 'C'],
      range: [1, 2, 3],
      count: 3,
      map: 'v v',
      stage: 'dev',
      method: 'POST',
      resource: '/items/{id}',
      color: 'blue',
      escaped: 'say "hi"',
      url: 'a+b%26c',
      b64: 'aGVsbG8=',
      plain: 'hello',
      parsed: '7',
      quiet: '',
      loud: '$nothing',
    });
  });

  it('$input.params(), $input.json and braced references in the request template', async () => {
    const request = [
      '#set($p = $input.params())',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Velocity's braced reference syntax.
      '#if($p.path.id == "ok" && $p.header.get("x-tenant") == "t1" && $input.json(\'$.a\') == \'{"b":1}\' && ${input.params(\'id\')} == "ok")',
      '{"statusCode": 200}',
      '#else',
      '{"statusCode": 404}',
      '#end',
    ].join('\n');
    const call = await mockRoute(request, { '200': '{}', '404': '{}' });
    expect((await call('ok', { a: { b: 1 } })).status).toBe(200);
    expect((await call('no', { a: { b: 1 } })).status).toBe(404);
  });

  it('a template that does not parse answers 500 Internal server error', async () => {
    const call = await mockRoute('#if($x', { '200': '{}' });
    const res = await call('x', {});
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal server error' });
  });

  it('an AWS integration response template walks the service output with #foreach', async () => {
    await ddb.send(
      new CreateTableCommand({ TableName: 'pets', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    for (const [id, name] of [['1', 'Rex'], ['2', 'Tom']]) await ddb.send(new PutItemCommand({ TableName: 'pets', Item: { id: { S: id }, name: { S: name } } }));
    const api = await client.send(new CreateRestApiCommand({ name: 'scan' }));
    const restApiId = api.id as string;
    const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }))).id as string;
    await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/Scan',
        requestTemplates: { 'application/json': '{"TableName": "pets"}' },
      }),
    );
    await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
    const template = [
      "#set($items = $input.path('$.Items'))",
      '[',
      '#foreach($item in $items)',
      '  {"id": "$item.id.S", "name": "$item.name.S"}#if($foreach.hasNext),#end',
      '#end',
      ']',
    ].join('\n');
    await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': template } }));
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const res = await fetch(url(restApiId, '/dev/pets'));
    expect(res.status).toBe(200);
    const pets = (await res.json()) as { id: string; name: string }[];
    expect(pets.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1', name: 'Rex' },
      { id: '2', name: 'Tom' },
    ]);
  });
});
