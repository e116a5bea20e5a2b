/**
 * Typos in service and operation names fail loudly, naming the closest known
 * name; the SDK's Command classes name an operation as users of
 * aws-sdk-client-mock write it; the types reject what can never match.
 */
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ServiceNames } from '../../src/api/names';
import type { ServiceEntry } from '../../src/core/service';
import type { MockAws } from '../../src/mock';
import { mockAws, serviceMock } from '../../src/mock';

let aws: MockAws;
beforeEach(() => {
  aws = mockAws();
});
afterEach(() => aws.stop());

describe('service and operation names', () => {
  it.each([
    ['S3', "unknown service 'S3'; did you mean 's3'?"],
    ['secretmanager', "unknown service 'secretmanager'; did you mean 'secretsmanager'?"],
    ['dynamo', "unknown service 'dynamo'; did you mean 'dynamodb'?"],
  ])('on(%j, ...) throws naming the closest service', (service, message) => {
    expect(() => aws.on(service as never, 'PutObject' as never)).toThrow(TypeError);
    expect(() => aws.on(service as never, 'PutObject' as never)).toThrow(message);
  });

  it('an unknown service with nothing close lists the known ones', () => {
    expect(() => aws.on('route53' as never, 'ListHostedZones' as never)).toThrow(/unknown service 'route53' \(known: s3, dynamodb, /);
  });

  it('calls({ service }) checks the service id too', () => {
    expect(() => aws.calls({ service: 'S3' as never })).toThrow("calls({ service: 'S3' }): unknown service 'S3'; did you mean 's3'?");
    expect(aws.calls({ service: 's3' })).toEqual([]);
  });

  it('an unknown operation throws at once when the service model is loaded', async () => {
    await new S3Client({}).send(new ListBucketsCommand({}));
    expect(() => aws.on('s3', 'PutObjects' as never)).toThrow(
      "mockaws: on('s3', 'PutObjects'): s3 has no operation 'PutObjects'; did you mean 'PutObject'?",
    );
    expect(() => aws.calls({ service: 's3', operation: 'ListBucket' as never })).toThrow(
      "mockaws: calls({ service: 's3', operation: 'ListBucket' }): s3 has no operation 'ListBucket'; did you mean 'ListBuckets'?",
    );
    expect(aws.calls({ service: 's3', operation: 'ListBuckets' })).toHaveLength(1);
  });

  it('an unknown operation named before the model loads fails the first call to that service with the typo', async () => {
    aws.on('sts', 'GetCallerIdentiy' as never).resolves();
    const error = await new STSClient({ maxAttempts: 1 }).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(error.name).toBe('MockawsInvalidOverride');
    expect(error.message).toBe(
      "mockaws: on('sts', 'GetCallerIdentiy'): sts has no operation 'GetCallerIdentiy'; did you mean 'GetCallerIdentity'?",
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('SDK Command classes', () => {
  it('on(PutObjectCommand) overrides s3 PutObject', async () => {
    const s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-b' }));
    aws.on(PutObjectCommand).resolves({ ETag: '"injected"' });
    const out = await s3.send(new PutObjectCommand({ Bucket: 'bucket-b', Key: 'k', Body: 'x' }));
    expect(out.ETag).toBe('"injected"');
  });

  it('on(GetObjectCommand, input) matches that input only', async () => {
    const s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-b' }));
    aws.on(GetObjectCommand, { Key: 'fake' }).resolves({ Body: 'from the rule' });
    const fake = await s3.send(new GetObjectCommand({ Bucket: 'bucket-b', Key: 'fake' }));
    expect(await fake.Body?.transformToString()).toBe('from the rule');
    const real = await s3.send(new GetObjectCommand({ Bucket: 'bucket-b', Key: 'real' })).catch((e) => e);
    expect(real.name).toBe('NoSuchKey');
  });

  it('knows services whose SDK namespace is not the service id (EventBridge is events)', async () => {
    aws.on(PutEventsCommand).resolves({ FailedEntryCount: 7, Entries: [] });
    const out = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [{ Source: 'a', DetailType: 'b', Detail: '{}' }] }));
    expect(out.FailedEntryCount).toBe(7);
    expect(aws.calls({ service: 'events', operation: 'PutEvents' })).toHaveLength(1);
  });

  it('refuses a class that is not a Command', () => {
    class NotACommand {}
    expect(() => aws.on(NotACommand as never)).toThrow(/on\(NotACommand\): not an SDK v3 Command class/);
  });
});

describe('types', () => {
  it('reject unknown names, members and inputs (checked by tsc)', () => {
    const typeOnly = (m: MockAws) => {
      // @ts-expect-error: not a service id
      m.on('S3', 'PutObject');
      // @ts-expect-error: not an S3 operation
      m.on('s3', 'PutObjects');
      // @ts-expect-error: not a member of PutObject's output
      m.on('s3', 'PutObject').resolves({ NotAMember: 1 });
      // @ts-expect-error: not a member of PutObject's input
      m.on('s3', 'PutObject', { Buckett: 'b' });
      // @ts-expect-error: not a member of the SDK's PutObjectCommandOutput
      m.on(PutObjectCommand).resolves({ NotAMember: 1 });
      // @ts-expect-error: Bucket is a string
      m.on(PutObjectCommand, { Bucket: 1 });
      // @ts-expect-error: not a service id
      m.calls({ service: 'S3' });
      // @ts-expect-error: not an SQS operation
      m.calls({ service: 'sqs', operation: 'SendMessages' });
      // Accepted: partial inputs, RegExps, predicates, blobs as text.
      m.on('s3', 'GetObject', { Key: /^a/ }).resolves({ Body: 'text', ContentType: 'text/plain' });
      m.on('sqs', 'SendMessage', (input) => input.MessageBody.length > 2).callsFake(async (_input, next) => next());
      m.calls({ service: 'sqs', operation: 'SendMessage', input: { MessageBody: 'x' } });
    };
    expect(typeof typeOnly).toBe('function');
  });
});

describe('a per-service mock of a service with nothing implemented', () => {
  const emptyService = {
    route: { id: 'emptysvc', signingName: 'emptysvc', endpointPrefix: 'emptysvc', serviceShape: 'Empty', protocols: [], hosts: [] },
    load: async () => ({ spec: { operations: { DoThing: {} } }, handlers: {}, createBackend: () => ({}) }),
  } as unknown as ServiceEntry;

  it('warns once, naming the service and what to do', async () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const names = new ServiceNames([emptyService]);
      names.warnIfEmpty('emptysvc');
      names.warnIfEmpty('emptysvc');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(emit.mock.calls.map((args) => args[0])).toEqual([
        "mockaws: the emptysvc mock answers NotImplemented to every call: no emptysvc operation is implemented yet (stub what you need: aws.on('emptysvc', '<Operation>').resolves(...); coverage: docs/services/)",
      ]);
    } finally {
      emit.mockRestore();
    }
  });

  it('a service with operations stays silent', async () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      // Every service today implements operations: a mock of sts must stay silent.
      const sts = serviceMock('sts')();
      await new Promise((resolve) => setTimeout(resolve, 50));
      sts.stop();
      expect(emit.mock.calls.filter((args) => String(args[0]).includes('answers NotImplemented'))).toEqual([]);
    } finally {
      emit.mockRestore();
    }
  });
});
