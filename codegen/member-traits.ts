/**
 * Smithy member traits (as v3 schemas encode them) → the MemberSpec fields
 * the protocol layer reads: HTTP bindings, XML and JSON names, formats.
 */
import type { MemberSpec, TimestampFormat } from '../src/core/spec';
import type { Traits } from './read-v3-schema';

type Location = MemberSpec['location'];

/** HTTP binding traits → location; the value is the locationName, if any. */
function httpBinding(traits: Traits, memberName: string): { location: Location; locationName?: string } | undefined {
  if (traits.httpLabel) return { location: 'uri', locationName: memberName };
  if (typeof traits.httpQuery === 'string') return { location: 'querystring', locationName: traits.httpQuery };
  if (traits.httpQueryParams) return { location: 'queryParams' };
  if (typeof traits.httpHeader === 'string') return { location: 'header', locationName: traits.httpHeader };
  if (typeof traits.httpPrefixHeaders === 'string') {
    return { location: 'headers', locationName: traits.httpPrefixHeaders };
  }
  if (traits.httpResponseCode) return { location: 'statusCode' };
  if (traits.httpPayload) return { location: 'payload' };
  return undefined;
}

/** `["xsi", uri]` (prefix, uri) or a bare uri. */
export function xmlNamespace(value: unknown): MemberSpec['xmlNamespace'] {
  if (typeof value === 'string') return { uri: value };
  if (Array.isArray(value) && typeof value[1] === 'string') {
    return value[0] ? { uri: value[1], prefix: String(value[0]) } : { uri: value[1] };
  }
  return undefined;
}

/** The member fields carried by `traits`; target and required are set by the caller. */
export function memberTraits(traits: Traits, memberName: string): Omit<MemberSpec, 'target'> {
  const out: Omit<MemberSpec, 'target'> = {};
  const binding = httpBinding(traits, memberName);
  if (binding) {
    out.location = binding.location;
    if (binding.locationName !== undefined) out.locationName = binding.locationName;
  }
  if (typeof traits.xmlName === 'string') out.xmlName = traits.xmlName;
  if (traits.xmlAttribute) out.xmlAttribute = true;
  if (traits.xmlFlattened) out.xmlFlattened = true;
  if (traits.xmlNamespace !== undefined) out.xmlNamespace = xmlNamespace(traits.xmlNamespace);
  if (typeof traits.ec2QueryName === 'string') out.ec2QueryName = traits.ec2QueryName;
  if (typeof traits.jsonName === 'string') out.jsonName = traits.jsonName;
  if (typeof traits.timestampFormat === 'string') out.timestampFormat = traits.timestampFormat as TimestampFormat;
  if (traits.idempotencyToken) out.idempotencyToken = true;
  if (traits.streaming) out.streaming = true;
  if (traits.eventPayload) out.eventPayload = true;
  if (traits.eventHeader) out.eventHeader = true;
  if (typeof traits.mediaType === 'string') out.mediaType = traits.mediaType;
  if (traits.hostLabel) out.hostLabel = true;
  return out;
}
