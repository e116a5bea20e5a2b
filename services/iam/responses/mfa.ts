/** Virtual MFA devices: create, enable and resync with TOTP codes, deactivate, list, tag. */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { entityAlreadyExists, noSuchEntity, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { MfaDevice } from '../models/entities';
import { consecutiveCodes, newSeed } from '../models/otp';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  checkTags,
  date,
  pageFields,
  pathOr,
  tagOperations,
  userView,
} from './common';
import { callingUser, userOrCaller } from './users';

function mfaDevice(b: IamBackend, serial: string): MfaDevice {
  const device = b.mfaDevices.get(serial);
  if (!device) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
  return device;
}

function mfaView(b: IamBackend, d: MfaDevice, withSeed = false) {
  const user = d.userName ? b.users.get(d.userName) : undefined;
  return {
    SerialNumber: d.serial,
    Base32StringSeed: withSeed ? new Uint8Array(Buffer.from(d.seed)) : undefined,
    User: user ? userView(user) : undefined,
    EnableDate: d.enabled ? date(d.enabled) : undefined,
    Tags: withSeed ? undefined : d.tags.length > 0 ? d.tags : undefined,
  };
}

const mfaTags = tagOperations((input: { SerialNumber: string }, ctx) => mfaDevice(ctx.backend, input.SerialNumber));

export const mfaHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateVirtualMFADevice(input, ctx) {
    const b = ctx.backend;
    const path = pathOr(input.Path);
    const serial = b.arn(`mfa${path}${input.VirtualMFADeviceName}`);
    for (const d of b.mfaDevices.values()) {
      if (d.name.toLowerCase() === input.VirtualMFADeviceName.toLowerCase()) {
        throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
      }
    }
    const device: MfaDevice = { serial, path, name: input.VirtualMFADeviceName, seed: newSeed(), tags: checkTags(input.Tags) };
    b.mfaDevices.set(serial, device);
    return { VirtualMFADevice: mfaView(b, device, true) };
  },

  DeleteVirtualMFADevice(input, ctx) {
    const b = ctx.backend;
    const device = mfaDevice(b, input.SerialNumber);
    if (device.userName) {
      throw new AwsError('DeleteConflict', 'MFA device is still enabled for a user. Deactivate it first.');
    }
    b.mfaDevices.delete(device.serial);
  },

  EnableMFADevice(input, ctx) {
    const b = ctx.backend;
    const user = b.user(input.UserName);
    const device = mfaDevice(b, input.SerialNumber);
    if (device.userName) throw entityAlreadyExists('MFA Device is already in use.');
    if (user.mfaSerials.size >= 8) throw quota('MFADevicesPerUser', 8);
    if (!consecutiveCodes(device.seed, clock.now(), input.AuthenticationCode1, input.AuthenticationCode2)) {
      throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
    }
    device.userName = user.name;
    device.enabled = clock.now();
    user.mfaSerials.add(device.serial);
  },

  ResyncMFADevice(input, ctx) {
    const b = ctx.backend;
    const user = b.user(input.UserName);
    const device = mfaDevice(b, input.SerialNumber);
    if (!user.mfaSerials.has(device.serial)) throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} does not exist.`);
    if (!consecutiveCodes(device.seed, clock.now(), input.AuthenticationCode1, input.AuthenticationCode2)) {
      throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
    }
  },

  DeactivateMFADevice(input, ctx) {
    const b = ctx.backend;
    const user = userOrCaller(ctx, input.UserName);
    if (!user.mfaSerials.has(input.SerialNumber)) {
      throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} does not exist.`);
    }
    user.mfaSerials.delete(input.SerialNumber);
    const device = b.mfaDevices.get(input.SerialNumber);
    if (device) {
      device.userName = undefined;
      device.enabled = undefined;
    }
  },

  ListMFADevices(input, ctx) {
    const b = ctx.backend;
    if (input.UserName === undefined && !callingUser(ctx)) return { MFADevices: [], IsTruncated: false };
    const user = userOrCaller(ctx, input.UserName);
    const page = pageOf([...user.mfaSerials], input.Marker, input.MaxItems, (s) => s);
    return {
      MFADevices: page.items.map((s) => ({ UserName: user.name, SerialNumber: s, EnableDate: date(b.mfaDevices.get(s)?.enabled ?? 0) })),
      ...pageFields(page),
    };
  },

  ListVirtualMFADevices(input, ctx) {
    const b = ctx.backend;
    const status = input.AssignmentStatus ?? 'Any';
    const devices = [...b.mfaDevices.values()]
      .filter((d) => status === 'Any' || (status === 'Assigned') === (d.userName !== undefined))
      .sort((x, y) => (x.serial < y.serial ? -1 : 1));
    const page = pageOf(devices, input.Marker, input.MaxItems, (d) => d.serial);
    return { VirtualMFADevices: page.items.map((d) => mfaView(b, d)), ...pageFields(page) };
  },

  GetMFADevice(input, ctx) {
    const b = ctx.backend;
    const device = mfaDevice(b, input.SerialNumber);
    if (input.UserName !== undefined && device.userName?.toLowerCase() !== input.UserName.toLowerCase()) {
      throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} does not exist.`);
    }
    return { UserName: device.userName, SerialNumber: device.serial, EnableDate: device.enabled ? date(device.enabled) : undefined };
  },

  TagMFADevice: mfaTags.tag,
  UntagMFADevice: mfaTags.untag,
  ListMFADeviceTags: mfaTags.list
};
