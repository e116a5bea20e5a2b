/**
 * MFA: TOTP (AssociateSoftwareToken / VerifySoftwareToken with real RFC 6238
 * codes), SMS and email codes the test reads, MFA_SETUP when the pool
 * requires MFA, and the SOFTWARE_TOKEN_MFA challenge.
 */
import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { base32Encode, totpAt } from '../../../services/cognitoidp/models/totp';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

/** An authenticator app's code, computed here independently of the service (RFC 6238, SHA-1, 30 s, 6 digits). */
function authenticatorCode(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('cognito-idp MFA', () => {
  const m = useMockAws();

  it('computes RFC 6238 codes (the RFC test vector at T=59s)', () => {
    expect(totpAt(base32Encode(Buffer.from('12345678901234567890')), 59_000)).toBe('287082');
  });

  async function signIn(clientId: string, username: string) {
    return idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
  }

  it('associates and verifies a software token, then asks for it at sign-in', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await createConfirmedUser(client, poolId, 'mia');
    const token = (await signIn(clientId, 'mia')).AuthenticationResult?.AccessToken as string;
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    expect(SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    await expect(client.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(client.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '000000' }))).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch',
    });
    const verified = await client.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: authenticatorCode(SecretCode as string) }));
    expect(verified.Status).toBe('SUCCESS');
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const me = await client.send(new GetUserCommand({ AccessToken: token }));
    expect(me).toMatchObject({ PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    const challenge = await signIn(clientId, 'mia');
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const wrong = client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'mia', SOFTWARE_TOKEN_MFA_CODE: '000000' } }),
    );
    await expect(wrong).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const again = await signIn(clientId, 'mia');
    const done = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: again.Session,
        ChallengeResponses: { USERNAME: 'mia', SOFTWARE_TOKEN_MFA_CODE: authenticatorCode(SecretCode as string) },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('sends an SMS code the test reads and accepts it', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' } },
      }),
    );
    await createConfirmedUser(client, poolId, 'ned');
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'ned', UserAttributes: [{ Name: 'phone_number', Value: '+15555550123' }] }));
    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'ned', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await signIn(clientId, 'ned');
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    expect(challenge.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123' });
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'ned', 'MFA') as string;
    const done = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'ned', SMS_MFA_CODE: code } }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('makes a user of a pool with MFA ON set up TOTP during sign-in (MFA_SETUP)', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await createConfirmedUser(client, poolId, 'ora');
    const setup = await signIn(clientId, 'ora');
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.ChallengeParameters?.MFAS_CAN_SETUP ?? '[]')).toEqual(['SOFTWARE_TOKEN_MFA']);
    const assoc = await client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await client.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: authenticatorCode(assoc.SecretCode as string) }));
    const done = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'ora' } }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    const next = await signIn(clientId, 'ora');
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});
