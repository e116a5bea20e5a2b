import { handlers as snsHandlers } from '../../../services/sns/responses';
import { spec as snsSpec } from '../../../services/sns/spec';
import { handlers as sqsHandlers } from '../../../services/sqs/responses';
import { spec as sqsSpec } from '../../../services/sqs/spec';

/** Pins the coverage tables in docs/services/sqs.md and sns.md. */
describe('SQS and SNS operation coverage', () => {
  it('implements every SQS operation of the model', () => {
    expect(Object.keys(sqsSpec.operations).filter((op) => !(op in sqsHandlers))).toEqual([]);
  });

  it('implements every SNS operation of the model', () => {
    expect(Object.keys(snsSpec.operations).filter((op) => !(op in snsHandlers))).toEqual([]);
  });
});
