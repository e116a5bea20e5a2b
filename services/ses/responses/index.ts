/** The SES v1 handler table: each handler works on the shared SES v2 state (common.ts). */
import type { HandlerTable } from '../../../src/core/service';
import type { SesOperations } from '../types';
import * as account from './account';
import { v1 } from './common';
import * as sets from './configuration-sets';
import * as identities from './identities';
import * as receipt from './receipt';
import * as send from './send';
import * as templates from './templates';

export const handlers: HandlerTable<SesOperations, unknown> = {
  CloneReceiptRuleSet: v1(receipt.cloneReceiptRuleSet),
  CreateConfigurationSet: v1(sets.createConfigurationSet),
  CreateConfigurationSetEventDestination: v1(sets.createConfigurationSetEventDestination),
  CreateReceiptFilter: v1(receipt.createReceiptFilter),
  CreateReceiptRule: v1(receipt.createReceiptRule),
  CreateReceiptRuleSet: v1(receipt.createReceiptRuleSet),
  CreateTemplate: v1(templates.createTemplate),
  DeleteConfigurationSet: v1(sets.deleteConfigurationSet),
  DeleteConfigurationSetEventDestination: v1(sets.deleteConfigurationSetEventDestination),
  DeleteIdentity: v1(identities.deleteIdentity),
  DeleteReceiptFilter: v1(receipt.deleteReceiptFilter),
  DeleteReceiptRule: v1(receipt.deleteReceiptRule),
  DeleteReceiptRuleSet: v1(receipt.deleteReceiptRuleSet),
  DeleteTemplate: v1(templates.deleteTemplate),
  DeleteVerifiedEmailAddress: v1((input: { EmailAddress: string }, b) => identities.deleteIdentity({ Identity: input.EmailAddress }, b)),
  DescribeActiveReceiptRuleSet: v1(receipt.describeActiveReceiptRuleSet),
  DescribeConfigurationSet: v1(sets.describeConfigurationSet),
  DescribeReceiptRule: v1(receipt.describeReceiptRule),
  DescribeReceiptRuleSet: v1(receipt.describeReceiptRuleSet),
  GetAccountSendingEnabled: v1(account.getAccountSendingEnabled),
  GetIdentityDkimAttributes: v1(identities.getIdentityDkimAttributes),
  GetIdentityMailFromDomainAttributes: v1(identities.getIdentityMailFromDomainAttributes),
  GetIdentityNotificationAttributes: v1(identities.getIdentityNotificationAttributes),
  GetIdentityVerificationAttributes: v1(identities.getIdentityVerificationAttributes),
  GetSendQuota: v1(account.getSendQuota),
  GetTemplate: v1(templates.getTemplate),
  ListConfigurationSets: v1(sets.listConfigurationSets),
  ListIdentities: v1(identities.listIdentities),
  ListReceiptFilters: v1(receipt.listReceiptFilters),
  ListReceiptRuleSets: v1(receipt.listReceiptRuleSets),
  ListTemplates: v1(templates.listTemplates),
  ListVerifiedEmailAddresses: v1(identities.listVerifiedEmailAddresses),
  SendBulkTemplatedEmail: v1(send.sendBulkTemplatedEmail),
  SendEmail: v1(send.sendEmail),
  SendRawEmail: v1(send.sendRawEmail),
  SendTemplatedEmail: v1(send.sendTemplatedEmail),
  SetActiveReceiptRuleSet: v1(receipt.setActiveReceiptRuleSet),
  SetIdentityDkimEnabled: v1(identities.setIdentityDkimEnabled),
  SetIdentityFeedbackForwardingEnabled: v1(identities.setIdentityFeedbackForwardingEnabled),
  SetIdentityHeadersInNotificationsEnabled: v1(identities.setIdentityHeadersInNotificationsEnabled),
  SetIdentityMailFromDomain: v1(identities.setIdentityMailFromDomain),
  SetIdentityNotificationTopic: v1(identities.setIdentityNotificationTopic),
  SetReceiptRulePosition: v1(receipt.setReceiptRulePosition),
  TestRenderTemplate: v1(templates.testRenderTemplate),
  UpdateAccountSendingEnabled: v1(account.updateAccountSendingEnabled),
  UpdateConfigurationSetEventDestination: v1(sets.updateConfigurationSetEventDestination),
  UpdateConfigurationSetSendingEnabled: v1(sets.updateConfigurationSetSendingEnabled),
  UpdateReceiptRule: v1(receipt.updateReceiptRule),
  UpdateTemplate: v1(templates.updateTemplate),
  VerifyDomainDkim: v1(identities.verifyDomainDkim),
  VerifyDomainIdentity: v1(identities.verifyDomainIdentity),
  VerifyEmailAddress: v1(identities.verifyEmailIdentity),
  VerifyEmailIdentity: v1(identities.verifyEmailIdentity),
};
