/**
 * mockAws(): the public entry point. Every SDK v3 client in the process (and
 * raw HTTP addressed to AWS) is answered by an in-process emulation of AWS
 * until stop(). See src/api/ for the parts: runtime (sessions and hooks),
 * handle (what mockAws() returns), journal, overrides, decorator.
 */
import { services } from '../services';
import { type MockAws, type MockAwsOptions, startMock } from './api/handle';
import { runtimeFor } from './api/runtime';

export type { MockAws, MockAwsOptions } from './api/handle';

/** A function that starts a mock: with options, or around a callback. */
export interface MockStarter<O> {
  (options?: O): MockAws;
  <T>(fn: (mock: MockAws) => T | Promise<T>, options?: O): Promise<T>;
  <T>(options: O, fn: (mock: MockAws) => T | Promise<T>): Promise<T>;
}

type Callback<T> = (mock: MockAws) => T | Promise<T>;

function starter<O extends MockAwsOptions>(fixed: MockAwsOptions): MockStarter<O> {
  const start = (options?: O) => startMock({ ...options, ...fixed }, runtimeFor(services));
  return (<T>(first?: O | Callback<T>, second?: O | Callback<T>) => {
    const fn = typeof first === 'function' ? first : typeof second === 'function' ? second : undefined;
    const options = (typeof first === 'function' ? second : first) as O | undefined;
    if (!fn) return start(options);
    const mock = start(options);
    return (async () => {
      try {
        return await fn(mock);
      } finally {
        mock.stop();
      }
    })();
  }) as MockStarter<O>;
}

/**
 * Start mocking AWS: active at once, for every SDK v3 client in the process.
 * @example
 * const aws = mockAws();
 * await new S3Client({}).send(new CreateBucketCommand({ Bucket: 'b' }));
 * aws.stop();
 * @example
 * await mockAws(async (aws) => { ... }); // stopped when the callback settles
 * await mockAws({ region: 'eu-west-1' }, async (aws) => { ... }); // options first works too
 */
export const mockAws: MockStarter<MockAwsOptions> = starter({});

/** A starter of one service; `service` names it. */
export type ServiceMockStarter = MockStarter<Omit<MockAwsOptions, 'services'>> & { readonly service: string };

/**
 * A starter that fakes one service only (`mockS3()`): other AWS calls are refused.
 * @example
 * const mockKinesis = serviceMock('kinesis'); // what src/api/per-service.ts does for each service
 * const aws = mockKinesis({ region: 'eu-west-1' });
 */
export function serviceMock(id: string): ServiceMockStarter {
  return Object.assign(starter<Omit<MockAwsOptions, 'services'>>({ services: [id] }), { service: id });
}
