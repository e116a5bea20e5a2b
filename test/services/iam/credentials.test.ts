import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  GetSSHPublicKeyCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { totp } from '../../../services/iam/models/otp';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, failure, fixture, iam, sshRsaKey } from './support';


function clientsFor(key: { AccessKeyId?: string; SecretAccessKey?: string }) {
  const credentials = { accessKeyId: key.AccessKeyId as string, secretAccessKey: key.SecretAccessKey as string };
  return {
    sts: new STSClient({ region: 'us-east-1', credentials, maxAttempts: 1 }),
    iam: new IAMClient({ region: 'us-east-1', credentials, maxAttempts: 1 }),
  };
}


describe('IAM credentials', () => {
  useMockAws();

  it('issues access keys that authenticate as the user', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'ci', Path: '/bots/' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'ci' }));
    expect(AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(AccessKey?.SecretAccessKey).toHaveLength(40);
    expect(AccessKey?.Status).toBe('Active');
    const as = clientsFor(AccessKey!);
    const who = await as.sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/bots/ci`);
    expect(who.Account).toBe(ACCOUNT);
    expect(who.UserId).toMatch(/^AIDA/);
    // GetUser without a name answers the caller, and the key's last use is recorded.
    expect((await as.iam.send(new GetUserCommand({}))).User?.UserName).toBe('ci');
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey?.AccessKeyId }));
    expect(used.UserName).toBe('ci');
    expect(used.AccessKeyLastUsed?.ServiceName).toBe('iam');
    expect(used.AccessKeyLastUsed?.Region).toBe('us-east-1');
  });

  it('refuses an Inactive or deleted key with InvalidClientTokenId, and a reactivated one works again', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
    const as = clientsFor(AccessKey!);
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'u', AccessKeyId: AccessKey?.AccessKeyId, Status: 'Inactive' }));
    const e = await failure(as.sts.send(new GetCallerIdentityCommand({})));
    expect(e.name).toBe('InvalidClientTokenId');
    expect(e.message).toBe('The security token included in the request is invalid.');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect((await failure(as.iam.send(new ListAccessKeysCommand({})))).name).toBe('InvalidClientTokenId');
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'u', AccessKeyId: AccessKey?.AccessKeyId, Status: 'Active' }));
    expect((await as.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/u`);
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'u', AccessKeyId: AccessKey?.AccessKeyId }));
    expect((await failure(as.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
  });

  it('allows two access keys per user and lists them', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
    const e = await failure(iam.send(new CreateAccessKeyCommand({ UserName: 'u' })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2');
    const list = await iam.send(new ListAccessKeysCommand({ UserName: 'u' }));
    expect(list.AccessKeyMetadata?.map((k) => k.Status)).toEqual(['Active', 'Active']);
    const del = await failure(iam.send(new DeleteUserCommand({ UserName: 'u' })));
    expect(del.name).toBe('DeleteConflictException');
    expect(del.message).toBe('Cannot delete entity, must delete access keys first.');
    const missing = await failure(iam.send(new DeleteAccessKeyCommand({ UserName: 'u', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })));
    expect(missing.message).toBe('The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.');
  });

  it('reports a key never used as N/A', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
    const out = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey?.AccessKeyId }));
    expect(out.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
  });

  it('creates login profiles under the account password policy; users change their own password', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'web' }));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireNumbers: true, AllowUsersToChangePassword: true }));
    const short = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'web', Password: 'Short1!' })));
    expect(short.name).toBe('PasswordPolicyViolationException');
    expect(short.message).toBe('Password should have a minimum length of 12');
    const noNumber = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'web', Password: 'LongEnoughPassword' })));
    expect(noNumber.message).toBe('Password should have at least one number');
    const created = await iam.send(new CreateLoginProfileCommand({ UserName: 'web', Password: 'LongEnough123', PasswordResetRequired: true }));
    expect(created.LoginProfile?.PasswordResetRequired).toBe(true);
    const dup = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'web', Password: 'LongEnough123' })));
    expect(dup.message).toBe('Login Profile for user web already exists.');
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'web' }));
    await clientsFor(AccessKey!).iam.send(new ChangePasswordCommand({ OldPassword: 'LongEnough123', NewPassword: 'EvenLonger456' }));
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'web' }))).LoginProfile?.PasswordResetRequired).toBe(false);
    const root = await failure(iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })));
    expect(root.name).toBe('InvalidUserTypeException');
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'web' }));
    const gone = await failure(iam.send(new GetLoginProfileCommand({ UserName: 'web' })));
    expect(gone.message).toBe('Login Profile for User web cannot be found.');
  });

  it('enables a virtual MFA device with two consecutive TOTP codes from its seed', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'mfa-user' }));
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone' }));
    expect(VirtualMFADevice?.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/phone`);
    const seed = Buffer.from(VirtualMFADevice?.Base32StringSeed as Uint8Array).toString();
    expect(seed).toMatch(/^[A-Z2-7]{40}$/);
    const wrong = await failure(
      iam.send(new EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })),
    );
    expect(wrong.name).toBe('InvalidAuthenticationCodeException');
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const step = Math.floor(Date.now() / 30000) - 1;
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'mfa-user',
        SerialNumber: VirtualMFADevice?.SerialNumber,
        AuthenticationCode1: totp(seed, step),
        AuthenticationCode2: totp(seed, step + 1),
      }),
    );
    const devices = await iam.send(new ListMFADevicesCommand({ UserName: 'mfa-user' }));
    expect(devices.MFADevices?.map((d) => d.SerialNumber)).toEqual([VirtualMFADevice?.SerialNumber]);
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))).VirtualMFADevices?.[0].User?.UserName).toBe('mfa-user');
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toEqual([]);
    const busy = await failure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VirtualMFADevice?.SerialNumber })));
    expect(busy.name).toBe('DeleteConflictException');
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: VirtualMFADevice?.SerialNumber }));
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VirtualMFADevice?.SerialNumber }));
    expect((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
  });

  it('uploads SSH public keys with their MD5 fingerprint and returns them as PEM', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'git' }));
    const body = sshRsaKey();
    const up = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: body }));
    expect(up.SSHPublicKey?.SSHPublicKeyId).toMatch(/^APKA[A-Z0-9]{17}$/);
    expect(up.SSHPublicKey?.Fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const pem = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: up.SSHPublicKey?.SSHPublicKeyId, Encoding: 'PEM' }));
    expect(pem.SSHPublicKey?.SSHPublicKeyBody).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const dup = await failure(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: body })));
    expect(dup.name).toBe('DuplicateSSHPublicKeyException');
    const junk = await failure(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: 'not a key' })));
    expect(junk.name).toBe('UnrecognizedPublicKeyEncodingException');
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'git' }))).SSHPublicKeys).toHaveLength(1);
  });

  it('uploads X.509 signing certificates and refuses malformed or duplicate ones', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'signer' }));
    const cert = fixture('cert-1.pem');
    const up = await iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: cert }));
    expect(up.Certificate?.Status).toBe('Active');
    expect(up.Certificate?.CertificateId).toMatch(/^[A-Z0-9]{32}$/);
    const dup = await failure(iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: cert })));
    expect(dup.name).toBe('DuplicateCertificateException');
    const bad = await failure(iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: 'garbage' })));
    expect(bad.name).toBe('MalformedCertificateException');
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'signer' }))).Certificates?.[0].CertificateId).toBe(up.Certificate?.CertificateId);
  });

  it('creates service-specific credentials for supported services only', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const out = await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }));
    expect(out.ServiceSpecificCredential?.ServiceUserName).toBe(`dev-at-${ACCOUNT}`);
    expect(out.ServiceSpecificCredential?.ServicePassword).toBeTruthy();
    const e = await failure(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 's3.amazonaws.com' })));
    expect(e.name).toBe('ServiceNotSupportedException');
    const list = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }));
    expect(list.ServiceSpecificCredentials?.[0]).not.toHaveProperty('ServicePassword');
  });
});
