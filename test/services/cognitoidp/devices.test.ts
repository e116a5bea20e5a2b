/**
 * Device tracking: a pool with a DeviceConfiguration offers NewDeviceMetadata
 * at sign-in; amazon-cognito-identity-js confirms the device with its SRP
 * verifier and, on the next sign-in, proves it (DEVICE_SRP_AUTH then
 * DEVICE_PASSWORD_VERIFIER). Device listing, status and forgetting through
 * the access token and the Admin operations.
 */
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  AssociateSoftwareTokenCommand,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  SetUserMFAPreferenceCommand,
  UpdateDeviceStatusCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from './identity-js';
import { totpAt } from '../../../services/cognitoidp/models/totp';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

function signIn(poolId: string, clientId: string, username: string, storage: MemoryStorage, totp?: () => string): Promise<CognitoUserSession> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, Storage: storage });
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
      onSuccess: resolve,
      onFailure: reject,
      totpRequired: () => (totp ? user.sendMFACode(totp(), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA') : reject(new Error('unexpected TOTP challenge'))),
    });
  });
}

const TRACKED = { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } };

describe('cognito-idp devices', () => {
  const aws = useMockAws();

  it('remembers the device amazon-cognito-identity-js confirms and signs in with its SRP proof next time', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, TRACKED);
    await createConfirmedUser(client, poolId, 'dee');
    const storage = new MemoryStorage();
    const first = await signIn(poolId, clientId, 'dee', storage);
    const deviceKey = storage.getItem(`CognitoIdentityServiceProvider.${clientId}.dee.deviceKey`) as string;
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);

    const listed = await client.send(new ListDevicesCommand({ AccessToken: first.getAccessToken().getJwtToken() }));
    expect(listed.Devices).toHaveLength(1);
    expect(listed.Devices?.[0]).toMatchObject({ DeviceKey: deviceKey });
    expect(listed.Devices?.[0].DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });

    aws.resetHistory();
    await signIn(poolId, clientId, 'dee', storage);
    const challenges = aws.calls({ service: 'cognitoidp', operation: 'RespondToAuthChallenge' }).map((c) => (c.input as { ChallengeName: string }).ChallengeName);
    expect(challenges).toEqual(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    // A known device is not offered again: still one device.
    expect((await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'dee' }))).Devices).toHaveLength(1);

    // A device proof made with the wrong device secret is refused.
    storage.setItem(`CognitoIdentityServiceProvider.${clientId}.dee.randomPasswordKey`, 'not-the-device-password');
    await expect(signIn(poolId, clientId, 'dee', storage)).rejects.toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('skips TOTP MFA on a remembered device but asks on a new one', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { ...TRACKED, MfaConfiguration: 'OPTIONAL' });
    await createConfirmedUser(client, poolId, 'mo');
    const storage = new MemoryStorage();
    const session = await signIn(poolId, clientId, 'mo', storage);
    const AccessToken = session.getAccessToken().getJwtToken();
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const code = () => totpAt(SecretCode as string, Date.now());
    await client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code() }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    await expect(signIn(poolId, clientId, 'mo', storage)).resolves.toBeDefined();
    // Another browser (no device) gets the TOTP challenge.
    await expect(signIn(poolId, clientId, 'mo', new MemoryStorage())).rejects.toThrow('unexpected TOTP challenge');
  });

  it('answers the device operations and their Admin twins', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true } });
    await createConfirmedUser(client, poolId, 'ada');
    const signIn1 = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD } }));
    const AccessToken = signIn1.AuthenticationResult?.AccessToken as string;
    const offered = signIn1.AuthenticationResult?.NewDeviceMetadata;
    expect(offered).toEqual({ DeviceKey: expect.stringMatching(/^us-east-1_/), DeviceGroupKey: expect.any(String) });
    const DeviceKey = offered?.DeviceKey as string;

    // An offered key is no device until ConfirmDevice; naming it at sign-in is ResourceNotFound.
    await expect(client.send(new GetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Device does not exist.' });
    await expect(
      client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD, DEVICE_KEY: DeviceKey } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Device does not exist.' });

    const verifier = { PasswordVerifier: Buffer.from('02', 'hex').toString('base64'), Salt: Buffer.from('0a0b', 'hex').toString('base64') };
    await expect(client.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000', DeviceSecretVerifierConfig: verifier }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const confirmed = await client.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: verifier, DeviceName: 'laptop' }));
    expect(confirmed.UserConfirmationNecessary).toBe(true);
    const got = await client.send(new GetDeviceCommand({ AccessToken, DeviceKey }));
    expect(got.Device?.DeviceAttributes).toEqual([
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: 'laptop' },
      { Name: 'dev:device_remembered_status', Value: 'not_remembered' },
    ]);
    await client.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'remembered' }));
    expect((await client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'ada', DeviceKey }))).Device?.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'remembered',
    });
    await expect(client.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'forever' as never }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await client.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'ada', DeviceKey, DeviceRememberedStatus: 'not_remembered' }));

    // A sign-in that names the device now gets the device challenge.
    const again = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD, DEVICE_KEY: DeviceKey } }),
    );
    expect(again).toMatchObject({ ChallengeName: 'DEVICE_SRP_AUTH', Session: expect.any(String) });

    // A second confirmed device, then pages of one.
    const other = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD } }));
    const key2 = other.AuthenticationResult?.NewDeviceMetadata?.DeviceKey as string;
    await client.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: key2, DeviceSecretVerifierConfig: verifier }));
    const page1 = await client.send(new ListDevicesCommand({ AccessToken, Limit: 1 }));
    const page2 = await client.send(new ListDevicesCommand({ AccessToken, Limit: 1, PaginationToken: page1.PaginationToken }));
    expect([...(page1.Devices ?? []), ...(page2.Devices ?? [])].map((d) => d.DeviceKey).sort()).toEqual([DeviceKey, key2].sort());
    expect(page2.PaginationToken).toBeUndefined();

    await client.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }));
    await expect(client.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'ada', DeviceKey: key2 }));
    expect((await client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'ada' }))).Devices).toEqual([]);
  });

  it('offers no device when the pool does not track devices', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'nod');
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nod', PASSWORD } }));
    expect(out.AuthenticationResult?.AccessToken).toBeDefined();
    expect(out.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
  });
});
