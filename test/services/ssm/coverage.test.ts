import { handlers } from '../../../services/ssm/responses/index';
import { spec } from '../../../services/ssm/spec';

/** Pins the coverage count in docs/services/ssm.md. */
it('implements the SSM operations the coverage page lists', () => {
  const implemented = Object.keys(spec.operations).filter((op) => op in handlers);
  expect(implemented).toHaveLength(49);
  expect(Object.keys(spec.operations)).toHaveLength(154);
  expect(Object.keys(handlers).filter((op) => !(op in spec.operations))).toEqual([]);
});
