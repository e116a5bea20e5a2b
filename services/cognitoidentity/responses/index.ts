/** The cognitoidentity handler table; operations left out answer NotImplemented. */
import type { HandlerTable } from '../../../src/core/service';
import type { CognitoIdentityBackend } from '../models/backend';
import type { CognitoidentityOperations } from '../types';
import { identities } from './identities';
import { pools } from './pools';

export const handlers: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = { ...pools, ...identities };
