import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, CreateFunctionUrlConfigCommand, InvokeCommand, InvokeWithResponseStreamCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, rawRequest, useServer } from '../../server/support/server-fixture';
import { SignatureV4 } from '@smithy/signature-v4';
import { allowPublicUrl, createLambdaRole, createNodeFunction, decode, encode, ROLE, Sha256, zip } from './support';

describe('Lambda in server mode', () => {
  const server = useServer();
  // One server for the block: its state (the role included) outlives each test.
  beforeAll(() => createLambdaRole(clientConfig(server())));

  it("points the function's SDK at the server (AWS_ENDPOINT_URL), so its writes land there", async () => {
    const lambda = new LambdaClient(clientConfig(server()));
    const ddb = new DynamoDBClient(clientConfig(server()));
    await ddb.send(
      new CreateTableCommand({ TableName: 'remote', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'remote-writer',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: {
          ZipFile: zip({
            'index.js': `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
              exports.handler = async (e) => {
                await new DynamoDBClient({}).send(new PutItemCommand({ TableName: 'remote', Item: { id: { S: e.id } } }));
                return process.env.AWS_ENDPOINT_URL;
              };`,
          }),
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'remote-writer', Payload: encode({ id: 'r-1' }) }));
    expect(out.FunctionError).toBeUndefined();
    expect(decode(out.Payload)).toBe(server().url);
    const item = await ddb.send(new GetItemCommand({ TableName: 'remote', Key: { id: { S: 'r-1' } } }));
    expect(item.Item).toEqual({ id: { S: 'r-1' } });
  });

  it('serves function URLs on its own address (/_aws/lambda-url/<id>/...) and under the URL host name, CORS preflights included', async () => {
    const lambda = new LambdaClient(clientConfig(server()));
    await createNodeFunction(lambda, 'site', {
      'index.js': `exports.handler = async (e) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['s=1; Secure', 't=2'], body: e.requestContext.http.method + ' ' + e.rawPath + '?' + e.rawQueryString });`,
    });
    const { FunctionUrl } = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'site', AuthType: 'NONE', Cors: { AllowOrigins: ['*'], AllowMethods: ['GET'] } }),
    );
    await allowPublicUrl(lambda, 'site');
    const id = new URL(FunctionUrl as string).hostname.split('.')[0];

    const byPath = await fetch(`${server().url}/_aws/lambda-url/${id}/a/b?q=1`);
    expect(byPath.status).toBe(200);
    expect(await byPath.text()).toBe('GET /a/b?q=1');
    expect(byPath.headers.getSetCookie()).toEqual(['s=1; Secure', 't=2']);

    const byHost = await rawRequest(server(), { path: '/c', headers: { host: `${id}.lambda-url.us-east-1.on.aws` } });
    expect(byHost.status).toBe(200);
    expect(byHost.body.toString()).toBe('GET /c?');
    // One Set-Cookie line per cookie on the wire.
    expect(byHost.headers['set-cookie']).toEqual(['s=1; Secure', 't=2']);
    const byLocalhost = await rawRequest(server(), { method: 'POST', path: '/d', headers: { host: `${id}.lambda-url.us-east-1.localhost:${server().port}` } });
    expect(byLocalhost.body.toString()).toBe('POST /d?');

    // The URL's own CORS configuration answers, not the server's generic preflight.
    const pre = await rawRequest(server(), {
      method: 'OPTIONS',
      path: `/_aws/lambda-url/${id}/`,
      headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET');
  });

  it('verifies and authorizes AWS_IAM function URLs on its own address', async () => {
    const lambda = new LambdaClient(clientConfig(server()));
    await createNodeFunction(lambda, 'iam-site', { 'index.js': 'exports.handler = async (e) => ({ statusCode: 200, body: e.requestContext.accountId });' });
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'iam-site', AuthType: 'AWS_IAM' }));
    const id = new URL(FunctionUrl as string).hostname.split('.')[0];
    const target = new URL(`${server().url}/_aws/lambda-url/${id}/who`);
    const signedWith = async (secretAccessKey: string) => {
      const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey }, sha256: Sha256 });
      const req = await signer.sign({ method: 'GET', protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: target.pathname, query: {}, headers: { host: target.host } });
      return fetch(target, { headers: req.headers as Record<string, string> });
    };
    expect((await fetch(target)).status).toBe(403);
    expect((await signedWith('not-the-secret')).status).toBe(403);
    const ok = await signedWith('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('123456789012');
  });

  it('streams InvokeWithResponseStream as a chunked event-stream response', async () => {
    const lambda = new LambdaClient(clientConfig(server()));
    await createNodeFunction(lambda, 'streamer', {
      'index.js': `exports.handler = awslambda.streamifyResponse(async (event, stream) => { stream.write('one,'); stream.write('two'); stream.end(); });`,
    });
    const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'streamer' }));
    const chunks: string[] = [];
    let completed = false;
    for await (const e of out.EventStream ?? []) {
      if (e.PayloadChunk?.Payload) chunks.push(Buffer.from(e.PayloadChunk.Payload).toString());
      if (e.InvokeComplete) completed = true;
    }
    expect(chunks).toEqual(['one,', 'two']);
    expect(completed).toBe(true);
    const raw = await rawRequest(server(), { method: 'POST', path: '/2021-11-15/functions/streamer/response-streaming-invocations', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00' } });
    expect(raw.status).toBe(200);
    expect(raw.headers['transfer-encoding']).toBe('chunked');
    expect(raw.headers['content-length']).toBeUndefined();
  });
});
