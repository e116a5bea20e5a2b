/**
 * Get/UpdateProvisionedLimit: the request-rate quotas of the user pool API
 * categories for the account and Region, as requests per second. The default
 * (free) rates and which categories can be raised are those of the developer
 * guide's "API operation categories and request rate quotas"; the fake keeps
 * the provisioned rate and throttles nothing.
 */
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { CognitoidpOperations, LimitDefinitionType, LimitType } from '../types';

/** Category → [default RPS, adjustable]. */
const CATEGORIES: Record<string, [number, boolean]> = {
  UserAuthentication: [120, true],
  UserCreation: [50, true],
  UserFederation: [25, true],
  UserAccountRecovery: [30, false],
  UserRead: [120, true],
  UserUpdate: [25, false],
  UserToken: [120, true],
  UserResourceRead: [50, true],
  UserResourceUpdate: [25, false],
  UserList: [30, false],
  UserPoolRead: [15, false],
  UserPoolUpdate: [15, false],
  UserPoolResourceRead: [20, false],
  UserPoolResourceUpdate: [15, false],
  UserPoolClientRead: [15, false],
  UserPoolClientUpdate: [15, false],
  ClientAuthentication: [150, false],
};

function categoryOf(definition: LimitDefinitionType): string {
  const keys = Object.keys(definition.Attributes);
  const category = definition.Attributes.Category;
  if (keys.length !== 1 || category === undefined) throw invalidParameter('An API_CATEGORY limit is identified by the Category attribute alone.');
  if (!Object.hasOwn(CATEGORIES, category)) throw invalidParameter(`${category} is not an API category.`);
  return category;
}

function limitOf(backend: CognitoIdpBackend, category: string): LimitType {
  const free = CATEGORIES[category][0];
  return {
    LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: category } },
    ProvisionedLimitValue: backend.provisionedLimits.get(category) ?? free,
    FreeLimitValue: free,
  };
}

export const provisionedLimits: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  GetProvisionedLimit(input, ctx) {
    return { Limit: limitOf(ctx.backend, categoryOf(input.LimitDefinition)) };
  },

  /** Adjustable categories only, and never below the free rate. */
  UpdateProvisionedLimit(input, ctx) {
    const category = categoryOf(input.LimitDefinition);
    const [free, adjustable] = CATEGORIES[category];
    if (!adjustable) throw invalidParameter(`The ${category} limit is not adjustable.`);
    if (!Number.isInteger(input.RequestedLimitValue) || input.RequestedLimitValue < free) {
      throw invalidParameter(`The requested limit must be a whole number of requests per second of at least the default ${free}.`);
    }
    ctx.backend.provisionedLimits.set(category, input.RequestedLimitValue);
    return { Limit: limitOf(ctx.backend, category) };
  },
};
