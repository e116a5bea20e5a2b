import { GetDurableExecutionCommand } from '@aws-sdk/client-lambda';
import { handlers } from '../../../services/lambda/responses';
import { spec } from '../../../services/lambda/spec';
import { useMockAws } from '../lifecycle';
import { lambdaClient, useLambdaRole } from './support';

/** Pins the coverage table of docs/services/lambda.md. */
describe('Lambda operation coverage', () => {
  useMockAws();
  useLambdaRole();

  it('leaves only the durable execution operations unimplemented', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers)).sort()).toEqual([
      'CheckpointDurableExecution',
      'GetDurableExecution',
      'GetDurableExecutionHistory',
      'GetDurableExecutionState',
      'ListDurableExecutionsByFunction',
      'SendDurableExecutionCallbackFailure',
      'SendDurableExecutionCallbackHeartbeat',
      'SendDurableExecutionCallbackSuccess',
      'StopDurableExecution',
    ]);
  });

  it('answers NotImplemented for those', async () => {
    const err = await lambdaClient({ maxAttempts: 1 })
      .send(new GetDurableExecutionCommand({ DurableExecutionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/x/y' }))
      .catch((e) => e);
    expect(err.name).toBe('NotImplemented');
  });
});
