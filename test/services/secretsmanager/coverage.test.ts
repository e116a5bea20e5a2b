import { handlers } from '../../../services/secretsmanager/responses/index';
import { spec } from '../../../services/secretsmanager/spec';

/** Pins the coverage table in docs/services/secretsmanager.md. */
it('implements every Secrets Manager operation of the model', () => {
  expect(Object.keys(spec.operations).filter((op) => !(op in handlers))).toEqual([]);
});
