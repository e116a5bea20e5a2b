/**
 * `setupFiles: ['mockaws/jest']`: a mock active in every test file, started
 * before any test module loads, so clients created at module level are
 * captured too. Each test file gets a fresh state (jest gives each file its own
 * module registry). Import `aws` from here to reach the handle in a test.
 * Pair with `setupFilesAfterEnv: ['mockaws/jest/matchers']` for the matchers.
 * @example
 * // jest.config.js
 * module.exports = { setupFiles: ['mockaws/jest'], setupFilesAfterEnv: ['mockaws/jest/matchers'] };
 * // a test file
 * const { aws } = require('mockaws/jest');
 * beforeEach(() => aws.reset()); // optional: a fresh state per test
 */
import { startGlobalMock } from '../api/global-mock';

export const aws = startGlobalMock();
