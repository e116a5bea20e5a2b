/** DynamoDB's codecs for the JSON protocol (ServiceModule.codecs): the operations that move items. */
import type { ServiceCodecs } from '../../../src/core/service';
import type { OperationCodec } from '../../../src/protocols/protocol';
import type { ServiceSpec } from '../../../src/core/spec';
import { codecFits, jsonCodec } from './json-codec';

/** The calls that carry items or keys, where nearly all of the wire work is AttributeValues. */
export const CODEC_OPERATIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
];

export function dynamoDbCodecs(spec: ServiceSpec): ServiceCodecs | undefined {
  // A model whose AttributeValue changed shape gets the generic walk, not a wrong codec.
  if (!codecFits(spec)) return undefined;
  const codec = jsonCodec(spec);
  const operations: Record<string, OperationCodec> = Object.create(null);
  for (const name of CODEC_OPERATIONS) {
    const own = codec.forOperation(name);
    if (own) operations[name] = own;
  }
  return { protocol: 'json', operations };
}
