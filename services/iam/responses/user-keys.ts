/** SSH public keys, signing certificates and service-specific credentials of users. */
import { createHash, randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { noSuchEntity, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { User } from '../models/entities';
import { newId } from '../models/ids';
import { readCertificate, readSshKey } from '../models/keys';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  date,
  pageFields,
} from './common';
import { callingUser, userOrCaller } from './users';

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

export const userKeyHandlers: HandlerTable<IamOperations, IamBackend> = {
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
