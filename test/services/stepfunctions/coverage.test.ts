import { CreateStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { handlers } from '../../../services/stepfunctions/responses';
import { spec } from '../../../services/stepfunctions/spec';
import { useMockAws } from '../lifecycle';
import { ROLE, sfnClient } from './support';

/** Pins the coverage table in docs/services/stepfunctions.md, and the model checks in front of the handlers. */
describe('Step Functions operation coverage', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  void aws;

  it('implements every operation of the model', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers))).toEqual([]);
  });

  it('the model validates members before a handler runs (ValidationException)', async () => {
    await expect(sfn.send(new CreateStateMachineCommand({ name: 'x', definition: '', roleArn: ROLE }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(sfn.send(new ListStateMachinesCommand({ maxResults: 5000 }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
