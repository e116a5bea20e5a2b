/**
 * `test: { setupFiles: ['mockaws/vitest'] }`: a mock active in every test
 * file, the matchers (`toHaveReceivedOperation`, `toHaveReceivedOperationTimes`),
 * a clean call journal and override rules before each test, and a stop after
 * the file. State lives for the whole file; call `aws.reset()` in a
 * `beforeEach` for a fresh state per test.
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['mockaws/vitest'] } });
 * // a test file
 * import { aws } from 'mockaws/vitest';
 * expect(aws).toHaveReceivedOperation('sqs', 'CreateQueue', { QueueName: 'jobs' });
 */
import { afterAll, beforeEach, expect } from 'vitest';
import { isolateTest, startGlobalMock, stopGlobalMock } from '../api/global-mock';
import { type AwsMatchers, awsMatchers } from '../api/matchers';

declare module 'vitest' {
  interface Assertion<T> extends AwsMatchers<T> {}
  interface AsymmetricMatchersContaining extends AwsMatchers {}
}

export const aws = startGlobalMock();
expect.extend(awsMatchers);
beforeEach(isolateTest);
afterAll(stopGlobalMock);
