/** DynamoDB: tables, items, queries, transactions, PartiQL and the streams the dynamodbstreams service reads. */
import type { ServiceModule } from '../../src/core/service';
import { DynamoDbBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<DynamoDbBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new DynamoDbBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
