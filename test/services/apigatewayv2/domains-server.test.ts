/**
 * A custom domain in server mode: a request to the server whose Host is the
 * domain's regional name (`d-<id>.execute-api.<region>.amazonaws.com`, as a DNS
 * entry pointing at the server would send it) goes through the domain's mappings.
 */
import { ApiGatewayV2Client, CreateApiCommand, CreateApiMappingCommand, CreateDomainNameCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, rawRequest, useServer } from '../../server/support/server-fixture';
import { createNodeFunction } from '../lambda/support';

describe('custom domain names in server mode', () => {
  const server = useServer();

  it('routes by the Host header to the mapped HTTP API; an unmapped path is 403', async () => {
    const config = clientConfig(server());
    await new IAMClient(config).send(
      new CreateRoleCommand({
        RoleName: 'lambda-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    const fn = await createNodeFunction(new LambdaClient(config), 'srv', {
      'index.js': `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ path: e.rawPath, domain: e.requestContext.domainName }) });`,
    });
    const v2 = new ApiGatewayV2Client(config);
    const api = await v2.send(new CreateApiCommand({ Name: 'srv', ProtocolType: 'HTTP', Target: fn.FunctionArn }));
    const domain = await v2.send(
      new CreateDomainNameCommand({ DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }] }),
    );
    await v2.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: api.ApiId, Stage: '$default', ApiMappingKey: 'shop' }));
    const host = domain.DomainNameConfigurations?.[0].ApiGatewayDomainName as string;
    const res = await rawRequest(server(), { path: '/shop/cart', headers: { host } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ path: '/cart', domain: 'api.example.com' });
    const unmapped = await rawRequest(server(), { path: '/other', headers: { host } });
    expect(unmapped.status).toBe(403);
    expect(JSON.parse(unmapped.body.toString())).toEqual({ message: 'Forbidden' });
  });
});
