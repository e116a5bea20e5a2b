/**
 * Signature checking as one dispatcher hook, shared by the server
 * (`--verify-signatures`) and in-process mocks (`mockAws({ verifySignatures: true })`):
 * which secrets the fake knows, and which error family each service answers in.
 */
import { clock } from './clock';
import { knownSecret } from './credentials';
import type { Dispatcher } from './dispatch';
import type { AwsRequest } from './request';
import { type AuthDialect, verifySignature, type WireFacts } from './sigv4-verify';

/** The secret of a key the fake knows (src/core/credentials.ts: issued, default, or a 12-digit account key). */
export function secretOf(dispatcher: Dispatcher, accessKeyId: string): string | undefined {
  return knownSecret(dispatcher.credentials, accessKeyId, clock.now());
}

export function authDialect(service: string, protocol: string): AuthDialect {
  if (service === 's3') return 's3';
  return protocol === 'query' || protocol === 'ec2' ? 'query' : 'json';
}

/**
 * The `authenticate` step for a dispatcher: throws the service's AwsError for a
 * request not signed with a secret the fake knows. `wire` holds what the
 * server saw of a request before decoding it (aws-chunked signatures).
 */
export function signatureCheck(dispatcher: Dispatcher, wire?: WeakMap<AwsRequest, WireFacts>): NonNullable<Dispatcher['authenticate']> {
  return (req, service, protocol) =>
    verifySignature(req, authDialect(service, protocol), (key) => secretOf(dispatcher, key), wire?.get(req));
}
