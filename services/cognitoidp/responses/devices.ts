/**
 * Devices of a user: ConfirmDevice (the device's SRP verifier), Get/List/
 * Forget/UpdateDeviceStatus with the user's access token, and their Admin
 * twins naming the pool and user. Only confirmed devices are listed.
 */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { type Device, deviceType, type RememberedStatus } from '../models/device';
import type { PoolUser } from '../models/user';
import type { CognitoidpOperations } from '../types';
import { type Ctx, userOf } from './common';
import { pageOf } from './paging';

const deviceNotFound = () => resourceNotFound('Device does not exist.');

/** A confirmed device of the user (an offered but unconfirmed key is as unknown as a wrong one). */
export function deviceOf(user: PoolUser, key: string): Device {
  const device = user.devices.get(key);
  if (!device?.confirmed) throw deviceNotFound();
  return device;
}

function list(user: PoolUser, limit: number | undefined, token: string | undefined) {
  const keys = [...user.devices.values()].filter((d) => d.confirmed).map((d) => d.key).sort();
  const page = pageOf(keys, token, limit);
  return { Devices: page.items.map((k) => deviceType(deviceOf(user, k))), PaginationToken: page.next };
}

/** The model checks the status against its enum (remembered, not_remembered). */
function setStatus(user: PoolUser, key: string, status: string | undefined): void {
  const device = deviceOf(user, key);
  device.remembered = (status as RememberedStatus | undefined) ?? 'not_remembered';
  device.modified = clock.now();
}

/** A base64 big-endian number of DeviceSecretVerifierConfig. */
function bigintOf(b64: string | undefined, what: string): bigint {
  const hex = Buffer.from(b64 ?? '', 'base64').toString('hex');
  if (!hex) throw invalidParameter(`${what} is required in DeviceSecretVerifierConfig.`);
  return BigInt(`0x${hex}`);
}

/** The user of an access token; GetDevice and ForgetDevice model it as optional, but the fake needs it to know the user. */
function tokenUser(ctx: Ctx, token: string | undefined): PoolUser {
  if (token === undefined) throw invalidParameter('Missing required parameter AccessToken');
  return ctx.backend.accessTokenUser(token).user;
}

export const devices: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  ConfirmDevice(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    const device = user.devices.get(input.DeviceKey);
    if (!device) throw deviceNotFound();
    const verifier = bigintOf(input.DeviceSecretVerifierConfig?.PasswordVerifier, 'PasswordVerifier');
    const salt = bigintOf(input.DeviceSecretVerifierConfig?.Salt, 'Salt');
    // With DeviceOnlyRememberedOnUserPrompt the app asks the user, then calls UpdateDeviceStatus; otherwise every device is remembered.
    const onPrompt = pool.settings.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
    Object.assign(device, { confirmed: true, verifier, salt, name: input.DeviceName, remembered: onPrompt ? 'not_remembered' : 'remembered', modified: clock.now() });
    return { UserConfirmationNecessary: onPrompt };
  },

  GetDevice(input, ctx) {
    return { Device: deviceType(deviceOf(tokenUser(ctx, input.AccessToken), input.DeviceKey)) };
  },

  AdminGetDevice(input, ctx) {
    return { Device: deviceType(deviceOf(userOf(ctx.backend.pool(input.UserPoolId), input.Username), input.DeviceKey)) };
  },

  ListDevices(input, ctx) {
    return list(ctx.backend.accessTokenUser(input.AccessToken).user, input.Limit, input.PaginationToken);
  },

  AdminListDevices(input, ctx) {
    return list(userOf(ctx.backend.pool(input.UserPoolId), input.Username), input.Limit, input.PaginationToken);
  },

  ForgetDevice(input, ctx) {
    const user = tokenUser(ctx, input.AccessToken);
    deviceOf(user, input.DeviceKey);
    user.devices.delete(input.DeviceKey);
    return {};
  },

  AdminForgetDevice(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    deviceOf(user, input.DeviceKey);
    user.devices.delete(input.DeviceKey);
    return {};
  },

  UpdateDeviceStatus(input, ctx) {
    setStatus(ctx.backend.accessTokenUser(input.AccessToken).user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },

  AdminUpdateDeviceStatus(input, ctx) {
    setStatus(userOf(ctx.backend.pool(input.UserPoolId), input.Username), input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
};
