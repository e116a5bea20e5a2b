/**
 * The digests SQS returns and the SDK checks: MD5 of the body, and MD5 of the
 * message (system) attributes over SQS's binary encoding — attributes sorted
 * by name, each as length-prefixed name, length-prefixed data type, one
 * transport byte (1 string/number, 2 binary), then the length-prefixed value.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';

export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

/**
 * Node's one-shot digest (20.12 and later; read off the namespace so older 20.x still loads):
 * about half the cost of a Hash object for a message body, on every send.
 */
const hashOnce = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;

export function md5Hex(data: string | Uint8Array): string {
  return hashOnce ? hashOnce('md5', data, 'hex') : createHash('md5').update(data).digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** undefined when there are no attributes (SQS then omits the digest). */
export function md5OfAttributes(attributes: Record<string, AttributeValue> | undefined): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name];
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType ?? '', 'utf8')));
    if (value.StringValue !== undefined) {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue, 'utf8')));
    } else if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(value.BinaryValue)));
    } else if (value.StringListValues?.length) {
      hash.update(Buffer.from([3]));
      for (const s of value.StringListValues) hash.update(lengthPrefixed(Buffer.from(s, 'utf8')));
    } else if (value.BinaryListValues?.length) {
      hash.update(Buffer.from([4]));
      for (const b of value.BinaryListValues) hash.update(lengthPrefixed(Buffer.from(b)));
    }
  }
  return hash.digest('hex');
}
