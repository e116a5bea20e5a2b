import { handlers } from '../../../services/cloudwatch/responses';
import { spec } from '../../../services/cloudwatch/spec';

/** Pins the coverage table of docs/services/cloudwatch.md: nothing is left to NotImplemented. */
describe('CloudWatch operation coverage', () => {
  it('implements every operation of the model', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers)).sort()).toEqual([]);
  });
});
