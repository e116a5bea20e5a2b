// Placeholder until the REST protocol lands: src/protocols/index.ts imports `restXmlProtocol` from here.
import { AwsError } from '../core/errors';
import type { Protocol } from './protocol';

const unavailable = () => {
  throw new AwsError('NotImplemented', 'the rest-xml protocol is not available yet', { status: 501 });
};

export const restXmlProtocol: Protocol = {
  name: 'rest-xml',
  resolveOperation: () => undefined,
  parse: unavailable,
  serialize: unavailable,
  serializeError: unavailable,
};
