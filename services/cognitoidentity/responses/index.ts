/** The cognitoidentity handler table; operations left out answer NotImplemented. */
import type { HandlerTable } from '../../../src/core/service';
import type { CognitoIdentityBackend } from '../models/backend';
import type { CognitoidentityOperations } from '../types';
import { developer } from './developer';
import { identities } from './identities';
import { pools } from './pools';
import { principalTagHandlers } from './principal-tags';

export const handlers: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = { ...pools, ...identities, ...developer, ...principalTagHandlers };
