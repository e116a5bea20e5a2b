/**
 * The benchmark harness's preconditions (bench/support): its floors are never
 * captured by mockAws(), and a comparison whose contender did not serve every
 * call made to it fails instead of reporting a figure. Nothing here is timed.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { compare } from '../../bench/support/compare';
import { BENCH_CREDENTIALS, cannedJsonHandler } from '../../bench/support/floor';
import { mockAws } from '../../src/mock';

const OWNER = Symbol.for('mockaws.handler-owner');

describe('bench harness', () => {
  it('keeps a floor client out of mockAws(): its canned handler answers every call', async () => {
    const handler = cannedJsonHandler(JSON.stringify({ Item: { pk: { S: 'canned' } } }));
    const floor = new DynamoDBClient({ region: 'us-east-1', credentials: BENCH_CREDENTIALS, requestHandler: handler as never });
    await mockAws(async (m) => {
      const mocked = new DynamoDBClient({ region: 'us-east-1', credentials: BENCH_CREDENTIALS });
      const out = await floor.send(new GetItemCommand({ TableName: 'nowhere', Key: { pk: { S: 'a' } } }));
      expect(out.Item).toEqual({ pk: { S: 'canned' } });
      expect(handler.calls).toBe(1);
      expect(m.calls()).toHaveLength(0);
      expect((floor.config.requestHandler as unknown as Record<symbol, unknown>)[OWNER]).toBeUndefined();
      // The same SDK's unmarked client is still captured: the table does not exist in the fake.
      await expect(mocked.send(new GetItemCommand({ TableName: 'nowhere', Key: { pk: { S: 'a' } } }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      expect(m.calls({ service: 'dynamodb', operation: 'GetItem' })).toHaveLength(1);
    });
  });

  it('fails a comparison whose contender did not serve the calls made to it', async () => {
    await mockAws(async () => {
      const handler = cannedJsonHandler('{}');
      const sts = new STSClient({ region: 'us-east-1', credentials: BENCH_CREDENTIALS });
      const run = compare(
        'test',
        'a contender served by someone else',
        {
          floor: { run: async () => undefined, served: () => handler.calls },
          // Answered by the fake, but claims the canned handler's count: nothing reached that handler.
          mocked: { run: () => sts.send(new GetCallerIdentityCommand({})), served: () => handler.calls },
        },
        { rounds: 1, callsPerRound: 1, warmup: 0, baseline: 'floor' },
      );
      await expect(run).rejects.toThrow('precondition failed: floor served 0 of the 1 calls made to it');
    });
  });
});
