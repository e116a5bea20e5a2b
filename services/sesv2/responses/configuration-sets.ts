/** SES v2 configuration sets, their options and event destinations. */
import { exists, notFound } from '../exceptions';
import type { ConfigurationSet } from '../models/backend';
import type * as T from '../types';
import { type Ctx, page, setTags, tagList } from './common';

const OPTIONS = ['TrackingOptions', 'DeliveryOptions', 'ReputationOptions', 'SendingOptions', 'SuppressionOptions', 'VdmOptions', 'ArchivingOptions', 'MessageSecurityOptions'] as const;

export function createConfigurationSet(input: T.CreateConfigurationSetRequest, ctx: Ctx) {
  const b = ctx.backend;
  if (b.configurationSets.has(input.ConfigurationSetName)) throw exists(`Configuration set <${input.ConfigurationSetName}> already exists.`, 'ConfigurationSetAlreadyExistsException');
  const set: ConfigurationSet = { name: input.ConfigurationSetName, options: {}, sendingEnabled: true, reputationMetricsEnabled: false, destinations: new Map(), tags: new Map() };
  for (const k of OPTIONS) if (input[k] !== undefined) set.options[k] = input[k];
  set.sendingEnabled = input.SendingOptions?.SendingEnabled ?? true;
  set.reputationMetricsEnabled = input.ReputationOptions?.ReputationMetricsEnabled ?? false;
  setTags(set.tags, input.Tags);
  b.configurationSets.set(set.name, set);
  return {};
}

export function getConfigurationSet(input: { ConfigurationSetName: string }, ctx: Ctx): T.GetConfigurationSetResponse {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  return {
    ...(set.options as T.GetConfigurationSetResponse),
    ConfigurationSetName: set.name,
    SendingOptions: { SendingEnabled: set.sendingEnabled },
    ReputationOptions: { ...(set.options.ReputationOptions as object), ReputationMetricsEnabled: set.reputationMetricsEnabled },
    Tags: tagList(set.tags),
  };
}

export function deleteConfigurationSet(input: { ConfigurationSetName: string }, ctx: Ctx) {
  ctx.backend.configurationSet(input.ConfigurationSetName);
  ctx.backend.configurationSets.delete(input.ConfigurationSetName);
  return {};
}

export function listConfigurationSets(input: { NextToken?: string; PageSize?: number }, ctx: Ctx): T.ListConfigurationSetsResponse {
  const { out, NextToken } = page(ctx.backend.configurationSets.keys(), (n) => n, input.NextToken, input.PageSize ?? 100);
  return { ConfigurationSets: out, NextToken };
}

/** PutConfigurationSet<X>Options: replaces one option object. */
function putOption(key: (typeof OPTIONS)[number]) {
  return <I extends { ConfigurationSetName: string }>(input: I, ctx: Ctx) => {
    const set = ctx.backend.configurationSet(input.ConfigurationSetName);
    const { ConfigurationSetName: _, ...value } = input as I & Record<string, unknown>;
    set.options[key] = value;
    if (key === 'SendingOptions') set.sendingEnabled = (value.SendingEnabled as boolean | undefined) ?? false;
    if (key === 'ReputationOptions') set.reputationMetricsEnabled = (value.ReputationMetricsEnabled as boolean | undefined) ?? false;
    return {};
  };
}

export const putConfigurationSetTrackingOptions = putOption('TrackingOptions');
export const putConfigurationSetDeliveryOptions = putOption('DeliveryOptions');
export const putConfigurationSetReputationOptions = putOption('ReputationOptions');
export const putConfigurationSetSendingOptions = putOption('SendingOptions');
export const putConfigurationSetSuppressionOptions = putOption('SuppressionOptions');
export const putConfigurationSetVdmOptions = putOption('VdmOptions');
export const putConfigurationSetArchivingOptions = putOption('ArchivingOptions');

export function createConfigurationSetEventDestination(input: T.CreateConfigurationSetEventDestinationRequest, ctx: Ctx) {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  if (set.destinations.has(input.EventDestinationName)) {
    throw exists(`Event destination ${input.EventDestinationName} already exists in configuration set ${set.name}.`, 'EventDestinationAlreadyExistsException');
  }
  set.destinations.set(input.EventDestinationName, { ...input.EventDestination, Name: input.EventDestinationName });
  return {};
}

function destination(set: ConfigurationSet, name: string) {
  const d = set.destinations.get(name);
  if (!d) throw notFound(`Event destination ${name} does not exist in configuration set ${set.name}.`, 'EventDestinationDoesNotExistException');
  return d;
}

export function updateConfigurationSetEventDestination(input: T.CreateConfigurationSetEventDestinationRequest, ctx: Ctx) {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  destination(set, input.EventDestinationName);
  set.destinations.set(input.EventDestinationName, { ...input.EventDestination, Name: input.EventDestinationName });
  return {};
}

export function deleteConfigurationSetEventDestination(input: { ConfigurationSetName: string; EventDestinationName: string }, ctx: Ctx) {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  destination(set, input.EventDestinationName);
  set.destinations.delete(input.EventDestinationName);
  return {};
}

export function getConfigurationSetEventDestinations(input: { ConfigurationSetName: string }, ctx: Ctx): T.GetConfigurationSetEventDestinationsResponse {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  return { EventDestinations: [...set.destinations.values()].map((d) => ({ ...d, Enabled: d.Enabled ?? false, MatchingEventTypes: d.MatchingEventTypes ?? [] })) };
}

/** A partial update: only the options given change (today the model carries MessageSecurityOptions). */
export function updateConfigurationSet(input: T.UpdateConfigurationSetRequest, ctx: Ctx) {
  const set = ctx.backend.configurationSet(input.ConfigurationSetName);
  if (input.MessageSecurityOptions !== undefined) set.options.MessageSecurityOptions = input.MessageSecurityOptions;
  return {};
}
