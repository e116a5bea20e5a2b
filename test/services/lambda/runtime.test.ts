import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, InvokeAsyncCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useMockAws } from '../lifecycle';
import { createLambdaRole, createNodeFunction, decode, encode, eventually, lambdaClient, ROLE, useLambdaRole, zip } from './support';

describe('Lambda runtime: Node.js handlers in the test process', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const ddb = new DynamoDBClient({ region: 'us-east-1' });
  const s3 = new S3Client({ region: 'us-east-1' });

  it('runs a zip with its own node_modules; its SDK writes land in the fake', async () => {
    await ddb.send(
      new CreateTableCommand({ TableName: 'orders', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    await createNodeFunction(lambda, 'writer', {
      'node_modules/shout/package.json': '{"name":"shout","main":"lib.js"}',
      'node_modules/shout/lib.js': 'module.exports = (s) => s.toUpperCase() + "!";',
      'index.js': `
        const shout = require('shout');
        const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
        const client = new DynamoDBClient({});
        exports.handler = async (event) => {
          await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: event.id }, note: { S: shout(event.note) } } }));
          return { stored: event.id };
        };`,
    });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'writer', Payload: encode({ id: 'o-1', note: 'hello' }) }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(decode(out.Payload)).toEqual({ stored: 'o-1' });
    const item = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-1' } } }));
    expect(item.Item?.note).toEqual({ S: 'HELLO!' });
  });

  it('imports ES modules (.mjs) with a nested handler path; their S3 writes are visible', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'out' }));
    await createNodeFunction(
      lambda,
      'esm',
      {
        'src/app.mjs': `
          import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
          const s3 = new S3Client({});
          export const handlers = { main: async (event) => {
            await s3.send(new PutObjectCommand({ Bucket: 'out', Key: 'k', Body: JSON.stringify(event) }));
            return 'esm-ok';
          } };`,
      },
      { Handler: 'src/app.handlers.main' },
    );
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'esm', Payload: encode({ x: 1 }) }));
    expect(decode(out.Payload)).toBe('esm-ok');
    const obj = await s3.send(new GetObjectCommand({ Bucket: 'out', Key: 'k' }));
    expect(await obj.Body?.transformToString()).toBe('{"x":1}');
  });

  it("passes AWS's context object and supports callback handlers", async () => {
    await createNodeFunction(
      lambda,
      'ctx',
      {
        'index.js': `exports.handler = (event, context, callback) => {
          setTimeout(() => callback(null, {
            functionName: context.functionName, functionVersion: context.functionVersion, arn: context.invokedFunctionArn,
            memory: context.memoryLimitInMB, requestId: context.awsRequestId, group: context.logGroupName, stream: context.logStreamName,
            remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop,
          }), 5);
        };`,
      },
      { MemorySize: 256, Timeout: 10 },
    );
    const out = decode((await lambda.send(new InvokeCommand({ FunctionName: 'ctx' }))).Payload);
    expect(out).toMatchObject({
      functionName: 'ctx',
      functionVersion: '$LATEST',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:ctx',
      memory: '256',
      group: '/aws/lambda/ctx',
      waits: true,
    });
    expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.stream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(out.remaining).toBeGreaterThan(9000);
    expect(out.remaining).toBeLessThanOrEqual(10000);
  });

  it('applies environment variables only while the function runs', async () => {
    await createNodeFunction(
      lambda,
      'env',
      {
        'index.js': "const fs = require('fs'); exports.handler = async () => ({ color: process.env.COLOR, region: process.env.AWS_REGION, data: fs.readFileSync(process.env.LAMBDA_TASK_ROOT + '/data.txt', 'utf8') });",
        'data.txt': 'bundled',
      },
      { Environment: { Variables: { COLOR: 'blue' } } },
    );
    delete process.env.COLOR;
    const out = decode((await lambda.send(new InvokeCommand({ FunctionName: 'env' }))).Payload);
    expect(out).toEqual({ color: 'blue', region: 'us-east-1', data: 'bundled' });
    expect(process.env.COLOR).toBeUndefined();
  });

  it('puts the environment back after overlapping invocations, whichever ends first', async () => {
    await createNodeFunction(
      lambda,
      'overlap',
      { 'index.js': 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.wait)); return process.env.SHADE; };' },
      { Environment: { Variables: { SHADE: 'teal' } } },
    );
    delete process.env.SHADE;
    // The first to start ends first: restoring each invocation's own "before" at its end would
    // leave the second one's saved value (the first's SHADE) set after both.
    const results = await Promise.all(
      [20, 150].map(async (wait) => decode((await lambda.send(new InvokeCommand({ FunctionName: 'overlap', Payload: encode({ wait }) }))).Payload)),
    );
    expect(results).toEqual(['teal', 'teal']);
    expect(process.env.SHADE).toBeUndefined();
  });

  it('does not reuse an environment made before a configuration change, even one busy during it', async () => {
    await createNodeFunction(lambda, 'cfgchange', { 'index.js': 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.wait)); return process.env.MODE; };' }, { Environment: { Variables: { MODE: 'old' } } });
    const running = lambda.send(new InvokeCommand({ FunctionName: 'cfgchange', Payload: encode({ wait: 100 }) }));
    const backend = await m.backends.lambda();
    await eventually(() => expect(backend.runner.busy('cfgchange')).toBe(1));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'cfgchange', Environment: { Variables: { MODE: 'new' } } }));
    expect(decode((await running).Payload)).toBe('old');
    await new Promise((r) => setTimeout(r, 10));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'cfgchange', Payload: encode({ wait: 0 }) }))).Payload)).toBe('new');
  });

  it('turns a thrown error into FunctionError Unhandled with errorType, errorMessage and trace', async () => {
    await createNodeFunction(lambda, 'boom', { 'index.js': 'class Oops extends Error { constructor(m) { super(m); this.name = "Oops"; } }\nexports.handler = async () => { throw new Oops("it broke"); };' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'boom' }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = decode(out.Payload);
    expect(payload).toMatchObject({ errorType: 'Oops', errorMessage: 'it broke' });
    expect(payload.trace[0]).toBe('Oops: it broke');
  });

  it('reports a missing module or export as the runtime does', async () => {
    await createNodeFunction(lambda, 'nomod', { 'other.js': '' });
    const a = decode((await lambda.send(new InvokeCommand({ FunctionName: 'nomod' }))).Payload);
    expect(a.errorType).toBe('Runtime.ImportModuleError');
    expect(a.errorMessage).toContain("Cannot find module 'index'");
    await createNodeFunction(lambda, 'noexport', { 'index.js': 'exports.other = () => 1;' });
    const b = decode((await lambda.send(new InvokeCommand({ FunctionName: 'noexport' }))).Payload);
    expect(b).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
  });

  it('enforces the timeout: "Task timed out after N.NN seconds", the handler abandoned', async () => {
    await createNodeFunction(lambda, 'slow', { 'index.js': 'exports.handler = () => new Promise(() => {});' }, { Timeout: 1 });
    const started = Date.now();
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'slow', LogType: 'Tail' }));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = decode(out.Payload);
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    expect(Buffer.from(out.LogResult as string, 'base64').toString()).toContain('Task timed out after 1.00 seconds');
  });

  it('captures console output per invocation: LogType Tail gives the last 4 KB, START/END/REPORT included', async () => {
    await createNodeFunction(lambda, 'logger', { 'index.js': 'exports.handler = async (e) => { console.log("hello", e.n); console.error("bad thing"); for (let i = 0; i < e.spam; i++) console.log("x".repeat(100)); return 1; };' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'logger', LogType: 'Tail', Payload: encode({ n: 7, spam: 0 }) }));
    const tail = Buffer.from(out.LogResult as string, 'base64').toString();
    expect(tail).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(tail).toMatch(/\tINFO\thello 7\n/);
    expect(tail).toMatch(/\tERROR\tbad thing\n/);
    expect(tail).toMatch(/END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB/);
    const long = await lambda.send(new InvokeCommand({ FunctionName: 'logger', LogType: 'Tail', Payload: encode({ n: 1, spam: 100 }) }));
    const longTail = Buffer.from(long.LogResult as string, 'base64');
    expect(longTail.length).toBe(4096);
    expect(longTail.toString()).toContain('REPORT RequestId');
    // Without LogType Tail there is no LogResult.
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'logger', Payload: encode({ n: 1, spam: 0 }) }))).LogResult).toBeUndefined();
  });

  it('sends the log lines to CloudWatch Logs through the Logs backend, one stream per environment', async () => {
    const appended: Array<{ group: string; stream: string; messages: string[] }> = [];
    const logs = (await m.backends.get('logs')) as Record<string, unknown>;
    logs.appendEvents = (group: string, stream: string, events: Array<{ timestamp: number; message: string }>) => {
      appended.push({ group, stream, messages: events.map((e) => e.message) });
    };
    await createNodeFunction(lambda, 'cw', { 'index.js': 'exports.handler = async () => { console.log("to cloudwatch"); };' });
    await lambda.send(new InvokeCommand({ FunctionName: 'cw' }));
    await lambda.send(new InvokeCommand({ FunctionName: 'cw' }));
    expect(appended).toHaveLength(2);
    expect(appended[0].group).toBe('/aws/lambda/cw');
    expect(appended[1].stream).toBe(appended[0].stream);
    expect(appended[0].messages.some((msg) => msg.includes('\tINFO\tto cloudwatch'))).toBe(true);
  });

  it('reuses a warm environment (module state persists) and starts another for concurrent invocations', async () => {
    await createNodeFunction(lambda, 'warm', {
      'index.js': 'let count = 0; const id = Math.random(); exports.handler = async (e) => { count++; await new Promise((r) => setTimeout(r, e.wait)); return { count, id }; };',
    });
    const a = decode((await lambda.send(new InvokeCommand({ FunctionName: 'warm', Payload: encode({ wait: 0 }) }))).Payload);
    const b = decode((await lambda.send(new InvokeCommand({ FunctionName: 'warm', Payload: encode({ wait: 0 }) }))).Payload);
    expect(b).toEqual({ count: a.count + 1, id: a.id });
    const [c, d] = await Promise.all(
      [200, 200].map(async (wait) => decode((await lambda.send(new InvokeCommand({ FunctionName: 'warm', Payload: encode({ wait }) }))).Payload)),
    );
    expect(c.id).not.toBe(d.id);
    // reset() disposes every environment: the next invocation starts cold.
    m.reset();
    await createLambdaRole();
    await createNodeFunction(lambda, 'warm', { 'index.js': 'let count = 0; exports.handler = async () => ++count;' });
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'warm' }))).Payload)).toBe(1);
  });

  it('does not run other runtimes, and runs any function a test supplies with setHandler', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'py', Runtime: 'python3.12', Role: ROLE, Handler: 'app.handler', Code: { ZipFile: zip({ 'app.py': 'def handler(e, c): return 1' }) } }));
    await new Promise((r) => setTimeout(r, 10));
    const err = await lambda.send(new InvokeCommand({ FunctionName: 'py' })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.message).toContain('runtime python3.12');
    expect(err.message).toContain("setHandler('py'");
    (await m.backends.lambda()).setHandler('py', async (event: { a: number }, context) => ({ echoed: event, name: context.functionName }));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'py', Payload: encode({ a: 1 }) }));
    expect(decode(out.Payload)).toEqual({ echoed: { a: 1 }, name: 'py' });
  });

  it('answers DryRun with 204 and Event with 202, and refuses a payload that is not JSON', async () => {
    await createNodeFunction(lambda, 'types', { 'index.js': 'exports.handler = async () => 1;' });
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'types', InvocationType: 'DryRun' }))).StatusCode).toBe(204);
    const ev = await lambda.send(new InvokeCommand({ FunctionName: 'types', InvocationType: 'Event' }));
    expect(ev.StatusCode).toBe(202);
    expect(ev.Payload?.length ?? 0).toBe(0);
    const bad = await lambda.send(new InvokeCommand({ FunctionName: 'types', Payload: Buffer.from('{nope') })).catch((e) => e);
    expect(bad.name).toBe('InvalidRequestContentException');
  });

  it('queues the deprecated InvokeAsync like an Event invocation', async () => {
    await createNodeFunction(lambda, 'legacy', { 'index.js': 'exports.handler = async () => 1;' });
    const seen: unknown[] = [];
    (await m.backends.lambda()).setHandler('legacy', async (event: unknown) => {
      seen.push(event);
    });
    const out = await lambda.send(new InvokeAsyncCommand({ FunctionName: 'legacy', InvokeArgs: encode({ old: true }) }));
    expect(out.Status).toBe(202);
    await eventually(() => expect(seen).toEqual([{ old: true }]));
  });

  it('offers invoke() on the backend for other services', async () => {
    await createNodeFunction(lambda, 'api', { 'index.js': 'exports.handler = async (e) => e.n * 2;' });
    const backend = await m.backends.lambda();
    const out = await backend.invoke('arn:aws:lambda:us-east-1:123456789012:function:api', JSON.stringify({ n: 21 }));
    expect(out).toMatchObject({ statusCode: 200, executedVersion: '$LATEST' });
    expect(Buffer.from(out.payload).toString()).toBe('42');
  });
});
