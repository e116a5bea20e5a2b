/** The operations the family tests leave out: each through the SDK, with its effect read back. */
import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserPermissionsBoundaryCommand,
  DetachGroupPolicyCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableMFADeviceCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetAccountSummaryCommand,
  GetGroupPolicyCommand,
  GetMFADeviceCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  GetSAMLProviderCommand,
  GetUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupPoliciesCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfileTagsCommand,
  ListMFADeviceTagsCommand,
  ListPolicyTagsCommand,
  ListRoleTagsCommand,
  ListSAMLProviderTagsCommand,
  ListServerCertificateTagsCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  ListOpenIDConnectProviderTagsCommand,
  CreateOpenIDConnectProviderCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  ResetServiceSpecificCredentialCommand,
  ResyncMFADeviceCommand,
  SetSecurityTokenServicePreferencesCommand,
  TagInstanceProfileCommand,
  TagMFADeviceCommand,
  TagPolicyCommand,
  TagRoleCommand,
  TagSAMLProviderCommand,
  TagServerCertificateCommand,
  UntagInstanceProfileCommand,
  UntagMFADeviceCommand,
  UntagOpenIDConnectProviderCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  UntagSAMLProviderCommand,
  UntagServerCertificateCommand,
  UpdateLoginProfileCommand,
  UpdateSAMLProviderCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  GetLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { totp } from '../../../services/iam/models/otp';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, allowS3, failure, fixture, iam, lambdaTrust, sshRsaKey } from './support';

const tag = [{ Key: 'env', Value: 'test' }];


const samlMetadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">${'<!-- padding -->'.repeat(70)}</md:EntityDescriptor>`;

