/**
 * Which operations only read, from the model: persistence answers them
 * without waiting for a flush (src/persist/persistence.ts).
 *
 * - REST protocols (rest-json, rest-xml): the HTTP method. GET and HEAD are
 *   safe methods; every AWS REST operation that changes state is a PUT,
 *   POST, PATCH or DELETE.
 * - RPC protocols (json, query, ec2, rpc-v2-cbor) are all POST: the
 *   operation's verb, AWS's naming convention for reads (Get, List,
 *   Describe, Head, Query, Scan, BatchGet, TransactGet, Search, Lookup).
 *
 * A read that changes state anyway (STS GetSessionToken issues a key, a
 * backend made by its first call) is still saved before it is answered: the
 * registry and the credential store report those changes, and the hook waits
 * for a flush when they did. Changes that neither reports are found by the
 * periodic check of the backends reads touched.
 */
import type { OperationSpec, ServiceSpec } from '../core/spec';

const READ_VERB = /^(Get|List|Describe|Head|Query|Scan|BatchGet|TransactGet|Search|Lookup)(?![a-z])/;

export function onlyReads(spec: ServiceSpec, op: OperationSpec): boolean {
  const rest = spec.protocols[0] === 'rest-json' || spec.protocols[0] === 'rest-xml';
  if (rest && op.http) return op.http.method === 'GET' || op.http.method === 'HEAD';
  return READ_VERB.test(op.name);
}
