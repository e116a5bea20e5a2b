import { handlers } from '../../../services/kms/responses/index';
import { spec } from '../../../services/kms/spec';

/** Pins the coverage table in docs/services/kms.md. */
it('implements every KMS operation', () => {
  expect(Object.keys(spec.operations).filter((op) => !(op in handlers))).toEqual([]);
});
