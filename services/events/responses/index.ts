/** The EventBridge handler table: every operation of the model, keyed by its exact name. */
import type { HandlerTable } from '../../../src/core/service';
import type { EventsBackend } from '../models/backend';
import type { EventsOperations } from '../types';
import * as archives from './archives';
import * as buses from './buses';
import * as connections from './connections';
import * as endpoints from './endpoints';
import * as partner from './partner';
import { putEvents, putPartnerEvents } from './put-events';
import * as rules from './rules';
import * as tags from './tags';
import { listTargetsByRule, putTargets, removeTargets } from './targets';

export const handlers: HandlerTable<EventsOperations, EventsBackend> = {
  ActivateEventSource: partner.activateEventSource,
  CancelReplay: archives.cancelReplay,
  CreateApiDestination: connections.createApiDestination,
  CreateArchive: archives.createArchive,
  CreateConnection: connections.createConnection,
  CreateEndpoint: endpoints.createEndpoint,
  CreateEventBus: buses.createEventBus,
  CreatePartnerEventSource: partner.createPartnerEventSource,
  DeactivateEventSource: partner.deactivateEventSource,
  DeauthorizeConnection: connections.deauthorizeConnection,
  DeleteApiDestination: connections.deleteApiDestination,
  DeleteArchive: archives.deleteArchive,
  DeleteConnection: connections.deleteConnection,
  DeleteEndpoint: endpoints.deleteEndpoint,
  DeleteEventBus: buses.deleteEventBus,
  DeletePartnerEventSource: partner.deletePartnerEventSource,
  DeleteRule: rules.deleteRule,
  DescribeApiDestination: connections.describeApiDestination,
  DescribeArchive: archives.describeArchive,
  DescribeConnection: connections.describeConnection,
  DescribeEndpoint: endpoints.describeEndpoint,
  DescribeEventBus: buses.describeEventBus,
  DescribeEventSource: partner.describeEventSource,
  DescribePartnerEventSource: partner.describePartnerEventSource,
  DescribeReplay: archives.describeReplay,
  DescribeRule: rules.describeRule,
  DisableRule: rules.disableRule,
  EnableRule: rules.enableRule,
  ListApiDestinations: connections.listApiDestinations,
  ListArchives: archives.listArchives,
  ListConnections: connections.listConnections,
  ListEndpoints: endpoints.listEndpoints,
  ListEventBuses: buses.listEventBuses,
  ListEventSources: partner.listEventSources,
  ListPartnerEventSourceAccounts: partner.listPartnerEventSourceAccounts,
  ListPartnerEventSources: partner.listPartnerEventSources,
  ListReplays: archives.listReplays,
  ListRuleNamesByTarget: rules.listRuleNamesByTarget,
  ListRules: rules.listRules,
  ListTagsForResource: tags.listTagsForResource,
  ListTargetsByRule: listTargetsByRule,
  PutEvents: putEvents,
  PutPartnerEvents: putPartnerEvents,
  PutPermission: buses.putPermission,
  PutRule: rules.putRule,
  PutTargets: putTargets,
  RemovePermission: buses.removePermission,
  RemoveTargets: removeTargets,
  StartReplay: archives.startReplay,
  TagResource: tags.tagResource,
  TestEventPattern: rules.testEventPattern,
  UntagResource: tags.untagResource,
  UpdateApiDestination: connections.updateApiDestination,
  UpdateArchive: archives.updateArchive,
  UpdateConnection: connections.updateConnection,
  UpdateEndpoint: endpoints.updateEndpoint,
  UpdateEventBus: buses.updateEventBus,
};
