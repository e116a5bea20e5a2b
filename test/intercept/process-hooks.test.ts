import Module from 'node:module';
import { claimProcessHooks, releaseProcessHooks } from '../../src/intercept/process-slot';
import { mockAws } from '../../src/mock';

type Loader = { _load: unknown };

describe('process-wide hooks', () => {
  it('hooks Module._load while active and puts it back on stop', () => {
    const original = (Module as unknown as Loader)._load;
    const m = mockAws();
    expect((Module as unknown as Loader)._load).not.toBe(original);
    m.stop();
    expect((Module as unknown as Loader)._load).toBe(original);
  });

  it('takes down the patches of an owner that never stopped (a previous jest test file)', () => {
    const stale = { dispose: jest.fn() };
    claimProcessHooks(stale);
    const m = mockAws();
    try {
      expect(stale.dispose).toHaveBeenCalledTimes(1);
    } finally {
      m.stop();
      releaseProcessHooks(stale);
    }
  });
});
