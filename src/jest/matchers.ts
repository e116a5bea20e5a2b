/**
 * `setupFilesAfterEnv: ['mockaws/jest/matchers']`: adds
 * `expect(aws).toHaveReceivedOperation(service, operation, input?)` and
 * `toHaveReceivedOperationTimes(...)`; with the `mockaws/jest` setup file it
 * also clears the call journal and override rules before each test (state
 * lives for the whole file, so `beforeAll` fixtures survive; call
 * `aws.reset()` in a `beforeEach` for a fresh state per test) and stops the
 * mock after the file.
 * @example
 * // jest.config.js: setupFilesAfterEnv: ['mockaws/jest/matchers']
 * expect(aws).toHaveReceivedOperation('s3', 'PutObject', { Bucket: 'reports' });
 * expect(aws).toHaveReceivedOperationTimes('sqs', 'SendMessage', 1);
 */
import { isolateTest, stopGlobalMock } from '../api/global-mock';
import { type AwsMatchers, awsMatchers } from '../api/matchers';

declare global {
  namespace jest {
    interface Matchers<R> extends AwsMatchers<R> {}
  }
}

declare module 'expect' {
  interface Matchers<R> extends AwsMatchers<R> {}
}

interface JestGlobals {
  expect?: { extend(matchers: Record<string, unknown>): void };
  beforeEach?: (fn: () => void) => void;
  afterAll?: (fn: () => void) => void;
}

const globals = globalThis as JestGlobals;
if (!globals.expect) {
  throw new Error('mockaws/jest/matchers needs the jest globals: list it in setupFilesAfterEnv');
}
globals.expect.extend(awsMatchers);
globals.beforeEach?.(isolateTest);
globals.afterAll?.(stopGlobalMock);

export { awsMatchers };
