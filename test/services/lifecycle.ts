/**
 * The lifecycle every service test block shares: one mockAws() for the
 * block, reset after each test (with real timers back, for the tests that
 * fake them) and stopped after the block. Call it in a `describe` body.
 */
import { type MockAws, mockAws } from '../../src/mock';

export function useMockAws(): MockAws {
  const m = mockAws();
  afterEach(() => {
    jest.useRealTimers();
    m.reset();
  });
  afterAll(() => m.stop());
  return m;
}
