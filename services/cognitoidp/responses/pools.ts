/** User pools: create, describe, list, update, delete, custom attributes, MFA configuration, tags. */
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { refuseDuringImport } from '../models/import-job';
import { DEFAULT_PASSWORD_POLICY } from '../models/password';
import { type PoolSettings, UserPool } from '../models/pool';
import { addSchemaAttributes } from '../models/schema';
import type { CognitoidpOperations, CreateUserPoolRequest, UpdateUserPoolRequest } from '../types';
import type { Ctx } from './common';
import { pageOf } from './paging';

/** What a pool has for the settings a request leaves out (UpdateUserPool resets omitted ones to these, as AWS does). */
function settingsFrom(input: Omit<CreateUserPoolRequest, 'PoolName'> | UpdateUserPoolRequest): PoolSettings {
  const { PoolName: _n, Schema: _s, UserPoolId: _i, ...rest } = input as CreateUserPoolRequest & { UserPoolId?: string };
  return {
    MfaConfiguration: 'OFF',
    DeletionProtection: 'INACTIVE',
    LambdaConfig: {},
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    UserPoolTier: 'ESSENTIALS',
    ...rest,
    Policies: {
      ...rest.Policies,
      PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...stripUndefined(rest.Policies?.PasswordPolicy ?? {}) },
      SignInPolicy: rest.Policies?.SignInPolicy ?? { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...rest.AdminCreateUserConfig,
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkLoginSettings(input: { UsernameAttributes?: string[]; AliasAttributes?: string[] }): void {
  if (input.UsernameAttributes?.length && input.AliasAttributes?.length) {
    throw invalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');
  }
}

function poolByArn(ctx: Ctx, resourceArn: string): UserPool {
  for (const pool of ctx.backend.pools.values()) if (pool.arn === resourceArn) return pool;
  throw resourceNotFound(`The resource ${resourceArn} does not exist.`);
}

export const pools: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateUserPool(input, ctx) {
    checkLoginSettings(input);
    const id = ctx.backend.newPoolId();
    const pool = new UserPool(
      id,
      input.PoolName,
      arn({ service: 'cognito-idp', region: ctx.region, account: ctx.account, resource: `userpool/${id}` }),
      settingsFrom(input),
      input.Schema,
    );
    ctx.backend.pools.set(id, pool);
    return { UserPool: pool.describe() };
  },

  DescribeUserPool(input, ctx) {
    return { UserPool: ctx.backend.pool(input.UserPoolId).describe() };
  },

  ListUserPools(input, ctx) {
    const ids = [...ctx.backend.pools.keys()].sort();
    const page = pageOf(ids, input.NextToken, input.MaxResults);
    return {
      UserPools: page.items.map((id) => {
        const p = ctx.backend.pool(id).describe();
        const replicaRegions = [...ctx.backend.pool(id).replicas.keys()].sort();
        return {
          Id: p.Id,
          Name: p.Name,
          LambdaConfig: p.LambdaConfig,
          CreationDate: p.CreationDate,
          LastModifiedDate: p.LastModifiedDate,
          ...(replicaRegions.length ? { ReplicaRegions: replicaRegions } : {}),
        };
      }),
      NextToken: page.next,
    };
  },

  UpdateUserPool(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    refuseDuringImport(pool);
    // Sign-in settings and the schema are fixed at creation; everything else is replaced.
    pool.settings = {
      ...settingsFrom(input),
      UsernameAttributes: pool.settings.UsernameAttributes,
      AliasAttributes: pool.settings.AliasAttributes,
      UsernameConfiguration: pool.settings.UsernameConfiguration,
      UserPoolTags: input.UserPoolTags ?? pool.settings.UserPoolTags,
    };
    pool.modified = clock.now();
    return {};
  },

  DeleteUserPool(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    refuseDuringImport(pool);
    if (pool.settings.DeletionProtection === 'ACTIVE') {
      throw invalidParameter(
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
    }
    for (const clientId of pool.clients.keys()) ctx.backend.clientPools.delete(clientId);
    if (pool.domain) ctx.backend.domains.delete(pool.domain);
    ctx.backend.pools.delete(pool.id);
  },

  AddCustomAttributes(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    refuseDuringImport(pool);
    for (const attr of input.CustomAttributes) {
      if (!attr.Name) continue;
      if (pool.schema.has(`custom:${attr.Name}`)) throw invalidParameter(`Existing attribute already has name custom:${attr.Name}.`);
    }
    addSchemaAttributes(pool.schema, input.CustomAttributes.map((a) => ({ ...a, Name: a.Name?.startsWith('custom:') ? a.Name : `custom:${a.Name}` })));
    return {};
  },

  GetUserPoolMfaConfig(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    return {
      SmsMfaConfiguration: pool.settings.SmsConfiguration ? { SmsConfiguration: pool.settings.SmsConfiguration, SmsAuthenticationMessage: pool.settings.SmsAuthenticationMessage } : undefined,
      SoftwareTokenMfaConfiguration: { Enabled: pool.softwareTokenMfa },
      EmailMfaConfiguration: pool.emailMfa,
      MfaConfiguration: pool.settings.MfaConfiguration ?? 'OFF',
      WebAuthnConfiguration: pool.webAuthn,
    };
  },

  SetUserPoolMfaConfig(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (input.MfaConfiguration && input.MfaConfiguration !== 'OFF' && !input.SoftwareTokenMfaConfiguration?.Enabled && !input.SmsMfaConfiguration && !input.EmailMfaConfiguration && !pool.softwareTokenMfa) {
      throw invalidParameter('At least one second factor needs to be enabled when MFA is ON or OPTIONAL.');
    }
    if (input.SoftwareTokenMfaConfiguration) pool.softwareTokenMfa = input.SoftwareTokenMfaConfiguration.Enabled ?? false;
    if (input.SmsMfaConfiguration) {
      pool.settings.SmsConfiguration = input.SmsMfaConfiguration.SmsConfiguration;
      pool.settings.SmsAuthenticationMessage = input.SmsMfaConfiguration.SmsAuthenticationMessage;
    }
    if (input.EmailMfaConfiguration) pool.emailMfa = input.EmailMfaConfiguration;
    if (input.MfaConfiguration) pool.settings.MfaConfiguration = input.MfaConfiguration;
    if (input.WebAuthnConfiguration) pool.webAuthn = input.WebAuthnConfiguration;
    return {
      WebAuthnConfiguration: pool.webAuthn,
      SmsMfaConfiguration: input.SmsMfaConfiguration,
      SoftwareTokenMfaConfiguration: { Enabled: pool.softwareTokenMfa },
      EmailMfaConfiguration: pool.emailMfa,
      MfaConfiguration: pool.settings.MfaConfiguration ?? 'OFF',
    };
  },

  TagResource(input, ctx) {
    const pool = poolByArn(ctx, input.ResourceArn);
    pool.settings.UserPoolTags = { ...pool.settings.UserPoolTags, ...input.Tags };
    return {};
  },

  UntagResource(input, ctx) {
    const pool = poolByArn(ctx, input.ResourceArn);
    const tags = { ...pool.settings.UserPoolTags };
    for (const key of input.TagKeys) delete tags[key];
    pool.settings.UserPoolTags = tags;
    return {};
  },

  ListTagsForResource(input, ctx) {
    return { Tags: { ...poolByArn(ctx, input.ResourceArn).settings.UserPoolTags } };
  },
};
