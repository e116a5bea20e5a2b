/** Access keys, login profiles, virtual MFA devices, SSH keys, signing certificates, service-specific credentials. */
import { createHash, randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { entityAlreadyExists, invalidInput, noSuchEntity, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { AccessKey, MfaDevice, PasswordPolicy, User } from '../models/entities';
import { newId } from '../models/ids';
import { readCertificate, readSshKey } from '../models/keys';
import { consecutiveCodes, newSeed } from '../models/otp';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  checkTags,
  type Ctx,
  date,
  pageFields,
  pathOr,
  tagOperations,
  userView,
} from './common';
import { callingUser, userOrCaller } from './users';

const secret = () => randomBytes(30).toString('base64').slice(0, 40);

function accessKey(user: User, id: string): AccessKey {
  const key = user.accessKeys.find((k) => k.id === id);
  if (!key) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

/** The account password policy, or AWS's default one when none is set. */
function checkPassword(policy: PasswordPolicy | undefined, password: string): void {
  const violation = (m: string) => new AwsError('PasswordPolicyViolation', m);
  if (!policy) {
    const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (password.length < 8 || kinds < 3) {
      throw violation('Password does not conform to the account password policy.');
    }
    return;
  }
  if (password.length < policy.MinimumPasswordLength) {
    throw violation(`Password should have a minimum length of ${policy.MinimumPasswordLength}`);
  }
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) throw violation('Password should have at least one uppercase letter');
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) throw violation('Password should have at least one lowercase letter');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw violation('Password should have at least one number');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) throw violation('Password should have at least one symbol');
}

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

function sshKey(user: User, id: string) {
  const key = user.sshKeys.find((k) => k.id === id);
  if (!key) throw noSuchEntity(`The Public Key with id ${id} cannot be found.`);
  return key;
}

function signingCert(user: User, id: string) {
  const cert = user.signingCerts.find((c) => c.id === id);
  if (!cert) throw noSuchEntity(`The Certificate with id ${id} cannot be found.`);
  return cert;
}

const SERVICE_CREDENTIAL_SERVICES = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'bedrock.amazonaws.com']);

function serviceCredential(user: User, id: string) {
  const cred = user.serviceCredentials.find((c) => c.id === id);
  if (!cred) throw noSuchEntity(`No such credential ${id} exists`);
  return cred;
}

function serviceCredentialView(user: User, c: User['serviceCredentials'][number], withPassword: boolean) {
  return {
    CreateDate: date(c.created),
    ExpirationDate: c.expires ? date(c.expires) : undefined,
    ServiceName: c.service,
    ServiceUserName: `${user.name}-at-${user.arn.split(':')[4]}`,
    ServicePassword: withPassword ? c.password : undefined,
    ServiceSpecificCredentialId: c.id,
    UserName: user.name,
    Status: c.status,
  };
}

const mfaTags = tagOperations((input: { SerialNumber: string }, ctx) => mfaDevice(ctx.backend, input.SerialNumber));

