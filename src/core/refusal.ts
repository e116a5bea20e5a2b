/**
 * The answer to a request no emulated service takes (an AWS service mockaws
 * has no model for, such as SES v1): a `501 MockawsRefused` written in the
 * protocol the caller speaks, so every SDK raises it as a named error rather
 * than failing to parse the body. There is no model to ask, so the protocol
 * is read off the request itself:
 *
 *   smithy-protocol: rpc-v2-cbor            → rpc-v2-cbor
 *   X-Amz-Target, application/x-amz-json-*  → json (awsJson1.x)
 *   form-urlencoded body or ?Action=        → query (XML ErrorResponse)
 *   an XML body                             → rest-xml
 *   anything else (JSON body, no body)      → a JSON body with `__type`, and the code in
 *                                             x-amzn-errortype: what rest-json SDKs read
 *
 * The message names the service (SigV4 signing name, else the host's first
 * label) and the operation (Action, X-Amz-Target, CBOR path, else method + path).
 */
import { protocolFor } from '../protocols';
import { credentialScope } from './credential-scope';
import { AwsError } from './errors';
import type { AwsRequest, AwsResponse } from './request';
import type { ProtocolName, ServiceSpec } from './spec';

export function refusalResponse(req: AwsRequest, requestId: string, why: string): AwsResponse {
  const protocol = protocolOf(req);
  const service = serviceNameOf(req);
  const operation = operationOf(req, protocol);
  const message =
    `mockaws refused service '${service}', operation '${operation}' (${req.method} ${req.url.href}): ${why}. ` +
    'Nothing was sent to AWS.';
  const error = new AwsError('MockawsRefused', message, { status: 501, senderFault: true });
  const target = req.headers['x-amz-target'];
  const spec: ServiceSpec = {
    id: service,
    namespace: `com.amazonaws.${service}`,
    serviceShape: service,
    apiVersion: req.url.searchParams.get('Version') ?? '',
    signingName: service,
    endpointPrefix: service,
    protocols: [protocol],
    targetPrefix: target?.includes('.') ? target.slice(0, target.lastIndexOf('.')) : undefined,
    operations: {},
    shapes: {},
    enums: {},
    errors: [],
  };
  const response = protocolFor(protocol).serializeError(error, undefined, spec, { requestId, request: req });
  // JSON-family SDKs read the code from this header first; other protocols ignore it.
  response.headers['x-amzn-errortype'] ??= 'MockawsRefused';
  return response;
}

function protocolOf(req: AwsRequest): ProtocolName {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (req.headers['smithy-protocol'] === 'rpc-v2-cbor') return 'rpc-v2-cbor';
  if (req.headers['x-amz-target'] || contentType.startsWith('application/x-amz-json')) return 'json';
  if (contentType.startsWith('application/x-www-form-urlencoded') || req.url.searchParams.has('Action')) return 'query';
  if (contentType.includes('xml') || req.body.subarray(0, 64).toString('latin1').trimStart().startsWith('<')) {
    return 'rest-xml';
  }
  return 'json';
}

function serviceNameOf(req: AwsRequest): string {
  const scoped = credentialScope(req)?.service;
  if (scoped && /^[\w.-]{1,64}$/.test(scoped)) return scoped;
  const label = req.url.hostname.split('.')[0];
  return /^[a-z][\w-]{0,63}$/i.test(label) ? label : 'unknown';
}

function operationOf(req: AwsRequest, protocol: ProtocolName): string {
  const target = req.headers['x-amz-target'];
  if (protocol === 'json' && target) return target.slice(target.lastIndexOf('.') + 1) || 'unknown';
  if (protocol === 'rpc-v2-cbor') return /\/operation\/([^/?]+)/.exec(req.url.pathname)?.[1] ?? 'unknown';
  if (protocol === 'query') {
    const fromUrl = req.url.searchParams.get('Action');
    if (fromUrl) return fromUrl;
    const form = new URLSearchParams(req.body.subarray(0, 64 * 1024).toString('utf8'));
    return form.get('Action') ?? 'unknown';
  }
  return `${req.method} ${req.url.pathname}`;
}
