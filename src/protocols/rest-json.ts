// Placeholder until the REST protocol lands: src/protocols/index.ts imports `restJsonProtocol` from here.
import { AwsError } from '../core/errors';
import type { Protocol } from './protocol';

const unavailable = () => {
  throw new AwsError('NotImplemented', 'the rest-json protocol is not available yet', { status: 501 });
};

export const restJsonProtocol: Protocol = {
  name: 'rest-json',
  resolveOperation: () => undefined,
  parse: unavailable,
  serialize: unavailable,
  serializeError: unavailable,
};
