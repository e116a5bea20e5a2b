/** SES v1 configuration sets and event destinations: the same sets SES v2 sees, in v1's shapes. */
import { exists, notFound } from '../../sesv2/exceptions';
import type { ConfigurationSet, SesBackend } from '../../sesv2/models/backend';
import { page } from '../../sesv2/responses/common';
import type { EventDestinationDefinition } from '../../sesv2/types';
import type * as T from '../types';

const TO_V2: Record<string, string> = { renderingFailure: 'RENDERING_FAILURE', deliveryDelay: 'DELIVERY_DELAY' };
const toV2 = (t: string) => TO_V2[t] ?? t.toUpperCase();
const toV1 = (t: string) => Object.keys(TO_V2).find((k) => TO_V2[k] === t) ?? t.toLowerCase();

function v2Destination(d: T.EventDestination): EventDestinationDefinition & { Name: string } {
  return {
    Name: d.Name,
    Enabled: d.Enabled ?? false,
    MatchingEventTypes: d.MatchingEventTypes.map(toV2),
    SnsDestination: d.SNSDestination ? { TopicArn: d.SNSDestination.TopicARN } : undefined,
    KinesisFirehoseDestination: d.KinesisFirehoseDestination as EventDestinationDefinition['KinesisFirehoseDestination'],
    CloudWatchDestination: d.CloudWatchDestination as EventDestinationDefinition['CloudWatchDestination'],
  };
}

function v1Destination(d: EventDestinationDefinition & { Name: string }): T.EventDestination {
  return {
    Name: d.Name,
    Enabled: d.Enabled ?? false,
    MatchingEventTypes: (d.MatchingEventTypes ?? []).map(toV1),
    SNSDestination: d.SnsDestination ? { TopicARN: d.SnsDestination.TopicArn } : undefined,
    KinesisFirehoseDestination: d.KinesisFirehoseDestination as T.EventDestination['KinesisFirehoseDestination'],
    CloudWatchDestination: d.CloudWatchDestination as T.EventDestination['CloudWatchDestination'],
  };
}

export function createConfigurationSet(input: { ConfigurationSet: { Name: string } }, b: SesBackend) {
  const name = input.ConfigurationSet.Name;
  if (b.configurationSets.has(name)) throw exists(`Configuration set <${name}> already exists.`, 'ConfigurationSetAlreadyExistsException');
  const set: ConfigurationSet = { name, options: {}, sendingEnabled: true, reputationMetricsEnabled: false, destinations: new Map(), tags: new Map() };
  b.configurationSets.set(name, set);
  return {};
}

export function describeConfigurationSet(input: T.DescribeConfigurationSetRequest, b: SesBackend): T.DescribeConfigurationSetResponse {
  const set = b.configurationSet(input.ConfigurationSetName);
  const want = new Set(input.ConfigurationSetAttributeNames ?? []);
  const tracking = set.options.TrackingOptions as { CustomRedirectDomain?: string } | undefined;
  const delivery = set.options.DeliveryOptions as { TlsPolicy?: string } | undefined;
  return {
    ConfigurationSet: { Name: set.name },
    EventDestinations: want.has('eventDestinations') ? [...set.destinations.values()].map(v1Destination) : undefined,
    TrackingOptions: want.has('trackingOptions') && tracking ? { CustomRedirectDomain: tracking.CustomRedirectDomain } : undefined,
    DeliveryOptions: want.has('deliveryOptions') && delivery ? { TlsPolicy: delivery.TlsPolicy } : undefined,
    ReputationOptions: want.has('reputationOptions') ? { SendingEnabled: set.sendingEnabled, ReputationMetricsEnabled: set.reputationMetricsEnabled } : undefined,
  };
}

export function deleteConfigurationSet(input: { ConfigurationSetName: string }, b: SesBackend) {
  b.configurationSet(input.ConfigurationSetName);
  b.configurationSets.delete(input.ConfigurationSetName);
  return {};
}

export function listConfigurationSets(input: T.ListConfigurationSetsRequest, b: SesBackend): T.ListConfigurationSetsResponse {
  const { out, NextToken } = page(b.configurationSets.keys(), (n) => n, input.NextToken, input.MaxItems ?? 1000);
  return { ConfigurationSets: out.map((Name) => ({ Name })), NextToken };
}

export function createConfigurationSetEventDestination(input: T.CreateConfigurationSetEventDestinationRequest, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  const name = input.EventDestination.Name;
  if (set.destinations.has(name)) throw exists(`Event destination ${name} already exists.`, 'EventDestinationAlreadyExistsException');
  set.destinations.set(name, v2Destination(input.EventDestination));
  return {};
}

export function updateConfigurationSetEventDestination(input: T.CreateConfigurationSetEventDestinationRequest, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  const name = input.EventDestination.Name;
  if (!set.destinations.has(name)) throw notFound(`No EventDestination found for ${name}`, 'EventDestinationDoesNotExistException');
  set.destinations.set(name, v2Destination(input.EventDestination));
  return {};
}

export function deleteConfigurationSetEventDestination(input: { ConfigurationSetName: string; EventDestinationName: string }, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  if (!set.destinations.delete(input.EventDestinationName)) throw notFound(`No EventDestination found for ${input.EventDestinationName}`, 'EventDestinationDoesNotExistException');
  return {};
}

export function updateConfigurationSetSendingEnabled(input: { ConfigurationSetName: string; Enabled: boolean }, b: SesBackend) {
  b.configurationSet(input.ConfigurationSetName).sendingEnabled = input.Enabled;
  return {};
}

export function putConfigurationSetDeliveryOptions(input: { ConfigurationSetName: string; DeliveryOptions?: { TlsPolicy?: string } }, b: SesBackend) {
  b.configurationSet(input.ConfigurationSetName).options.DeliveryOptions = { ...input.DeliveryOptions };
  return {};
}

export function updateConfigurationSetReputationMetricsEnabled(input: { ConfigurationSetName: string; Enabled: boolean }, b: SesBackend) {
  b.configurationSet(input.ConfigurationSetName).reputationMetricsEnabled = input.Enabled;
  return {};
}

export function createConfigurationSetTrackingOptions(input: { ConfigurationSetName: string; TrackingOptions: { CustomRedirectDomain?: string } }, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  if (set.options.TrackingOptions) throw exists(`Tracking options already exist for configuration set ${set.name}.`, 'TrackingOptionsAlreadyExistsException');
  set.options.TrackingOptions = { ...input.TrackingOptions };
  return {};
}

export function updateConfigurationSetTrackingOptions(input: { ConfigurationSetName: string; TrackingOptions: { CustomRedirectDomain?: string } }, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  if (!set.options.TrackingOptions) throw notFound(`Tracking options do not exist for configuration set ${set.name}.`, 'TrackingOptionsDoesNotExistException');
  set.options.TrackingOptions = { ...input.TrackingOptions };
  return {};
}

export function deleteConfigurationSetTrackingOptions(input: { ConfigurationSetName: string }, b: SesBackend) {
  const set = b.configurationSet(input.ConfigurationSetName);
  if (!set.options.TrackingOptions) throw notFound(`Tracking options do not exist for configuration set ${set.name}.`, 'TrackingOptionsDoesNotExistException');
  delete set.options.TrackingOptions;
  return {};
}
