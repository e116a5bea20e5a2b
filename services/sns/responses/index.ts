/** The SNS handler table, keyed by exact operation name. */
import type { HandlerTable } from '../../../src/core/service';
import type { SnsBackend } from '../models/backend';
import type { SnsOperations } from '../types';
import * as mobile from './mobile';
import { publish, publishBatch } from './publish';
import * as subs from './subscriptions';
import * as sandbox from './sms-sandbox';
import * as topics from './topics';

export const handlers: HandlerTable<SnsOperations, SnsBackend> = {
  AddPermission: topics.addPermission,
  CheckIfPhoneNumberIsOptedOut: mobile.checkIfPhoneNumberIsOptedOut,
  ConfirmSubscription: subs.confirmSubscription,
  CreatePlatformApplication: mobile.createPlatformApplication,
  CreatePlatformEndpoint: mobile.createPlatformEndpoint,
  CreateSMSSandboxPhoneNumber: sandbox.createSMSSandboxPhoneNumber,
  CreateTopic: topics.createTopic,
  DeleteEndpoint: mobile.deleteEndpoint,
  DeletePlatformApplication: mobile.deletePlatformApplication,
  DeleteSMSSandboxPhoneNumber: sandbox.deleteSMSSandboxPhoneNumber,
  DeleteTopic: topics.deleteTopic,
  GetDataProtectionPolicy: topics.getDataProtectionPolicy,
  GetEndpointAttributes: mobile.getEndpointAttributes,
  GetPlatformApplicationAttributes: mobile.getPlatformApplicationAttributes,
  GetSMSAttributes: mobile.getSMSAttributes,
  GetSMSSandboxAccountStatus: sandbox.getSMSSandboxAccountStatus,
  GetSubscriptionAttributes: subs.getSubscriptionAttributes,
  GetTopicAttributes: topics.getTopicAttributes,
  ListEndpointsByPlatformApplication: mobile.listEndpointsByPlatformApplication,
  ListOriginationNumbers: sandbox.listOriginationNumbers,
  ListPhoneNumbersOptedOut: mobile.listPhoneNumbersOptedOut,
  ListPlatformApplications: mobile.listPlatformApplications,
  ListSMSSandboxPhoneNumbers: sandbox.listSMSSandboxPhoneNumbers,
  ListSubscriptions: subs.listSubscriptions,
  ListSubscriptionsByTopic: subs.listSubscriptionsByTopic,
  ListTagsForResource: topics.listTagsForResource,
  ListTopics: topics.listTopics,
  OptInPhoneNumber: mobile.optInPhoneNumber,
  Publish: publish,
  PublishBatch: publishBatch,
  PutDataProtectionPolicy: topics.putDataProtectionPolicy,
  RemovePermission: topics.removePermission,
  SetEndpointAttributes: mobile.setEndpointAttributes,
  SetPlatformApplicationAttributes: mobile.setPlatformApplicationAttributes,
  SetSMSAttributes: mobile.setSMSAttributes,
  SetSubscriptionAttributes: subs.setSubscriptionAttributes,
  SetTopicAttributes: topics.setTopicAttributes,
  Subscribe: subs.subscribe,
  TagResource: topics.tagResource,
  Unsubscribe: subs.unsubscribe,
  UntagResource: topics.untagResource,
  VerifySMSSandboxPhoneNumber: sandbox.verifySMSSandboxPhoneNumber,
};
