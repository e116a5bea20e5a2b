/**
 * `node --import mockaws/register` (node:test) or `mocha --require
 * mockaws/register`: a mock active for the whole process, before the test
 * files load. Import `aws` from here to reach the handle. For mocha, the
 * exported root hooks clear the call journal and override rules before each
 * test; state lives until the process ends (call `aws.reset()` for more).
 * @example
 * // node --import mockaws/register --test      (or: mocha --require mockaws/register)
 * import { aws } from 'mockaws/register';
 * beforeEach(() => aws.reset()); // optional: a fresh state per test
 */
import { isolateTest, startGlobalMock } from './api/global-mock';

export const aws = startGlobalMock();

/** Mocha root hooks (mocha reads `mochaHooks` from modules given to --require). */
export const mochaHooks = {
  beforeEach(): void {
    isolateTest();
  },
};
