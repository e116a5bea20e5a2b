// The project's own test runs: the SDK's Node-version notice (printed once per
// test file, as each file loads its own SDK) and Node's deprecation warnings
// would bury real failures. Set here so `npm test`, `npx jest` and the workers
// they start (which inherit the environment) are all quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
process.noDeprecation = true; // the in-band run, which NODE_OPTIONS set here no longer reaches
if (!/--no-deprecation\b/.test(process.env.NODE_OPTIONS ?? '')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim();
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } }, module: { type: 'commonjs' } }],
    // msw's ES-module-only runtime dependencies, for the coexistence tests (test/intercept/coexistence.test.ts).
    '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.*/)?(rettime|until-async|@open-draft/deferred-promise)/)'],
  testTimeout: 30000,
};
