/**
 * Pool settings kept beside the pool description: log delivery
 * (Get/SetLogDeliveryConfiguration), session tracking
 * (Get/SetUserPoolSessionConfiguration, Get/SetUserPoolClientSessionConfiguration)
 * and the SAML signing certificate (GetSigningCertificate).
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { selfSignedCertificate } from '../../../src/core/x509';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { newSigningKey } from '../models/jwt';
import type { UserPool } from '../models/pool';
import type { CognitoidpOperations, LogConfigurationType } from '../types';

const YEAR_MS = 365 * 24 * 3600_000;
const featureUnavailable = (message: string) => new AwsError('FeatureUnavailableInTierException', message, { status: 400 });

/** Session management needs the Essentials or Plus feature plan. */
function requireEssentials(pool: UserPool): void {
  if ((pool.settings.UserPoolTier ?? 'ESSENTIALS') === 'LITE') {
    throw featureUnavailable('Session management is not available in the LITE feature plan.');
  }
}

const DESTINATION_ARN = {
  CloudWatchLogsConfiguration: /^arn:[\w-]+:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]+(?::\*)?$/,
  S3Configuration: /^arn:[\w-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  FirehoseConfiguration: /^arn:[\w-]+:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[a-zA-Z0-9_.-]+$/,
} as const;

/**
 * userNotification logs go at ERROR level to CloudWatch Logs; userAuthEvents
 * (threat protection, Plus plan) at INFO to one of CloudWatch Logs, S3 or Firehose.
 */
function checkLogConfiguration(pool: UserPool, c: LogConfigurationType): void {
  const destinations = (['CloudWatchLogsConfiguration', 'S3Configuration', 'FirehoseConfiguration'] as const).filter((k) => c[k] !== undefined);
  if (destinations.length !== 1) throw invalidParameter('Exactly one log destination must be configured for each log configuration.');
  const kind = destinations[0];
  const value = c.CloudWatchLogsConfiguration?.LogGroupArn ?? c.S3Configuration?.BucketArn ?? c.FirehoseConfiguration?.StreamArn ?? '';
  if (!DESTINATION_ARN[kind].test(value)) throw invalidParameter(`${value || 'An empty ARN'} is not a valid destination ARN for ${kind}.`);
  if (c.EventSource === 'userNotification') {
    if (c.LogLevel !== 'ERROR' || kind !== 'CloudWatchLogsConfiguration') {
      throw invalidParameter('userNotification logs are delivered at the ERROR level to CloudWatch Logs only.');
    }
  } else {
    if (c.LogLevel !== 'INFO') throw invalidParameter('userAuthEvents logs are delivered at the INFO level.');
    if (pool.settings.UserPoolTier !== 'PLUS') throw featureUnavailable('userAuthEvents log delivery needs the PLUS feature plan.');
  }
}

/**
 * Ranges the API reference gives but the model this fake is generated from
 * does not carry yet, answered as the model's validation would.
 */
function checkRange(value: number, min: number, max: number, path: string): void {
  if (value < min) throw invalidParameter(`1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalidParameter(`1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
}

export const poolSettings: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  GetLogDeliveryConfiguration(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.security.logConfigurations } };
  },

  SetLogDeliveryConfiguration(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const sources = input.LogConfigurations.map((c) => c.EventSource);
    if (new Set(sources).size !== sources.length) throw invalidParameter('Each event source can be configured only once.');
    for (const c of input.LogConfigurations) checkLogConfiguration(pool, c);
    pool.security.logConfigurations = input.LogConfigurations;
    return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.security.logConfigurations } };
  },

  /** Defaults (never set): tracking DISABLED, 20 token sessions per user. */
  GetUserPoolSessionConfiguration(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    return {
      UserPoolId: pool.id,
      UserSessionTracking: pool.security.sessionTracking ?? 'DISABLED',
      TokenSession: { MaxPerUser: pool.security.maxSessionsPerUser ?? 20 },
    };
  },

  SetUserPoolSessionConfiguration(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    checkRange(input.TokenSession.MaxPerUser, 1, 100, 'tokenSession.maxPerUser');
    requireEssentials(pool);
    if (input.UserSessionTracking !== 'ENABLED') pool.security.trackingSince = undefined;
    else if (pool.security.sessionTracking !== 'ENABLED') pool.security.trackingSince = clock.now();
    pool.security.sessionTracking = input.UserSessionTracking;
    pool.security.maxSessionsPerUser = input.TokenSession.MaxPerUser;
    return { UserPoolId: pool.id, UserSessionTracking: input.UserSessionTracking, TokenSession: { MaxPerUser: input.TokenSession.MaxPerUser } };
  },

  GetUserPoolClientSessionConfiguration(input, ctx) {
    const { pool } = ctx.backend.client(input.ClientId, input.UserPoolId);
    // Never set: the default SSO session reuse of 60 minutes.
    const minutes = pool.security.clientSso?.get(input.ClientId) ?? 60;
    return { UserPoolId: pool.id, ClientId: input.ClientId, SSOSession: { MaxValidityMinutes: minutes } };
  },

  SetUserPoolClientSessionConfiguration(input, ctx) {
    const { pool } = ctx.backend.client(input.ClientId, input.UserPoolId);
    checkRange(input.SSOSession.MaxValidityMinutes, 0, 129600, 'sSOSession.maxValidityMinutes');
    requireEssentials(pool);
    if (pool.security.sessionTracking !== 'ENABLED') {
      throw invalidParameter('Session tracking must be enabled for the user pool (SetUserPoolSessionConfiguration).');
    }
    pool.security.clientSso ??= new Map();
    pool.security.clientSso.set(input.ClientId, input.SSOSession.MaxValidityMinutes);
    return { UserPoolId: pool.id, ClientId: input.ClientId, SSOSession: { MaxValidityMinutes: input.SSOSession.MaxValidityMinutes } };
  },

  /**
   * A real X.509 certificate (base64 DER) of a key the pool keeps for SAML,
   * valid for 10 years; a new one after a year, as Cognito renews annually.
   */
  GetSigningCertificate(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const now = clock.now();
    const current = pool.security.samlCertificate;
    if (!current || now - current.issued >= YEAR_MS) {
      const key = newSigningKey();
      const der = selfSignedCertificate({
        subject: [['C', 'US'], ['O', 'mockaws'], ['OU', 'Amazon Cognito user pool'], ['CN', pool.id]],
        notBefore: new Date(now),
        notAfter: new Date(now + 10 * YEAR_MS),
        publicKey: key.publicKey,
        privateKey: key.privateKey,
      });
      pool.security.samlCertificate = { der: der.toString('base64'), issued: now };
    }
    return { Certificate: pool.security.samlCertificate?.der };
  },
};
