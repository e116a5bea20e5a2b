import {
  AssociateEmailIdentityCertificateCommand,
  CreateConfigurationSetCommand,
  CreateDedicatedIpPoolCommand,
  CreateDeliverabilityTestReportCommand,
  CreateEmailIdentityCommand,
  CreateMultiRegionEndpointCommand,
  CreateTenantCommand,
  CreateTenantResourceAssociationCommand,
  DeleteDedicatedIpPoolCommand,
  DeleteMultiRegionEndpointCommand,
  DeleteTenantCommand,
  DeleteTenantResourceAssociationCommand,
  DisassociateEmailIdentityCertificateCommand,
  GetAccountCommand,
  GetBlacklistReportsCommand,
  GetConfigurationSetCommand,
  GetDedicatedIpCommand,
  GetDedicatedIpPoolCommand,
  GetDedicatedIpsCommand,
  GetDeliverabilityDashboardOptionsCommand,
  GetDeliverabilityTestReportCommand,
  GetMultiRegionEndpointCommand,
  GetReputationEntityCommand,
  GetTenantCommand,
  ListDedicatedIpPoolsCommand,
  ListDeliverabilityTestReportsCommand,
  ListEmailIdentityCertificatesCommand,
  ListMultiRegionEndpointsCommand,
  ListReputationEntitiesCommand,
  ListResourceTenantsCommand,
  ListTagsForResourceCommand,
  ListTenantResourcesCommand,
  ListTenantsCommand,
  PutAccountDedicatedIpWarmupAttributesCommand,
  PutAccountPricingAttributesCommand,
  PutAccountVdmAttributesCommand,
  PutDedicatedIpInPoolCommand,
  PutDedicatedIpPoolScalingAttributesCommand,
  PutDedicatedIpWarmupAttributesCommand,
  PutDeliverabilityDashboardOptionCommand,
  PutTenantSuppressionAttributesCommand,
  SESv2Client,
  UpdateConfigurationSetCommand,
  UpdateReputationEntityCustomerManagedStatusCommand,
  UpdateReputationEntityPolicyCommand,
  GetSuppressedDestinationCommand,
  ListSuppressedDestinationsCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { useMockAws } from '../lifecycle';

const ARN = 'arn:aws:ses:us-east-1:123456789012';

describe('SES v2 account resources', () => {
  const aws = useMockAws();
  const ses = new SESv2Client({ region: 'us-east-1' });

  it('stores dedicated IP pools; a new account leases no dedicated IPs', async () => {
    await ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'marketing', Tags: [{ Key: 'team', Value: 'growth' }] }));
    await ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'managed', ScalingMode: 'MANAGED' }));
    await expect(ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'marketing' }))).rejects.toMatchObject({ name: 'AlreadyExistsException', $metadata: { httpStatusCode: 400 } });
    expect((await ses.send(new GetDedicatedIpPoolCommand({ PoolName: 'marketing' }))).DedicatedIpPool).toEqual({ PoolName: 'marketing', ScalingMode: 'STANDARD' });
    expect((await ses.send(new ListDedicatedIpPoolsCommand({}))).DedicatedIpPools).toEqual(['managed', 'marketing']);
    expect((await ses.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:dedicated-ip-pool/marketing` }))).Tags).toEqual([{ Key: 'team', Value: 'growth' }]);
    expect((await ses.send(new GetDedicatedIpsCommand({}))).DedicatedIps).toEqual([]);
    await expect(ses.send(new GetDedicatedIpCommand({ Ip: '192.0.2.10' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(ses.send(new PutDedicatedIpInPoolCommand({ Ip: '192.0.2.10', DestinationPoolName: 'marketing' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(ses.send(new GetDedicatedIpsCommand({ PoolName: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(ses.send(new PutDedicatedIpPoolScalingAttributesCommand({ PoolName: 'managed', ScalingMode: 'STANDARD' }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'MANAGED pools cannot be converted to STANDARD scaling mode.',
    });
    await ses.send(new PutDedicatedIpPoolScalingAttributesCommand({ PoolName: 'marketing', ScalingMode: 'MANAGED' }));
    expect((await ses.send(new GetDedicatedIpPoolCommand({ PoolName: 'marketing' }))).DedicatedIpPool?.ScalingMode).toBe('MANAGED');
    await ses.send(new DeleteDedicatedIpPoolCommand({ PoolName: 'marketing' }));
    await expect(ses.send(new GetDedicatedIpPoolCommand({ PoolName: 'marketing' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('moves a leased IP between pools and records its warm-up; the account warm-up flag shows in GetAccount', async () => {
    (await aws.backends.sesv2()).leaseDedicatedIp('192.0.2.10');
    await ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'tx' }));
    await ses.send(new PutDedicatedIpInPoolCommand({ Ip: '192.0.2.10', DestinationPoolName: 'tx' }));
    await ses.send(new PutDedicatedIpWarmupAttributesCommand({ Ip: '192.0.2.10', WarmupPercentage: 40 }));
    expect((await ses.send(new GetDedicatedIpCommand({ Ip: '192.0.2.10' }))).DedicatedIp).toEqual({ Ip: '192.0.2.10', PoolName: 'tx', WarmupPercentage: 40, WarmupStatus: 'IN_PROGRESS' });
    await ses.send(new PutDedicatedIpWarmupAttributesCommand({ Ip: '192.0.2.10', WarmupPercentage: 100 }));
    expect((await ses.send(new GetDedicatedIpsCommand({ PoolName: 'tx' }))).DedicatedIps?.map((d) => d.WarmupStatus)).toEqual(['DONE']);
    expect((await ses.send(new GetBlacklistReportsCommand({ BlacklistItemNames: ['192.0.2.10'] }))).BlacklistReport).toEqual({ '192.0.2.10': [] });
    expect((await ses.send(new GetAccountCommand({}))).DedicatedIpAutoWarmupEnabled).toBe(false);
    await ses.send(new PutAccountDedicatedIpWarmupAttributesCommand({ AutoWarmupEnabled: true }));
    expect((await ses.send(new GetAccountCommand({}))).DedicatedIpAutoWarmupEnabled).toBe(true);
  });

  it('stores VDM attributes; a pricing plan change waits for the next month', async () => {
    await ses.send(new PutAccountVdmAttributesCommand({ VdmAttributes: { VdmEnabled: 'ENABLED', DashboardAttributes: { EngagementMetrics: 'ENABLED' } } }));
    aws.clock.set('2026-03-15T10:00:00Z');
    await ses.send(new PutAccountPricingAttributesCommand({ Plan: 'PRO' }));
    const account = await ses.send(new GetAccountCommand({}));
    expect(account.VdmAttributes).toEqual({ VdmEnabled: 'ENABLED', DashboardAttributes: { EngagementMetrics: 'ENABLED' } });
    expect(account.PricingAttributes).toEqual({ CurrentPlan: 'NONE', NextPlan: 'PRO' });
    aws.clock.set('2026-04-01T00:00:01Z');
    expect((await ses.send(new GetAccountCommand({}))).PricingAttributes).toEqual({ CurrentPlan: 'PRO' });
  });

  it('subscribes the deliverability dashboard, runs placement tests on the clock, and cancels to the end of the month', async () => {
    (await aws.backends.sesv2()).autoVerify = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    expect(await ses.send(new GetDeliverabilityDashboardOptionsCommand({}))).toMatchObject({ DashboardEnabled: false, AccountStatus: 'DISABLED' });
    const test = { FromEmailAddress: 'news@example.com', Content: { Simple: { Subject: { Data: 'Spring sale' }, Body: { Text: { Data: 'hi' } } } } };
    await expect(ses.send(new CreateDeliverabilityTestReportCommand(test))).rejects.toMatchObject({ name: 'BadRequestException' });
    aws.clock.set('2026-05-10T12:00:00Z');
    await ses.send(new PutDeliverabilityDashboardOptionCommand({ DashboardEnabled: true, SubscribedDomains: [{ Domain: 'example.com', InboxPlacementTrackingOption: { Global: true } }] }));
    const opts = await ses.send(new GetDeliverabilityDashboardOptionsCommand({}));
    expect(opts).toMatchObject({ DashboardEnabled: true, AccountStatus: 'ACTIVE', ActiveSubscribedDomains: [{ Domain: 'example.com', SubscriptionStartDate: expect.any(Date) }] });
    await expect(ses.send(new CreateDeliverabilityTestReportCommand({ ...test, FromEmailAddress: 'x@unverified.org' }))).rejects.toMatchObject({ name: 'MessageRejected' });
    const { ReportId, DeliverabilityTestStatus } = await ses.send(new CreateDeliverabilityTestReportCommand({ ...test, ReportName: 'spring' }));
    expect(DeliverabilityTestStatus).toBe('IN_PROGRESS');
    expect((await ses.send(new GetDeliverabilityTestReportCommand({ ReportId }))).IspPlacements).toEqual([]);
    aws.clock.advance(60_000);
    const report = await ses.send(new GetDeliverabilityTestReportCommand({ ReportId }));
    expect(report.DeliverabilityTestReport).toMatchObject({ ReportName: 'spring', Subject: 'Spring sale', FromEmailAddress: 'news@example.com', DeliverabilityTestStatus: 'COMPLETED' });
    expect(report.OverallPlacement).toEqual({ InboxPercentage: 100, SpamPercentage: 0, MissingPercentage: 0, SpfPercentage: 100, DkimPercentage: 100 });
    expect((await ses.send(new ListDeliverabilityTestReportsCommand({}))).DeliverabilityTestReports?.map((r) => r.ReportId)).toEqual([ReportId]);
    await expect(ses.send(new GetDeliverabilityTestReportCommand({ ReportId: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });

    await ses.send(new PutDeliverabilityDashboardOptionCommand({ DashboardEnabled: false }));
    expect(await ses.send(new GetDeliverabilityDashboardOptionsCommand({}))).toMatchObject({
      DashboardEnabled: false,
      AccountStatus: 'PENDING_EXPIRATION',
      SubscriptionExpiryDate: new Date('2026-05-31T23:59:59Z'),
      ActiveSubscribedDomains: [],
      PendingExpirationSubscribedDomains: [{ Domain: 'example.com' }],
    });
    aws.clock.set('2026-06-01T00:00:01Z');
    expect(await ses.send(new GetDeliverabilityDashboardOptionsCommand({}))).toMatchObject({ AccountStatus: 'DISABLED', PendingExpirationSubscribedDomains: [] });
  });

  it('creates multi-region endpoints that become READY on the clock', async () => {
    const { Status, EndpointId } = await ses.send(new CreateMultiRegionEndpointCommand({ EndpointName: 'global', Details: { RoutesDetails: [{ Region: 'us-west-2' }] } }));
    expect(Status).toBe('CREATING');
    await expect(ses.send(new CreateMultiRegionEndpointCommand({ EndpointName: 'global', Details: { RoutesDetails: [{ Region: 'eu-west-1' }] } }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    await expect(ses.send(new CreateMultiRegionEndpointCommand({ EndpointName: 'same', Details: { RoutesDetails: [{ Region: 'us-east-1' }] } }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(ses.send(new CreateMultiRegionEndpointCommand({ EndpointName: 'two', Details: { RoutesDetails: [{ Region: 'us-west-2' }, { Region: 'eu-west-1' }] } }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    aws.clock.advance(60_000);
    expect(await ses.send(new GetMultiRegionEndpointCommand({ EndpointName: 'global' }))).toMatchObject({ EndpointId, Status: 'READY', Routes: [{ Region: 'us-east-1' }, { Region: 'us-west-2' }] });
    expect((await ses.send(new ListMultiRegionEndpointsCommand({}))).MultiRegionEndpoints).toMatchObject([{ EndpointName: 'global', Regions: ['us-east-1', 'us-west-2'], Status: 'READY' }]);
    expect((await ses.send(new DeleteMultiRegionEndpointCommand({ EndpointName: 'global' }))).Status).toBe('DELETING');
    await expect(ses.send(new GetMultiRegionEndpointCommand({ EndpointName: 'global' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('pages multi-region endpoints with base64 tokens the model accepts back', async () => {
    for (const n of ['a', 'b', 'c']) await ses.send(new CreateMultiRegionEndpointCommand({ EndpointName: n, Details: { RoutesDetails: [{ Region: 'us-west-2' }] } }));
    const first = await ses.send(new ListMultiRegionEndpointsCommand({ PageSize: 2 }));
    expect(first.MultiRegionEndpoints?.map((e) => e.EndpointName)).toEqual(['a', 'b']);
    const second = await ses.send(new ListMultiRegionEndpointsCommand({ PageSize: 2, NextToken: first.NextToken }));
    expect(second.MultiRegionEndpoints?.map((e) => e.EndpointName)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('groups resources in tenants, with suppression attributes and reputation entities', async () => {
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'acme.com' }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'acme-tx' }));
    const created = await ses.send(new CreateTenantCommand({ TenantName: 'acme', Tags: [{ Key: 'plan', Value: 'gold' }] }));
    expect(created).toMatchObject({ TenantName: 'acme', SendingStatus: 'ENABLED', Tags: [{ Key: 'plan', Value: 'gold' }] });
    expect(created.TenantArn).toBe(`${ARN}:tenant/acme/${created.TenantId}`);
    await expect(ses.send(new CreateTenantCommand({ TenantName: 'acme' }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    const identityArn = `${ARN}:identity/acme.com`;
    const setArn = `${ARN}:configuration-set/acme-tx`;
    await ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: identityArn }));
    await ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: setArn }));
    await expect(ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: identityArn }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    await expect(ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: `${ARN}:identity/other.com` }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'nobody', ResourceArn: identityArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await ses.send(new ListTenantResourcesCommand({ TenantName: 'acme', Filter: { RESOURCE_TYPE: 'CONFIGURATION_SET' } }))).TenantResources).toEqual([
      { ResourceArn: setArn, ResourceType: 'CONFIGURATION_SET' },
    ]);
    expect((await ses.send(new ListResourceTenantsCommand({ ResourceArn: identityArn }))).ResourceTenants).toMatchObject([{ TenantName: 'acme', TenantId: created.TenantId, ResourceArn: identityArn }]);
    await ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'acme', SuppressedReasons: ['BOUNCE'], SuppressionScope: 'TENANT' }));
    expect((await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant).toMatchObject({ SuppressionAttributes: { SuppressedReasons: ['BOUNCE'], SuppressionScope: 'TENANT' } });

    const tenantArn = created.TenantArn as string;
    expect((await ses.send(new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: tenantArn }))).ReputationEntity).toMatchObject({
      CustomerManagedStatus: { Status: 'ENABLED' },
      AwsSesManagedStatus: { Status: 'ENABLED' },
      SendingStatusAggregate: 'ENABLED',
    });
    await ses.send(new UpdateReputationEntityCustomerManagedStatusCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: tenantArn, SendingStatus: 'DISABLED' }));
    await ses.send(new UpdateReputationEntityPolicyCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: tenantArn, ReputationEntityPolicy: 'arn:aws:ses:us-east-1:aws:reputation-policy/strict' }));
    expect((await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.SendingStatus).toBe('DISABLED');
    const disabled = await ses.send(new ListReputationEntitiesCommand({ Filter: { SENDING_STATUS: 'DISABLED' } }));
    expect(disabled.ReputationEntities).toMatchObject([{ ReputationEntityReference: tenantArn, ReputationManagementPolicy: 'arn:aws:ses:us-east-1:aws:reputation-policy/strict' }]);
    expect((await ses.send(new ListReputationEntitiesCommand({ Filter: { ENTITY_REFERENCE_PREFIX: `${ARN}:identity/` } }))).ReputationEntities?.map((e) => e.ReputationEntityReference)).toEqual([identityArn]);
    await expect(ses.send(new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: `${ARN}:tenant/x/y` }))).rejects.toMatchObject({ name: 'NotFoundException' });

    await ses.send(new DeleteTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: setArn }));
    await expect(ses.send(new DeleteTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: setArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await ses.send(new ListTenantsCommand({}))).Tenants?.map((t) => t.TenantName)).toEqual(['acme']);
    await ses.send(new DeleteTenantCommand({ TenantName: 'acme' }));
    await expect(ses.send(new GetTenantCommand({ TenantName: 'acme' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await ses.send(new ListResourceTenantsCommand({ ResourceArn: identityArn }))).ResourceTenants).toEqual([]);
  });

  it('sends through a tenant only with its resources associated, while it may send, against its own suppression list', async () => {
    const b = await aws.backends.sesv2();
    b.autoVerify = true;
    b.productionAccess = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'acme.com' }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'acme-tx' }));
    const { TenantArn } = await ses.send(new CreateTenantCommand({ TenantName: 'acme' }));
    const send = (to: string, TenantName?: string) =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'hi@acme.com',
          Destination: { ToAddresses: [to] },
          ConfigurationSetName: 'acme-tx',
          TenantName,
          Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'T' } } } },
        }),
      );
    await expect(send('a@example.org', 'nobody')).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(send('a@example.org', 'acme')).rejects.toMatchObject({ name: 'MessageRejected' });
    await ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: `${ARN}:identity/acme.com` }));
    await expect(send('a@example.org', 'acme')).rejects.toMatchObject({ name: 'MessageRejected', message: `Resources not associated with tenant acme: ${ARN}:configuration-set/acme-tx` });
    await ses.send(new CreateTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: `${ARN}:configuration-set/acme-tx` }));
    await send('a@example.org', 'acme');

    await ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'acme', SuppressionScope: 'TENANT' }));
    await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', Reason: 'BOUNCE', TenantName: 'acme' }));
    expect((await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', TenantName: 'acme' }))).SuppressedDestination).toMatchObject({ Reason: 'BOUNCE', TenantName: 'acme' });
    await expect(ses.send(new GetSuppressedDestinationCommand({ EmailAddress: 'gone@example.org' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(ses.send(new ListSuppressedDestinationsCommand({ TenantName: 'nobody' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const viaTenant = await send('gone@example.org', 'acme');
    const direct = await send('gone@example.org');
    expect(b.sent.find((m) => m.messageId === viaTenant.MessageId)?.suppressed).toEqual(['gone@example.org']);
    expect(b.sent.find((m) => m.messageId === direct.MessageId)?.suppressed).toEqual([]);

    await ses.send(new UpdateReputationEntityCustomerManagedStatusCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: TenantArn, SendingStatus: 'DISABLED' }));
    await expect(send('a@example.org', 'acme')).rejects.toMatchObject({ name: 'MessageRejected', message: 'Sending is paused for tenant acme.' });
  });

  it('associates S/MIME certificates with identities by from address', async () => {
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    const CertificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f2b1c3d-1111-2222-3333-444455556666';
    await expect(ses.send(new AssociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', CertificateArn }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(ses.send(new AssociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', FromAddress: 'a@other.com', CertificateArn }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(ses.send(new AssociateEmailIdentityCertificateCommand({ EmailIdentity: 'nope.com', FromAddress: 'a@nope.com', CertificateArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await ses.send(new AssociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', FromAddress: 'billing@mail.example.com', CertificateArn }));
    await expect(ses.send(new AssociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', FromAddress: 'billing@mail.example.com', CertificateArn }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    expect((await ses.send(new ListEmailIdentityCertificatesCommand({ EmailIdentity: 'example.com' }))).Certificates).toEqual([{ FromAddress: 'billing@mail.example.com', Status: 'ACTIVE', CertificateArn }]);
    await ses.send(new DisassociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', FromAddress: 'billing@mail.example.com' }));
    // Idempotent: no association left is not an error.
    await ses.send(new DisassociateEmailIdentityCertificateCommand({ EmailIdentity: 'example.com', FromAddress: 'billing@mail.example.com' }));
    expect((await ses.send(new ListEmailIdentityCertificatesCommand({ EmailIdentity: 'example.com' }))).Certificates).toEqual([]);
    await expect(ses.send(new DisassociateEmailIdentityCertificateCommand({ EmailIdentity: 'nope.com', FromAddress: 'a@nope.com' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('takes __proto__ and constructor as ordinary names', async () => {
    await ses.send(new CreateTenantCommand({ TenantName: '__proto__' }));
    await ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'constructor' }));
    expect((await ses.send(new GetTenantCommand({ TenantName: '__proto__' }))).Tenant?.TenantName).toBe('__proto__');
    await expect(ses.send(new GetTenantCommand({ TenantName: 'constructor' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await ses.send(new ListDedicatedIpPoolsCommand({}))).DedicatedIpPools).toEqual(['constructor']);
    // The report map is keyed by the caller's names: `__proto__` answers (the SDK's own map parsing drops that key).
    (await aws.backends.sesv2()).blacklistings.set('__proto__', [{ RblName: 'rbl.example' }]);
    await expect(ses.send(new GetBlacklistReportsCommand({ BlacklistItemNames: ['__proto__'] }))).resolves.toBeDefined();
  });

  it('updates only the configuration set options given', async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tx', TrackingOptions: { CustomRedirectDomain: 'links.example.com' } }));
    await ses.send(new UpdateConfigurationSetCommand({ ConfigurationSetName: 'tx', MessageSecurityOptions: { SigningScheme: { SmimeScheme: { SignatureFormat: 'DETACHED' } } } }));
    expect(await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'tx' }))).toMatchObject({
      TrackingOptions: { CustomRedirectDomain: 'links.example.com' },
      MessageSecurityOptions: { SigningScheme: { SmimeScheme: { SignatureFormat: 'DETACHED' } } },
    });
    await expect(ses.send(new UpdateConfigurationSetCommand({ ConfigurationSetName: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
