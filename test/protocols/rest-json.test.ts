/**
 * rest-json through the real Lambda client: requests it sends parse back to
 * their input; outputs and errors we serialize read back in the SDK.
 */
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lambda';
import { spec } from '../../services/lambda/spec';
import { AwsError } from '../../src/core/errors';
import { fillErrorStatus } from '../../src/protocols/errors';
import { restJsonProtocol } from '../../src/protocols/rest-json';
import { readCaptures } from './support/capture-file';
import { answeringClient, bodyText, capturingClient, parseRequest } from './support/rest-capture';

const capturing = capturingClient(LambdaClient);
const parse = async (command: unknown) => parseRequest(restJsonProtocol, spec, await capturing.capture(command));
const lambda = answeringClient(LambdaClient);
const meta = { requestId: 'RID-1' };

function errorResponse(error: AwsError) {
  fillErrorStatus(spec, error);
  return restJsonProtocol.serializeError(error, spec.operations.GetFunction, spec, meta);
}

describe('rest-json requests (Lambda through the real client)', () => {
  it('parses Invoke: label, query, headers and the raw payload', async () => {
    const { operation, input } = await parse(
      new InvokeCommand({
        FunctionName: 'my-fn',
        Qualifier: '$LATEST',
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        ClientContext: 'e30=',
        Payload: Buffer.from('{"a":1}'),
      }),
    );
    expect(operation).toBe('Invoke');
    expect(input).toEqual({
      FunctionName: 'my-fn',
      Qualifier: '$LATEST',
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
      ClientContext: 'e30=',
      Payload: Buffer.from('{"a":1}'),
    });
  });

  it('leaves an absent blob payload absent', async () => {
    const { input } = await parse(new InvokeCommand({ FunctionName: 'my-fn' }));
    expect(input).toEqual({ FunctionName: 'my-fn' });
  });

  it('decodes ARNs with colons in labels', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod';
    expect((await parse(new GetFunctionCommand({ FunctionName: arn }))).input).toEqual({ FunctionName: arn });
  });

  it('parses CreateFunction: a JSON body with nested blobs, maps and lists', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const command = {
      FunctionName: 'fn',
      Runtime: 'nodejs20.x' as const,
      Role: 'arn:aws:iam::123456789012:role/r',
      Handler: 'index.handler',
      Code: { ZipFile: zip },
      Timeout: 30,
      Publish: true,
      Environment: { Variables: { A: '1', B: 'two words' } },
      Tags: { team: 'x' },
      Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:l:1'],
      Architectures: ['arm64' as const],
    };
    const { operation, input } = await parse(new CreateFunctionCommand(command));
    expect(operation).toBe('CreateFunction');
    expect(input).toEqual(command);
    expect(Buffer.isBuffer((input.Code as { ZipFile: unknown }).ZipFile)).toBe(true);
  });

  it('parses ListFunctions query parameters as their types', async () => {
    const { operation, input } = await parse(new ListFunctionsCommand({ Marker: 'm a+b', MaxItems: 5 }));
    expect(operation).toBe('ListFunctions');
    expect(input).toEqual({ Marker: 'm a+b', MaxItems: 5 });
  });

  it('parses list query parameters sent as repeated keys', async () => {
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    const { operation, input } = await parse(new UntagResourceCommand({ Resource: resource, TagKeys: ['a', 'b c'] }));
    expect(operation).toBe('UntagResource');
    expect(input).toEqual({ Resource: resource, TagKeys: ['a', 'b c'] });
    expect((await parse(new TagResourceCommand({ Resource: resource, Tags: { k: 'v' } }))).input).toEqual({
      Resource: resource,
      Tags: { k: 'v' },
    });
  });

  it('answers a malformed JSON body with SerializationException', async () => {
    const req = await capturing.capture(new TagResourceCommand({ Resource: 'arn', Tags: { k: 'v' } }));
    req.body = Buffer.from('{"Tags": ');
    const op = restJsonProtocol.resolveOperation(req, spec)!;
    expect(() => restJsonProtocol.parse(req, op, spec)).toThrow(
      expect.objectContaining({ code: 'SerializationException', status: 400 }),
    );
  });

  it('parses the captured Lambda requests (fixtures)', () => {
    const parsed = readCaptures('lambda-invoke.txt').map((c) => parseRequest(restJsonProtocol, spec, c.request));
    expect(parsed.map((p) => p.operation)).toEqual(['Invoke', 'Invoke', 'Invoke', 'GetFunction', 'ListFunctions']);
    expect(parsed[0].input).toEqual({
      FunctionName: 'my-fn',
      Qualifier: '$LATEST',
      LogType: 'Tail',
      ClientContext: 'e30=',
      Payload: Buffer.from('{"a":1}'),
    });
    expect(parsed[4].input).toEqual({ Marker: 'm a', MaxItems: 5 });
  });
});

