/**
 * Device tracking: a pool with a DeviceConfiguration gives every sign-in that
 * did not come from a known device a new device key and group key
 * (NewDeviceMetadata); ConfirmDevice registers the device's SRP verifier, and
 * from then on the device proves itself with DEVICE_SRP_AUTH after the password.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { DeviceType } from '../types';

export type RememberedStatus = 'remembered' | 'not_remembered';

export interface Device {
  key: string;
  groupKey: string;
  /** Set by ConfirmDevice; until then the key is only an offer. */
  confirmed: boolean;
  remembered: RememberedStatus;
  name?: string;
  /** The device's SRP verifier and salt (DeviceSecretVerifierConfig). */
  verifier?: bigint;
  salt?: bigint;
  created: number;
  modified: number;
  lastAuthenticated: number;
}

export function newDevice(region: string): Device {
  const now = clock.now();
  return {
    key: `${region}_${randomUUID()}`,
    groupKey: `-${randomBytes(7).toString('base64url').slice(0, 9)}`,
    confirmed: false,
    remembered: 'not_remembered',
    created: now,
    modified: now,
    lastAuthenticated: now,
  };
}

/** A device as GetDevice / ListDevices describe it. */
export function deviceType(device: Device): DeviceType {
  const attributes = [
    { Name: 'device_status', Value: 'valid' },
    ...(device.name !== undefined ? [{ Name: 'device_name', Value: device.name }] : []),
    { Name: 'dev:device_remembered_status', Value: device.remembered },
  ];
  return {
    DeviceKey: device.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: new Date(device.created),
    DeviceLastModifiedDate: new Date(device.modified),
    DeviceLastAuthenticatedDate: new Date(device.lastAuthenticated),
  };
}
