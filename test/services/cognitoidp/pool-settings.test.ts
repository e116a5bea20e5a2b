/**
 * Settings beside the pool: log delivery destinations, session tracking (pool
 * and app client), and the user-level MFA leftovers (legacy MFAOptions,
 * AdminDeleteSoftwareToken).
 */
import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  GetLogDeliveryConfigurationCommand,
  GetSigningCertificateCommand,
  GetUserPoolClientSessionConfigurationCommand,
  GetUserPoolSessionConfigurationCommand,
  InitiateAuthCommand,
  SetLogDeliveryConfigurationCommand,
  SetUserPoolClientSessionConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  SetUserPoolSessionConfigurationCommand,
  SetUserSettingsCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { X509Certificate } from 'node:crypto';
import { totpAt } from '../../../services/cognitoidp/models/totp';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/notifications';

describe('cognito-idp pool settings', () => {
  const m = useMockAws();

  it('GetSigningCertificate answers a real self-signed X.509 certificate, valid 10 years, renewed after a year', async () => {
    const { poolId } = await createPool(idp());
    const { Certificate } = await idp().send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
    const cert = new X509Certificate(Buffer.from(Certificate as string, 'base64'));
    expect(cert.subject).toContain(`CN=${poolId}`);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365 * 24 * 3600_000);
    expect(Math.round(years)).toBe(10);
    expect((await idp().send(new GetSigningCertificateCommand({ UserPoolId: poolId }))).Certificate).toBe(Certificate);
    m.clock.advance(366 * 24 * 3600_000);
    expect((await idp().send(new GetSigningCertificateCommand({ UserPoolId: poolId }))).Certificate).not.toBe(Certificate);
    await expect(idp().send(new GetSigningCertificateCommand({ UserPoolId: 'us-east-1_nopool000' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('keeps log delivery configurations and checks their level, destination and ARN', async () => {
    const { poolId } = await createPool(idp());
    const empty = await idp().send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    expect(empty.LogDeliveryConfiguration).toEqual({ UserPoolId: poolId, LogConfigurations: [] });
    const config = { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } } as const;
    await idp().send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [config] }));
    const got = await idp().send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    expect(got.LogDeliveryConfiguration?.LogConfigurations).toEqual([config]);

    const refused = [
      { ...config, LogLevel: 'INFO' },
      { EventSource: 'userNotification', LogLevel: 'ERROR', S3Configuration: { BucketArn: 'arn:aws:s3:::logs-bucket' } },
      { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:s3:::not-a-log-group' } },
      { EventSource: 'userNotification', LogLevel: 'ERROR' },
    ];
    for (const c of refused) {
      await expect(idp().send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [c as never] }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    }
    // userAuthEvents (threat protection logs) need the Plus plan.
    await expect(
      idp().send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: poolId,
          LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/auth' } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'FeatureUnavailableInTierException' });
    const { poolId: plusPool } = await createPool(idp(), { UserPoolTier: 'PLUS' });
    const ok = await idp().send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: plusPool,
        LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::auth-logs' } }],
      }),
    );
    expect(ok.LogDeliveryConfiguration?.LogConfigurations?.[0].S3Configuration?.BucketArn).toBe('arn:aws:s3:::auth-logs');
  });

  it('session configuration: defaults DISABLED / 20, set for the pool, then per client once tracking is on', async () => {
    const { poolId, clientId } = await createPool(idp());
    expect(await idp().send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }))).toMatchObject({
      UserPoolId: poolId,
      UserSessionTracking: 'DISABLED',
      TokenSession: { MaxPerUser: 20 },
    });
    expect((await idp().send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).SSOSession).toEqual({
      MaxValidityMinutes: 60,
    });
    // The client's setting needs session tracking on.
    await expect(
      idp().send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 60 } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } }));
    expect(await idp().send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }))).toMatchObject({ UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } });
    await idp().send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 43200 } }));
    expect(await idp().send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).toMatchObject({
      ClientId: clientId,
      SSOSession: { MaxValidityMinutes: 43200 },
    });
    await expect(
      idp().send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 101 } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('less than or equal to 100') });
    await expect(
      idp().send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 129601 } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { poolId: lite } = await createPool(idp(), { UserPoolTier: 'LITE' });
    await expect(
      idp().send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: lite, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } })),
    ).rejects.toMatchObject({ name: 'FeatureUnavailableInTierException' });
  });

  it('legacy MFAOptions turn SMS MFA on and off, SMS only', async () => {
    const { poolId, clientId } = await createPool(idp());
    await createConfirmedUser(idp(), poolId, 'dee');
    await expect(
      idp().send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'dee', MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' }); // no phone number yet
    await idp().send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'dee', UserAttributes: [{ Name: 'phone_number', Value: '+15555550123' }] }));
    await expect(
      idp().send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'dee', MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'dee', MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
    const user = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dee' }));
    expect(user.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(user.UserMFASettingList).toEqual(['SMS_MFA']);

    const signIn = await idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dee', PASSWORD } }));
    expect(signIn.AuthenticationResult?.AccessToken).toBeDefined(); // the pool's MFA is OFF
    await idp().send(new SetUserSettingsCommand({ AccessToken: signIn.AuthenticationResult?.AccessToken, MFAOptions: [] }));
    const after = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dee' }));
    expect(after.MFAOptions).toBeUndefined();
    expect(after.UserMFASettingList).toBeUndefined();
  });

  it('AdminDeleteSoftwareToken removes TOTP: the next sign-in of a pool requiring MFA is MFA_SETUP', async () => {
    const { poolId, clientId } = await createPool(idp());
    await idp().send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await createConfirmedUser(idp(), poolId, 'eli');
    const first = await idp().send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eli', PASSWORD } }),
    );
    expect(first.ChallengeName).toBe('MFA_SETUP');
    const { SecretCode, Session } = await idp().send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    await idp().send(new VerifySoftwareTokenCommand({ Session, UserCode: totpAt(SecretCode as string, Date.now()) }));
    await idp().send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'eli', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const withTotp = await idp().send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eli', PASSWORD } }),
    );
    expect(withTotp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    await idp().send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: 'eli' }));
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'eli' }))).PreferredMfaSetting).toBeUndefined();
    const again = await idp().send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eli', PASSWORD } }),
    );
    expect(again.ChallengeName).toBe('MFA_SETUP');
    await expect(idp().send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});
