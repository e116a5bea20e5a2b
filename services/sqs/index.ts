/**
 * SQS: standard and FIFO queues, long polling, dead-letter queues and move
 * tasks, over the JSON protocol (current SDKs) and query (older SDKs, CLI).
 */
import type { ServiceModule } from '../../src/core/service';
import { SqsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SqsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SqsBackend(ctx),
  // SQS answers its own words (InvalidAttributeName, MissingParameter, InvalidParameterValue), not
  // Coral's "validation error detected"; its model has only enums (attribute names, which SQS also
  // takes beyond the enum: `SenderId` in AttributeNames), and the query protocol names the queue by path.
  validation: { skip: ['required', 'enum'] },
};
export default service;