describe('rest-json responses (Lambda through the real client)', () => {
  it('writes Invoke: status from StatusCode, header members and the raw payload', async () => {
    const res = restJsonProtocol.serialize(
      {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        LogResult: 'bG9nIGxpbmU=',
        ExecutedVersion: '$LATEST',
        Payload: Buffer.from('{"errorMessage":"boom"}'),
      },
      spec.operations.Invoke,
      spec,
      meta,
    );
    expect(res.headers['x-amzn-requestid']).toBe('RID-1');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'f' }), res);
    expect(out).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', LogResult: 'bG9nIGxpbmU=', ExecutedVersion: '$LATEST' });
    expect(Buffer.from(out.Payload).toString()).toBe('{"errorMessage":"boom"}');
    expect(out.$metadata.requestId).toBe('RID-1');

    const accepted = restJsonProtocol.serialize({ StatusCode: 202 }, spec.operations.Invoke, spec, meta);
    expect(accepted.status).toBe(202);
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'f', InvocationType: 'Event' }), accepted)).StatusCode).toBe(202);
  });

  it('writes a JSON body with the modelled status code (CreateFunction 201)', async () => {
    const config = {
      FunctionName: 'fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      Runtime: 'nodejs20.x',
      CodeSize: 1234,
      Timeout: 3,
      LastModified: '2024-01-02T03:04:05.000+0000',
      Environment: { Variables: { A: '1' } },
      Layers: [{ Arn: 'arn:l', CodeSize: 5 }],
      State: 'Active',
    };
    const res = restJsonProtocol.serialize(config, spec.operations.CreateFunction, spec, meta);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(bodyText(res))).toEqual(config);
    expect(await lambda.send(new CreateFunctionCommand({} as never), res)).toMatchObject(config);
  });

  it('writes nested outputs (GetFunction) and lists (ListFunctions)', async () => {
    const got = await lambda.send(
      new GetFunctionCommand({ FunctionName: 'fn' }),
      restJsonProtocol.serialize(
        { Configuration: { FunctionName: 'fn' }, Code: { Location: 'https://x' }, Tags: { a: 'b' } },
        spec.operations.GetFunction,
        spec,
        meta,
      ),
    );
    expect(got).toMatchObject({ Configuration: { FunctionName: 'fn' }, Code: { Location: 'https://x' }, Tags: { a: 'b' } });
    const listed = await lambda.send(
      new ListFunctionsCommand({}),
      restJsonProtocol.serialize({ Functions: [{ FunctionName: 'a' }, { FunctionName: 'b' }], NextMarker: 'n' }, spec.operations.ListFunctions, spec, meta),
    );
    expect(listed).toMatchObject({ Functions: [{ FunctionName: 'a' }, { FunctionName: 'b' }], NextMarker: 'n' });
  });
});

describe('rest-json errors (Lambda through the real client)', () => {
  it('names the error by x-amzn-errortype and carries message, status and members', async () => {
    const res = errorResponse(
      new AwsError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope', {
        fields: { Type: 'User' },
      }),
    );
    expect(res.status).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    const err = await lambda.fail(new GetFunctionCommand({ FunctionName: 'nope' }), res);
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope');
    expect(err.Type).toBe('User');
    expect(err.$fault).toBe('client');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 404, requestId: 'RID-1' });
  });

  it('sends header-bound error members as headers (TooManyRequests Retry-After)', async () => {
    const res = errorResponse(
      new AwsError('TooManyRequestsException', 'Rate exceeded', {
        fields: { retryAfterSeconds: '7', Reason: 'CallerRateLimitExceeded', Type: 'User' },
      }),
    );
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(JSON.parse(bodyText(res))).toEqual({ Type: 'User', Reason: 'CallerRateLimitExceeded', message: 'Rate exceeded' });
    const err = await lambda.fail(new GetFunctionCommand({ FunctionName: 'f' }), res);
    expect(err).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Rate exceeded',
      retryAfterSeconds: '7',
      Reason: 'CallerRateLimitExceeded',
    });
  });

  it('gives codes the model does not know to the SDK by name, server faults as such', async () => {
    const err = await lambda.fail(
      new GetFunctionCommand({ FunctionName: 'f' }),
      errorResponse(new AwsError('NotImplemented', 'mockaws does not implement lambda.GetFunction yet', { status: 501 })),
    );
    expect(err.name).toBe('NotImplemented');
    expect(err.$fault).toBe('server');
    expect(err.$metadata.httpStatusCode).toBe(501);
  });
});