export const credentialHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateAccessKey(input, ctx) {
    const b = ctx.backend;
    const user = userOrCaller(ctx, input.UserName);
    if (user.accessKeys.length >= 2) throw quota('AccessKeysPerUser', 2);
    const key: AccessKey = { id: newId('accessKey'), secret: secret(), status: 'Active', created: clock.now(), userName: user.name };
    user.accessKeys.push(key);
    b.accessKeys.set(key.id, key);
    b.registerKeys(user, ctx.credentials);
    return {
      AccessKey: { UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: date(key.created) },
    };
  },

  DeleteAccessKey(input, ctx) {
    const b = ctx.backend;
    const user = userOrCaller(ctx, input.UserName);
    const key = accessKey(user, input.AccessKeyId);
    user.accessKeys = user.accessKeys.filter((k) => k !== key);
    b.accessKeys.delete(key.id);
    b.revokeKey(key, user, ctx.credentials);
  },

  UpdateAccessKey(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const key = accessKey(user, input.AccessKeyId);
    key.status = input.Status as AccessKey['status'];
    ctx.backend.registerKeys(user, ctx.credentials);
  },

  ListAccessKeys(input, ctx) {
    if (input.UserName === undefined && !callingUser(ctx)) return { AccessKeyMetadata: [], IsTruncated: false };
    const user = userOrCaller(ctx, input.UserName);
    const page = pageOf(user.accessKeys, input.Marker, input.MaxItems, (k) => k.id);
    return {
      AccessKeyMetadata: page.items.map((k) => ({ UserName: user.name, AccessKeyId: k.id, Status: k.status, CreateDate: date(k.created) })),
      ...pageFields(page),
    };
  },

  GetAccessKeyLastUsed(input, ctx) {
    const key = ctx.backend.accessKeys.get(input.AccessKeyId);
    if (!key) throw noSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
    return {
      UserName: key.userName,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: date(key.lastUsed.date), ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },

  CreateLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    if (user.loginProfile) throw entityAlreadyExists(`Login Profile for user ${user.name} already exists.`);
    if (input.Password === undefined) throw invalidInput('Password is required.');
    checkPassword(ctx.backend.passwordPolicy, input.Password);
    user.loginProfile = { created: clock.now(), resetRequired: input.PasswordResetRequired ?? false, password: input.Password };
    return { LoginProfile: { UserName: user.name, CreateDate: date(user.loginProfile.created), PasswordResetRequired: user.loginProfile.resetRequired } };
  },

  GetLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    return { LoginProfile: { UserName: user.name, CreateDate: date(profile.created), PasswordResetRequired: profile.resetRequired } };
  },

  UpdateLoginProfile(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    if (input.Password !== undefined) checkPassword(ctx.backend.passwordPolicy, input.Password);
    if (input.Password !== undefined) profile.password = input.Password;
    if (input.PasswordResetRequired !== undefined) profile.resetRequired = input.PasswordResetRequired;
  },

  DeleteLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    user.loginProfile = undefined;
  },

  ChangePassword(input, ctx) {
    const user = callingUser(ctx);
    if (!user) throw new AwsError('InvalidUserType', 'Only IAM Users can change their own password.');
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    if (ctx.backend.passwordPolicy && !ctx.backend.passwordPolicy.AllowUsersToChangePassword) {
      throw new AwsError('AccessDenied', 'Users are not allowed to change their own password.', { status: 403 });
    }
    if (profile.password !== input.OldPassword) throw invalidInput('The old password is incorrect.');
    checkPassword(ctx.backend.passwordPolicy, input.NewPassword);
    profile.password = input.NewPassword;
    profile.resetRequired = false;
  },

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
  ListMFADeviceTags: mfaTags.list,

  UploadSSHPublicKey(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const parsed = readSshKey(input.SSHPublicKeyBody);
    if (!parsed) throw new AwsError('UnrecognizedPublicKeyEncoding', 'The specified public key is not in a recognized format.');
    if (user.sshKeys.some((k) => k.fingerprint === parsed.fingerprint)) {
      throw new AwsError('DuplicateSSHPublicKey', 'The specified public key is already associated with this user.');
    }
    if (user.sshKeys.length >= 5) throw quota('PublicKeysPerUser', 5);
    const key = { id: newId('sshKey'), body: input.SSHPublicKeyBody.trim(), fingerprint: parsed.fingerprint, status: 'Active' as const, uploaded: clock.now() };
    user.sshKeys.push(key);
    return {
      SSHPublicKey: { UserName: user.name, SSHPublicKeyId: key.id, Fingerprint: key.fingerprint, SSHPublicKeyBody: key.body, Status: key.status, UploadDate: date(key.uploaded) },
    };
  },

  GetSSHPublicKey(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const key = sshKey(user, input.SSHPublicKeyId);
    const body = input.Encoding === 'PEM' ? (readSshKey(key.body)?.pem ?? key.body) : key.body;
    return {
      SSHPublicKey: { UserName: user.name, SSHPublicKeyId: key.id, Fingerprint: key.fingerprint, SSHPublicKeyBody: body, Status: key.status, UploadDate: date(key.uploaded) },
    };
  },

  UpdateSSHPublicKey(input, ctx) {
    sshKey(ctx.backend.user(input.UserName), input.SSHPublicKeyId).status = input.Status as 'Active' | 'Inactive';
  },

  DeleteSSHPublicKey(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const key = sshKey(user, input.SSHPublicKeyId);
    user.sshKeys = user.sshKeys.filter((k) => k !== key);
  },

  ListSSHPublicKeys(input, ctx) {
    if (input.UserName === undefined && !callingUser(ctx)) return { SSHPublicKeys: [], IsTruncated: false };
    const user = userOrCaller(ctx, input.UserName);
    const page = pageOf(user.sshKeys, input.Marker, input.MaxItems, (k) => k.id);
    return {
      SSHPublicKeys: page.items.map((k) => ({ UserName: user.name, SSHPublicKeyId: k.id, Status: k.status, UploadDate: date(k.uploaded) })),
      ...pageFields(page),
    };
  },

  UploadSigningCertificate(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const cert = readCertificate(input.CertificateBody);
    if (!cert) throw new AwsError('MalformedCertificate', 'Certificate body is invalid.');
    const body = input.CertificateBody.trim();
    if (user.signingCerts.some((c) => c.body === body)) throw new AwsError('DuplicateCertificate', 'The same certificate already exists.');
    if (user.signingCerts.length >= 2) throw quota('SigningCertificatesPerUser', 2);
    const id = createHash('sha1').update(cert.raw).digest('hex').slice(0, 32).toUpperCase();
    const entry = { id, body, status: 'Active' as const, uploaded: clock.now() };
    user.signingCerts.push(entry);
    return { Certificate: { UserName: user.name, CertificateId: id, CertificateBody: body, Status: entry.status, UploadDate: date(entry.uploaded) } };
  },

  UpdateSigningCertificate(input, ctx) {
    signingCert(userOrCaller(ctx, input.UserName), input.CertificateId).status = input.Status as 'Active' | 'Inactive';
  },

  DeleteSigningCertificate(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const cert = signingCert(user, input.CertificateId);
    user.signingCerts = user.signingCerts.filter((c) => c !== cert);
  },

  ListSigningCertificates(input, ctx) {
    if (input.UserName === undefined && !callingUser(ctx)) return { Certificates: [], IsTruncated: false };
    const user = userOrCaller(ctx, input.UserName);
    const page = pageOf(user.signingCerts, input.Marker, input.MaxItems, (c) => c.id);
    return {
      Certificates: page.items.map((c) => ({ UserName: user.name, CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: date(c.uploaded) })),
      ...pageFields(page),
    };
  },

  CreateServiceSpecificCredential(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    if (!SERVICE_CREDENTIAL_SERVICES.has(input.ServiceName)) {
      throw new AwsError('NotSupportedService', `No such service ${input.ServiceName} is supported for Service-Specific Credentials`);
    }
    if (user.serviceCredentials.filter((c) => c.service === input.ServiceName).length >= 2) {
      throw quota('ServiceSpecificCredentialsPerUserPerService', 2);
    }
    const now = clock.now();
    const cred = {
      id: newId('serviceCredential'),
      service: input.ServiceName,
      userName: user.name,
      password: randomBytes(33).toString('base64'),
      status: 'Active' as const,
      created: now,
      expires: input.CredentialAgeDays ? now + input.CredentialAgeDays * 86_400_000 : undefined,
    };
    user.serviceCredentials.push(cred);
    return { ServiceSpecificCredential: serviceCredentialView(user, cred, true) };
  },

  ResetServiceSpecificCredential(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const cred = serviceCredential(user, input.ServiceSpecificCredentialId);
    cred.password = randomBytes(33).toString('base64');
    return { ServiceSpecificCredential: serviceCredentialView(user, cred, true) };
  },

  UpdateServiceSpecificCredential(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    serviceCredential(user, input.ServiceSpecificCredentialId).status = input.Status as 'Active' | 'Inactive';
  },

  DeleteServiceSpecificCredential(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const cred = serviceCredential(user, input.ServiceSpecificCredentialId);
    user.serviceCredentials = user.serviceCredentials.filter((c) => c !== cred);
  },

  ListServiceSpecificCredentials(input, ctx) {
    const b = ctx.backend;
    const users = input.AllUsers ? [...b.users.values()] : input.UserName === undefined && !callingUser(ctx) ? [] : [userOrCaller(ctx, input.UserName)];
    const creds = users.flatMap((u) => u.serviceCredentials.filter((c) => !input.ServiceName || c.service === input.ServiceName).map((c) => ({ u, c })));
    const page = pageOf(creds, input.Marker, input.MaxItems, (x) => x.c.id);
    return { ServiceSpecificCredentials: page.items.map((x) => serviceCredentialView(x.u, x.c, false)), ...pageFields(page) };
  },
};

export type { Ctx };
