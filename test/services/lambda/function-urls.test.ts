/**
 * Function URLs served: a plain `fetch` to https://<url-id>.lambda-url.<region>.on.aws/
 * under mockAws() reaches the function as the payload format 2.0 event, and
 * its answer comes back mapped as Lambda maps it (status, headers, cookies,
 * base64 bodies, plain JSON values), with AWS_IAM auth and CORS applied.
 */
import {
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { allowPublicUrl, createNodeFunction, lambdaClient, useLambdaRole } from './support';

const ECHO = {
  'index.js': `exports.handler = async (event) => {
    if (event.rawPath === '/plain') return { hello: 'world' };
    if (event.rawPath === '/boom') throw new Error('kaput');
    if (event.rawPath === '/binary') return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true };
    return { statusCode: 201, headers: { 'X-Echo': 'yes' }, cookies: ['a=1; Path=/', 'b=2; HttpOnly'], body: JSON.stringify(event) };
  };`,
};

describe('Lambda function URLs over HTTP', () => {
  useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();

  async function urlFor(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    await createNodeFunction(lambda, name, ECHO);
    const out = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'NONE', ...extra }));
    await allowPublicUrl(lambda, name);
    return out.FunctionUrl as string;
  }

  it('turns a fetch into the payload format 2.0 event and maps a statusCode answer', async () => {
    const url = await urlFor('echo');
    const id = new URL(url).hostname.split('.')[0];
    const res = await fetch(`${url}orders/7?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: 'c1=v1; c2=v2', 'User-Agent': 'tester/1.0' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    // One Set-Cookie header per cookie, never folded into one line.
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    const event = (await res.json()) as Record<string, any>;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/orders/7',
      rawQueryString: 'x=1&x=2&y=z',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { x: '1,2', y: 'z' },
      body: '{"a":1}',
      isBase64Encoded: false,
      pathParameters: null,
      stageVariables: null,
    });
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.requestContext).toMatchObject({
      accountId: 'anonymous',
      apiId: id,
      domainName: `${id}.lambda-url.us-east-1.on.aws`,
      domainPrefix: id,
      http: { method: 'POST', path: '/orders/7', protocol: 'HTTP/1.1', userAgent: 'tester/1.0' },
      routeKey: '$default',
      stage: '$default',
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a plain JSON value as a 200 application/json body, binary bodies both ways as base64, and a function error as a 502', async () => {
    const url = await urlFor('mapper');
    const plain = await fetch(`${url}plain`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toEqual({ hello: 'world' });

    const bin = await fetch(`${url}binary`);
    expect(bin.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await bin.arrayBuffer())]).toEqual([1, 2, 3]);

    const put = await fetch(`${url}up`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array([255, 0, 7]) });
    const upload = (await put.json()) as Record<string, any>;
    expect(upload.isBase64Encoded).toBe(true);
    expect(Buffer.from(upload.body, 'base64')).toEqual(Buffer.from([255, 0, 7]));

    const boom = await fetch(`${url}boom`);
    expect(boom.status).toBe(502);
    expect(await boom.json()).toEqual({ Message: 'Internal Server Error' });
  });

  it('throttles with 429 under reserved concurrency 0, and forgets a deleted URL (404)', async () => {
    const url = await urlFor('busy');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'busy', ReservedConcurrentExecutions: 0 }));
    const throttled = await fetch(url);
    expect(throttled.status).toBe(429);
    await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'busy' }));
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ Message: null });
  });

  it("runs an alias's URL on the alias's version, and forgets URLs whose alias or function is deleted", async () => {
    await createNodeFunction(lambda, 'versioned', { 'index.js': 'exports.handler = async () => ({ v: process.env.AWS_LAMBDA_FUNCTION_VERSION });' });
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: Version }));
    const alias = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'versioned', Qualifier: 'live', AuthType: 'NONE' }))).FunctionUrl as string;
    const latest = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'versioned', AuthType: 'NONE' }))).FunctionUrl as string;
    await allowPublicUrl(lambda, 'versioned', 'live');
    await allowPublicUrl(lambda, 'versioned');
    expect(await (await fetch(alias)).json()).toEqual({ v: '1' });
    expect(await (await fetch(latest)).json()).toEqual({ v: '$LATEST' });
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'versioned', Name: 'live' }));
    expect((await fetch(alias)).status).toBe(404);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'versioned' }));
    expect((await fetch(latest)).status).toBe(404);
  });

  it('answers preflights from the URL CORS configuration without running the function, and adds CORS headers to answers', async () => {
    const url = await urlFor('cors', {
      Cors: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'], ExposeHeaders: ['x-echo'], MaxAge: 300, AllowCredentials: true },
    });
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(pre.headers.get('access-control-max-age')).toBe('300');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await pre.text()).toBe('');

    const res = await fetch(`${url}x`, { headers: { Origin: 'https://app.example.com' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-echo');
    const other = await fetch(`${url}x`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('finds a URL whose function lives in another region by its id alone', async () => {
    const west = new LambdaClient({ region: 'eu-west-1' });
    await createNodeFunction(west, 'far', ECHO);
    const { FunctionUrl } = await west.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'far', AuthType: 'NONE' }));
    await allowPublicUrl(west, 'far');
    expect(FunctionUrl).toMatch(/\.lambda-url\.eu-west-1\.on\.aws\/$/);
    const res = await fetch(`${FunctionUrl}plain`);
    expect(await res.json()).toEqual({ hello: 'world' });
  });
});
