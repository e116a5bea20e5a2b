/**
 * A success status other than the operation's modelled one (206 Partial
 * Content for ranged GetObject/HeadObject). GetObjectOutput has no
 * statusCode-bound member, so the handler marks the output object with the
 * rest protocol's HTTP_STATUS symbol.
 */
import { HTTP_STATUS } from '../../../src/protocols/rest-protocol';

export function withStatus<T extends object>(output: T, status: number): T {
  Object.defineProperty(output, HTTP_STATUS, { value: status, enumerable: false });
  return output;
}
