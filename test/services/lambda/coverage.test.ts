import { handlers } from '../../../services/lambda/responses';
import { spec } from '../../../services/lambda/spec';

/** Pins the coverage table of docs/services/lambda.md. */
describe('Lambda operation coverage', () => {
  it('implements every operation of the model', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers))).toEqual([]);
    expect(Object.keys(handlers).filter((op) => !(op in spec.operations))).toEqual([]);
  });
});
