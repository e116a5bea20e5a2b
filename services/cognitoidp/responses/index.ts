/** The cognitoidp handler table: one entry per implemented operation; the rest answer NotImplemented. */
import type { HandlerTable } from '../../../src/core/service';
import type { CognitoIdpBackend } from '../models/backend';
import type { CognitoidpOperations } from '../types';
import { adminUsers } from './admin-users';
import { auth } from './auth';
import { branding } from './branding';
import { clientSecrets } from './client-secrets';
import { clients } from './clients';
import { devices } from './devices';
import { domains } from './domains';
import { groups } from './groups';
import { identityProviders } from './identity-providers';
import { importJobs } from './import-jobs';
import { mfaSettings } from './mfa-settings';
import { poolSettings } from './pool-settings';
import { provisionedLimits } from './provisioned-limits';
import { replicas } from './replicas';
import { threatProtectionHandlers } from './threat-protection';
import { userSessions } from './user-sessions';
import { pools } from './pools';
import { self } from './self';
import { signup } from './signup';
import { terms } from './terms';
import { userAuthFactors } from './user-auth';
import { webAuthn } from './webauthn';

export const handlers: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  ...pools,
  ...clients,
  ...clientSecrets,
  ...domains,
  ...signup,
  ...adminUsers,
  ...groups,
  ...auth,
  ...self,
  ...devices,
  ...identityProviders,
  ...userAuthFactors,
  ...webAuthn,
  ...terms,
  ...branding,
  ...importJobs,
  ...threatProtectionHandlers,
  ...mfaSettings,
  ...poolSettings,
  ...userSessions,
  ...replicas,
  ...provisionedLimits,
};
