import { handlers } from '../../../services/kinesis/responses';
import { spec } from '../../../services/kinesis/spec';

/** Pins the coverage table of docs/services/kinesis.md: nothing is left to NotImplemented. */
describe('Kinesis operation coverage', () => {
  it('implements every operation of the model', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers)).sort()).toEqual([]);
  });
});
