/**
 * The SES v2 handler table. Every handler's MailError becomes SES v2's
 * error (exceptions.ts); operations not listed answer NotImplemented.
 */
import type { Handler, HandlerTable } from '../../../src/core/service';
import { asV2 } from '../exceptions';
import type { SesBackend } from '../models/backend';
import type { Sesv2Operations } from '../types';
import * as account from './account';
import * as certificates from './certificates';
import * as sets from './configuration-sets';
import * as contacts from './contacts';
import * as custom from './custom-verification';
import * as dedicatedIps from './dedicated-ips';
import * as deliverability from './deliverability';
import * as identities from './identities';
import * as insights from './insights';
import * as jobs from './jobs';
import * as mre from './multi-region';
import * as send from './send';
import * as tags from './tags';
import * as templates from './templates';
import * as tenants from './tenants';

const table: HandlerTable<Sesv2Operations, SesBackend> = {
  AssociateEmailIdentityCertificate: certificates.associateEmailIdentityCertificate,
  BatchGetMetricData: insights.batchGetMetricData,
  CancelExportJob: jobs.cancelExportJob,
  CreateDedicatedIpPool: dedicatedIps.createDedicatedIpPool,
  CreateDeliverabilityTestReport: deliverability.createDeliverabilityTestReport,
  CreateExportJob: jobs.createExportJob,
  CreateImportJob: jobs.createImportJob,
  CreateMultiRegionEndpoint: mre.createMultiRegionEndpoint,
  CreateTenant: tenants.createTenant,
  CreateTenantResourceAssociation: tenants.createTenantResourceAssociation,
  DeleteDedicatedIpPool: dedicatedIps.deleteDedicatedIpPool,
  DeleteMultiRegionEndpoint: mre.deleteMultiRegionEndpoint,
  DeleteTenant: tenants.deleteTenant,
  DeleteTenantResourceAssociation: tenants.deleteTenantResourceAssociation,
  DisassociateEmailIdentityCertificate: certificates.disassociateEmailIdentityCertificate,
  GetBlacklistReports: deliverability.getBlacklistReports,
  GetDedicatedIp: dedicatedIps.getDedicatedIp,
  GetDedicatedIpPool: dedicatedIps.getDedicatedIpPool,
  GetDedicatedIps: dedicatedIps.getDedicatedIps,
  GetDeliverabilityDashboardOptions: deliverability.getDeliverabilityDashboardOptions,
  GetDeliverabilityTestReport: deliverability.getDeliverabilityTestReport,
  GetDomainDeliverabilityCampaign: deliverability.getDomainDeliverabilityCampaign,
  GetDomainStatisticsReport: deliverability.getDomainStatisticsReport,
  GetEmailAddressInsights: insights.getEmailAddressInsights,
  GetExportJob: jobs.getExportJob,
  GetImportJob: jobs.getImportJob,
  GetMessageInsights: insights.getMessageInsights,
  GetMultiRegionEndpoint: mre.getMultiRegionEndpoint,
  GetReputationEntity: tenants.getReputationEntity,
  GetTenant: tenants.getTenant,
  ListDedicatedIpPools: dedicatedIps.listDedicatedIpPools,
  ListDeliverabilityTestReports: deliverability.listDeliverabilityTestReports,
  ListDomainDeliverabilityCampaigns: deliverability.listDomainDeliverabilityCampaigns,
  ListEmailIdentityCertificates: certificates.listEmailIdentityCertificates,
  ListExportJobs: jobs.listExportJobs,
  ListImportJobs: jobs.listImportJobs,
  ListMultiRegionEndpoints: mre.listMultiRegionEndpoints,
  ListRecommendations: insights.listRecommendations,
  ListReputationEntities: tenants.listReputationEntities,
  ListResourceTenants: tenants.listResourceTenants,
  ListTenantResources: tenants.listTenantResources,
  ListTenants: tenants.listTenants,
  PutAccountDedicatedIpWarmupAttributes: dedicatedIps.putAccountDedicatedIpWarmupAttributes,
  PutAccountPricingAttributes: insights.putAccountPricingAttributes,
  PutAccountVdmAttributes: insights.putAccountVdmAttributes,
  PutDedicatedIpInPool: dedicatedIps.putDedicatedIpInPool,
  PutDedicatedIpPoolScalingAttributes: dedicatedIps.putDedicatedIpPoolScalingAttributes,
  PutDedicatedIpWarmupAttributes: dedicatedIps.putDedicatedIpWarmupAttributes,
  PutDeliverabilityDashboardOption: deliverability.putDeliverabilityDashboardOption,
  PutTenantSuppressionAttributes: tenants.putTenantSuppressionAttributes,
  UpdateConfigurationSet: sets.updateConfigurationSet,
  UpdateReputationEntityCustomerManagedStatus: tenants.updateReputationEntityCustomerManagedStatus,
  UpdateReputationEntityPolicy: tenants.updateReputationEntityPolicy,
  CreateConfigurationSet: sets.createConfigurationSet,
  CreateConfigurationSetEventDestination: sets.createConfigurationSetEventDestination,
  CreateContact: contacts.createContact,
  CreateContactList: contacts.createContactList,
  CreateCustomVerificationEmailTemplate: custom.createCustomVerificationEmailTemplate,
  CreateEmailIdentity: identities.createEmailIdentity,
  CreateEmailIdentityPolicy: identities.createEmailIdentityPolicy,
  CreateEmailTemplate: templates.createEmailTemplate,
  DeleteConfigurationSet: sets.deleteConfigurationSet,
  DeleteConfigurationSetEventDestination: sets.deleteConfigurationSetEventDestination,
  DeleteContact: contacts.deleteContact,
  DeleteContactList: contacts.deleteContactList,
  DeleteCustomVerificationEmailTemplate: custom.deleteCustomVerificationEmailTemplate,
  DeleteEmailIdentity: identities.deleteEmailIdentity,
  DeleteEmailIdentityPolicy: identities.deleteEmailIdentityPolicy,
  DeleteEmailTemplate: templates.deleteEmailTemplate,
  DeleteSuppressedDestination: account.deleteSuppressedDestination,
  GetAccount: account.getAccount,
  GetConfigurationSet: sets.getConfigurationSet,
  GetConfigurationSetEventDestinations: sets.getConfigurationSetEventDestinations,
  GetContact: contacts.getContact,
  GetContactList: contacts.getContactList,
  GetCustomVerificationEmailTemplate: custom.getCustomVerificationEmailTemplate,
  GetEmailIdentity: identities.getEmailIdentity,
  GetEmailIdentityPolicies: identities.getEmailIdentityPolicies,
  GetEmailTemplate: templates.getEmailTemplate,
  GetSuppressedDestination: account.getSuppressedDestination,
  ListConfigurationSets: sets.listConfigurationSets,
  ListContactLists: contacts.listContactLists,
  ListContacts: contacts.listContacts,
  ListCustomVerificationEmailTemplates: custom.listCustomVerificationEmailTemplates,
  ListEmailIdentities: identities.listEmailIdentities,
  ListEmailTemplates: templates.listEmailTemplates,
  ListSuppressedDestinations: account.listSuppressedDestinations,
  ListTagsForResource: tags.listTagsForResource,
  PutAccountDetails: account.putAccountDetails,
  PutAccountSendingAttributes: account.putAccountSendingAttributes,
  PutAccountSuppressionAttributes: account.putAccountSuppressionAttributes,
  PutConfigurationSetArchivingOptions: sets.putConfigurationSetArchivingOptions,
  PutConfigurationSetDeliveryOptions: sets.putConfigurationSetDeliveryOptions,
  PutConfigurationSetReputationOptions: sets.putConfigurationSetReputationOptions,
  PutConfigurationSetSendingOptions: sets.putConfigurationSetSendingOptions,
  PutConfigurationSetSuppressionOptions: sets.putConfigurationSetSuppressionOptions,
  PutConfigurationSetTrackingOptions: sets.putConfigurationSetTrackingOptions,
  PutConfigurationSetVdmOptions: sets.putConfigurationSetVdmOptions,
  PutEmailIdentityConfigurationSetAttributes: identities.putEmailIdentityConfigurationSetAttributes,
  PutEmailIdentityDkimAttributes: identities.putEmailIdentityDkimAttributes,
  PutEmailIdentityDkimSigningAttributes: identities.putEmailIdentityDkimSigningAttributes,
  PutEmailIdentityFeedbackAttributes: identities.putEmailIdentityFeedbackAttributes,
  PutEmailIdentityMailFromAttributes: identities.putEmailIdentityMailFromAttributes,
  PutSuppressedDestination: account.putSuppressedDestination,
  SendBulkEmail: send.sendBulkEmail,
  SendCustomVerificationEmail: custom.sendCustomVerificationEmail,
  SendEmail: send.sendEmail,
  TagResource: tags.tagResource,
  TestRenderEmailTemplate: templates.testRenderEmailTemplate,
  UntagResource: tags.untagResource,
  UpdateConfigurationSetEventDestination: sets.updateConfigurationSetEventDestination,
  UpdateContact: contacts.updateContact,
  UpdateContactList: contacts.updateContactList,
  UpdateCustomVerificationEmailTemplate: custom.updateCustomVerificationEmailTemplate,
  UpdateEmailIdentityPolicy: identities.updateEmailIdentityPolicy,
  UpdateEmailTemplate: templates.updateEmailTemplate,
};

/** Wraps a handler so the shared model's MailError reaches the caller as SES v2's error. */
function v2(h: Handler<any, unknown, SesBackend>): Handler<any, unknown, SesBackend> {
  return async (input, ctx) => {
    try {
      return await h(input, ctx);
    } catch (err) {
      throw asV2(err);
    }
  };
}

export const handlers: Record<string, Handler | undefined> = Object.fromEntries(Object.entries(table).map(([op, h]) => [op, h && v2(h)]));
