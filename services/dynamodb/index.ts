/** DynamoDB: tables, items, queries, transactions, PartiQL and the streams the dynamodbstreams service reads. */
import type { ServiceModule } from '../../src/core/service';
import { DynamoDbBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<DynamoDbBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new DynamoDbBackend(ctx),
  // Left to the handlers: ListImports' NextToken (the model wants hex, `([0-9a-f]{16})+`, the fake's tokens
  // are base64url), and BatchGetItem's Keys, where AWS says "Too many items requested" rather than the length rule.
  validation: { code: 'ValidationException', skipMembers: ['ListImportsInput.NextToken', 'KeysAndAttributes.Keys'] },
};
export default service;