describe('IAM: the remaining operations', () => {
  useMockAws();

  it('puts, reads, lists and deletes group and role inline policies', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'gp', PolicyDocument: allowS3 }));
    expect((await iam.send(new GetGroupPolicyCommand({ GroupName: 'g', PolicyName: 'gp' }))).GroupName).toBe('g');
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'g' }))).PolicyNames).toEqual(['gp']);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'g', PolicyName: 'gp' }));
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'g' }))).PolicyNames).toEqual([]);
    const gone = await failure(iam.send(new DeleteGroupPolicyCommand({ GroupName: 'g', PolicyName: 'gp' })));
    expect(gone.message).toBe('The group policy with name gp cannot be found.');
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'rp', PolicyDocument: allowS3 }));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'rp' }));
    expect((await failure(iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'rp' })))).message).toBe(
      'The role policy with name rp cannot be found.',
    );
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    for (const n of ['b', 'a', 'c']) await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: n, PolicyDocument: allowS3 }));
    const page = await iam.send(new ListUserPoliciesCommand({ UserName: 'u', MaxItems: 2 }));
    expect(page.PolicyNames).toEqual(['a', 'b']);
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'u', Marker: page.Marker }))).PolicyNames).toEqual(['c']);
  });

  it('attaches and detaches group policies', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }));
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g' }))).AttachedPolicies).toEqual([{ PolicyName: 'ReadOnlyAccess', PolicyArn: arn }]);
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }));
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g' }))).AttachedPolicies).toEqual([]);
  });

  it('removes a user permissions boundary', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u', PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'u' }))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/AmazonS3FullAccess');
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'u' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'u' }))).User?.PermissionsBoundary).toBeUndefined();
    const bad = await failure(iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'u', PermissionsBoundary: 'not-an-arn-but-long-enough' })));
    expect(bad.name).toBe('InvalidInputException');
    expect(bad.message).toBe('ARN not-an-arn-but-long-enough is not valid.');
  });

  it('tags and untags roles, policies, instance profiles, MFA devices, providers and certificates', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new TagRoleCommand({ RoleName: 'r', Tags: tag }));
    await iam.send(new UntagRoleCommand({ RoleName: 'r', TagKeys: ['env'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags).toEqual([]);

    const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowS3 }))).Policy?.Arn;
    await iam.send(new TagPolicyCommand({ PolicyArn: policyArn, Tags: tag }));
    await iam.send(new UntagPolicyCommand({ PolicyArn: policyArn, TagKeys: ['ENV'] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn }))).Tags).toEqual([]);

    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: tag }));
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ip' }))).Tags).toEqual(tag);
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'ip', TagKeys: ['env'] }));
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ip' }))).Tags).toEqual([]);

    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'd' }));
    await iam.send(new TagMFADeviceCommand({ SerialNumber: VirtualMFADevice?.SerialNumber, Tags: tag }));
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: VirtualMFADevice?.SerialNumber }))).Tags).toEqual(tag);
    await iam.send(new UntagMFADeviceCommand({ SerialNumber: VirtualMFADevice?.SerialNumber, TagKeys: ['env'] }));
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: VirtualMFADevice?.SerialNumber }))).Tags).toEqual([]);

    const oidc = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://idp.example.com', ThumbprintList: ['c'.repeat(40)], Tags: tag }))).OpenIDConnectProviderArn;
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: oidc, TagKeys: ['env'] }));
    expect((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: oidc }))).Tags).toEqual([]);

    const saml = (await iam.send(new CreateSAMLProviderCommand({ Name: 's', SAMLMetadataDocument: samlMetadata }))).SAMLProviderArn;
    await iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: saml, Tags: tag }));
    expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: saml }))).Tags).toEqual(tag);
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: saml, TagKeys: ['env'] }));
    expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: saml }))).Tags).toEqual([]);

    await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'c', CertificateBody: fixture('cert-1.pem'), PrivateKey: fixture('key-1.pem') }));
    await iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'c', Tags: tag }));
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'c' }))).Tags).toEqual(tag);
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'c', TagKeys: ['env'] }));
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'c' }))).Tags).toEqual([]);
  });

  it('lists instance profiles by path, paged', async () => {
    for (const n of ['a', 'b', 'c']) await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: n === 'c' ? '/x/' : '/' }));
    const first = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 2 }));
    expect(first.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['a', 'b']);
    expect((await iam.send(new ListInstanceProfilesCommand({ Marker: first.Marker }))).InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['c']);
    expect((await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/x/' }))).InstanceProfiles).toHaveLength(1);
  });

  it('resyncs and reads an MFA device', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/p/' }));
    expect(VirtualMFADevice?.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/p/phone`);
    const seed = Buffer.from(VirtualMFADevice?.Base32StringSeed as Uint8Array).toString();
    const step = Math.floor(Date.now() / 30000) - 2;
    const serial = VirtualMFADevice?.SerialNumber;
    await iam.send(new EnableMFADeviceCommand({ UserName: 'u', SerialNumber: serial, AuthenticationCode1: totp(seed, step), AuthenticationCode2: totp(seed, step + 1) }));
    await iam.send(new ResyncMFADeviceCommand({ UserName: 'u', SerialNumber: serial, AuthenticationCode1: totp(seed, step + 1), AuthenticationCode2: totp(seed, step + 2) }));
    const bad = await failure(iam.send(new ResyncMFADeviceCommand({ UserName: 'u', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '000000' })));
    expect(bad.name).toBe('InvalidAuthenticationCodeException');
    const got = await iam.send(new GetMFADeviceCommand({ SerialNumber: serial }));
    expect(got.UserName).toBe('u');
    expect(got.EnableDate).toBeInstanceOf(Date);
  });

  it('updates and deletes SSH keys and signing certificates', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    const key = (await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'u', SSHPublicKeyBody: sshRsaKey() }))).SSHPublicKey?.SSHPublicKeyId;
    await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'u', SSHPublicKeyId: key, Status: 'Inactive' }));
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'u' }))).SSHPublicKeys?.[0].Status).toBe('Inactive');
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'u', SSHPublicKeyId: key }));
    expect((await failure(iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'u', SSHPublicKeyId: key })))).message).toBe(`The Public Key with id ${key} cannot be found.`);
    const cert = (await iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: fixture('cert-2.pem') }))).Certificate?.CertificateId;
    await iam.send(new UpdateSigningCertificateCommand({ UserName: 'u', CertificateId: cert, Status: 'Inactive' }));
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'u' }))).Certificates?.[0].Status).toBe('Inactive');
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'u', CertificateId: cert }));
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'u' }))).Certificates).toEqual([]);
  });

  it('resets, updates and deletes service-specific credentials', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    const created = (await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'u', ServiceName: 'cassandra.amazonaws.com' }))).ServiceSpecificCredential;
    const id = created?.ServiceSpecificCredentialId;
    const reset = await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'u', ServiceSpecificCredentialId: id }));
    expect(reset.ServiceSpecificCredential?.ServicePassword).not.toBe(created?.ServicePassword);
    await iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'u', ServiceSpecificCredentialId: id, Status: 'Inactive' }));
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'u' }))).ServiceSpecificCredentials?.[0].Status).toBe('Inactive');
    await iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'u', ServiceSpecificCredentialId: id }));
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'u' }))).ServiceSpecificCredentials).toEqual([]);
  });

  it('updates a login profile under the password policy', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'Abcdefg1!' }));
    const weak = await failure(iam.send(new UpdateLoginProfileCommand({ UserName: 'u', Password: 'abc' })));
    expect(weak.name).toBe('PasswordPolicyViolationException');
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'u', PasswordResetRequired: true }));
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'u' }))).LoginProfile?.PasswordResetRequired).toBe(true);
  });

  it('updates a SAML provider', async () => {
    const arn = (await iam.send(new CreateSAMLProviderCommand({ Name: 's', SAMLMetadataDocument: samlMetadata }))).SAMLProviderArn;
    const next = samlMetadata.replace('entityID="x"', 'entityID="x" validUntil="2031-05-01T00:00:00Z"');
    expect((await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: next }))).SAMLProviderArn).toBe(arn);
    expect((await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).ValidUntil?.toISOString()).toBe('2031-05-01T00:00:00.000Z');
  });

  it('keeps STS token preferences and outbound web identity federation', async () => {
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.GlobalEndpointTokenVersion).toBe(2);
    const off = await failure(iam.send(new GetOutboundWebIdentityFederationInfoCommand({})));
    expect(off.name).toBe('FeatureDisabledException');
    const on = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(on.IssuerIdentifier).toMatch(/^https:\/\/[0-9a-f-]{36}\.tokens\.sts\.global\.api\.aws$/);
    expect((await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier).toBe(on.IssuerIdentifier);
    expect((await failure(iam.send(new EnableOutboundWebIdentityFederationCommand({})))).name).toBe('FeatureEnabledException');
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    expect((await failure(iam.send(new DisableOutboundWebIdentityFederationCommand({})))).name).toBe('FeatureDisabledException');
  });
});
