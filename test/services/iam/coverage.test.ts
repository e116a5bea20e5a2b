/** Which IAM operations have handlers: every other one answers NotImplemented. */
import { handlers } from '../../../services/iam/responses/index';
import { spec } from '../../../services/iam/spec';

/** Operations left out on purpose (docs/services/iam.md says why). */
const NOT_IMPLEMENTED = new Set([
  'AcceptDelegationRequest',
  'AcquireRole',
  'AssociateDelegationRequest',
  'CreateDelegationRequest',
  'DisableOrganizationsRootCredentialsManagement',
  'DisableOrganizationsRootSessions',
  'EnableOrganizationsRootCredentialsManagement',
  'EnableOrganizationsRootSessions',
  'GenerateOrganizationsAccessReport',
  'GenerateServiceLastAccessedDetails',
  'GetAccountProperties',
  'GetDelegationRequest',
  'GetHumanReadableSummary',
  'GetOrganizationsAccessReport',
  'GetRoleTemplateVersion',
  'GetServiceLastAccessedDetails',
  'GetServiceLastAccessedDetailsWithEntities',
  'ListDelegationRequests',
  'ListOrganizationsFeatures',
  'PutAccountProperties',
  'RejectDelegationRequest',
  'SendDelegationToken',
  'UpdateDelegationRequest',
]);

describe('IAM coverage', () => {
  it('implements every operation but the listed ones, and nothing outside the model', () => {
    const all = Object.keys(spec.operations);
    const missing = all.filter((op) => !handlers[op]);
    expect(missing.sort()).toEqual([...NOT_IMPLEMENTED].sort());
    expect(Object.keys(handlers).filter((h) => !all.includes(h))).toEqual([]);
    expect(all.length - missing.length).toBeGreaterThanOrEqual(150);
  });
});
