/**
 * The suite-wide mock the test-runner entries start (mockaws/jest,
 * mockaws/vitest, mockaws/register), kept on globalThis so the setup file and
 * the matchers file (separate bundles) find the same one. Under jest and
 * vitest each test file has its own globals, so each file gets its own.
 */
import { type MockAws, type MockAwsOptions, mockAws } from '../mock';

const GLOBAL_MOCK = Symbol.for('mockaws.global-mock');

type Host = { [GLOBAL_MOCK]?: MockAws };

/** Start the suite-wide mock, or return it when it is already running. */
export function startGlobalMock(options?: MockAwsOptions): MockAws {
  const host = globalThis as Host;
  const running = host[GLOBAL_MOCK];
  if (running?.active) return running;
  const mock = mockAws(options);
  host[GLOBAL_MOCK] = mock;
  return mock;
}

export function globalMock(): MockAws | undefined {
  const mock = (globalThis as Host)[GLOBAL_MOCK];
  return mock?.active ? mock : undefined;
}

/** The suite's mock stopped; the promise (which afterAll waits for) settles once a state directory's last flush is on disk. */
export function stopGlobalMock(): Promise<void> {
  const host = globalThis as Host;
  const stopped = host[GLOBAL_MOCK]?.stop();
  delete host[GLOBAL_MOCK];
  return stopped ?? Promise.resolve();
}

/** Between tests: forget the calls and override rules of the last test, keep the state. */
export function isolateTest(): void {
  const mock = globalMock();
  mock?.resetHistory();
  mock?.resetOverrides();
}
