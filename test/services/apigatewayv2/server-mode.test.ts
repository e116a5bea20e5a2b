/**
 * The execute-api data plane in server mode: an HTTP API created through the
 * server answers at `<server>/_aws/execute-api/<apiId>/...`, CORS preflight
 * included (the server leaves a data plane's OPTIONS to it).
 */
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, useServer } from '../../server/support/server-fixture';
import { createNodeFunction } from '../lambda/support';
import { json } from './support';

describe('execute-api in server mode', () => {
  const server = useServer();

  it('routes /_aws/execute-api/<id>/ to the HTTP API, Lambda and CORS included', async () => {
    const config = clientConfig(server());
    await new IAMClient(config).send(
      new CreateRoleCommand({
        RoleName: 'lambda-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const fn = await createNodeFunction(new LambdaClient(config), 'srv', {
      'index.js': `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ path: e.rawPath, method: e.requestContext.http.method }) });`,
    });
    const api = await new ApiGatewayV2Client(config).send(
      new CreateApiCommand({
        Name: 'srv',
        ProtocolType: 'HTTP',
        Target: fn.FunctionArn,
        CorsConfiguration: { AllowOrigins: ['https://app.example'], AllowMethods: ['GET'] },
      }),
    );
    const base = `${server().url}/_aws/execute-api/${api.ApiId}`;
    const res = await fetch(`${base}/hello`, { headers: { origin: 'https://app.example' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ path: '/hello', method: 'GET' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const pre = await fetch(`${base}/hello`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET');
    const missing = await fetch(`${server().url}/_aws/execute-api/zzzzzzzzzz/x`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: 'Not Found' });
  });
});
