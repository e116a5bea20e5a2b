/** DynamoDB: tables, items, queries, transactions, PartiQL and the streams the dynamodbstreams service reads. */
import type { ServiceModule } from '../../src/core/service';
import { dynamoDbCodecs } from './codec/index';
import { DynamoDbBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<DynamoDbBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new DynamoDbBackend(ctx),
  codecs: dynamoDbCodecs(spec),
  // Left to the handlers: ListImports' NextToken (the model wants hex, `([0-9a-f]{16})+`, the fake's tokens
  // are base64url), and BatchGetItem's Keys, where AWS says "Too many items requested" rather than the length rule.
  validation: {
    code: 'ValidationException',
    // Checked by the handlers instead: DynamoDB words these in its newer
    // framework's form ("Value at 'Limit' failed to satisfy constraint: ..."),
    // and the fake's ListImports tokens are not the model's hex.
    skipMembers: [
      'ListImportsInput.NextToken',
      'KeysAndAttributes.Keys',
      'QueryInput.Limit',
      'ScanInput.Limit',
      'BatchGetItemInput.RequestItems',
    ],
  },
};
export default service;
