/**
 * mockAws({ stateDir }) under jest's fake timers: each call still waits for
 * its flush, which runs on real timers, so calls neither hang nor go unsaved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockAws } from '../../src/mock';
import { savedText } from './saved';

it('saves each call under fake timers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockaws-fake-timers-'));
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
  const aws = mockAws({ stateDir: dir });
  try {
    await new SSMClient({ region: 'us-east-1' }).send(new PutParameterCommand({ Name: 'under-fake', Value: 'v', Type: 'String' }));
    expect(savedText(dir)).toContain('under-fake');
  } finally {
    await aws.stop();
    jest.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  }
});
