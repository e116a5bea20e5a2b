/**
 * mockAws(): the public entry point. Every SDK v3 client in the process (and
 * raw HTTP addressed to AWS) is answered by an in-process emulation of AWS
 * until stop(). See src/api/ for the parts: runtime (sessions and hooks),
 * handle (what mockAws() returns), journal, overrides, decorator.
 */
import type { catalog } from '../services/catalog.generated';
import { type AwsOperations, services } from '../services';
import { type MockAws as MockHandle, type MockAwsOptions, startMock } from './api/handle';
import { runtimeFor } from './api/runtime';
import { stateClassLoaders } from '../services/state-classes.generated';

export type { MockAwsOptions } from './api/handle';

export type { AwsOperations } from '../services';

/** A service id of the catalog: 's3', 'dynamodb', 'sqs', ... */
export type ServiceName = keyof typeof catalog;

// Compile-time check that AwsOperations names exactly the catalog's services.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _catalogAgrees: Same<keyof AwsOperations, ServiceName> = true;
void _catalogAgrees;

/** The mock handle, typed by the catalog. */
export type MockAws = MockHandle<AwsOperations>;

/** A function that starts a mock: with options, or around a callback. */
export interface MockStarter<O> {
  (options?: O): MockAws;
  <T>(fn: (mock: MockAws) => T | Promise<T>, options?: O): Promise<T>;
  <T>(options: O, fn: (mock: MockAws) => T | Promise<T>): Promise<T>;
}

type Callback<T> = (mock: MockAws) => T | Promise<T>;

function starter<O extends MockAwsOptions>(fixed: MockAwsOptions): MockStarter<O> {
  const start = (options?: O) => startMock({ ...options, ...fixed }, runtimeFor(services), { classLoaders: stateClassLoaders }) as unknown as MockAws;
  return (<T>(first?: O | Callback<T>, second?: O | Callback<T>) => {
    const fn = typeof first === 'function' ? first : typeof second === 'function' ? second : undefined;
    const options = (typeof first === 'function' ? second : first) as O | undefined;
    if (!fn) return start(options);
    const mock = start(options);
    return (async () => {
      try {
        return await fn(mock);
      } finally {
        await mock.stop(); // a state directory's last flush is on disk when the callback's promise settles
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
  const start = starter<Omit<MockAwsOptions, 'services'>>({ services: [id] });
  const warned = (<O>(first?: unknown, second?: unknown) => {
    runtimeFor(services).names.warnIfEmpty(id);
    return (start as (a?: unknown, b?: unknown) => O)(first, second);
  }) as MockStarter<Omit<MockAwsOptions, 'services'>>;
  return Object.assign(warned, { service: id });
}
