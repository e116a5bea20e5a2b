/**
 * Validation of what a producer sends: the body's characters and size, and
 * message (system) attributes — names, data types, values, count — with
 * SQS's wording. Shared by SendMessage, SendMessageBatch and SNS delivery.
 */
import type { AwsError } from '../../../src/core/errors';
import { invalidMessageContents, invalidParameterValue, invalidValue, missingParameter } from '../exceptions';
import type { AttributeValue } from './md5';
import type { Queue, SendParams } from './queue';

// Valid XML characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF
// biome-ignore lint/suspicious/noControlCharactersInRegex: the allowed set starts with tab, LF and CR.
const INVALID_CHARS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;

export function checkBody(body: string | undefined, missing: () => AwsError): string {
  if (body === undefined || body === '') throw missing();
  if (INVALID_CHARS.test(body)) throw invalidMessageContents();
  return body;
}

function checkAttributeName(name: string, kind: string): void {
  const lower = name.toLowerCase();
  if (
    name.length === 0 ||
    name.length > 256 ||
    !ATTRIBUTE_NAME.test(name) ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.') ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..')
  ) {
    throw invalidParameterValue(`${kind} name '${name}' is invalid.`);
  }
}

/** Size in bytes the attribute adds to the message (name, type and value). */
export function attributeSize(name: string, value: AttributeValue): number {
  let size = Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
  if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue);
  if (value.BinaryValue !== undefined) size += value.BinaryValue.length;
  return size;
}

export function checkMessageAttributes(attributes: Record<string, AttributeValue> | undefined): number {
  if (!attributes) return 0;
  const names = Object.keys(attributes);
  if (names.length > 10) {
    throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  }
  let size = 0;
  for (const name of names) {
    const v = attributes[name];
    checkAttributeName(name, 'Message (user) attribute');
    const type = v.DataType;
    if (!type) throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (type.length > 256) throw invalidParameterValue(`Message attribute '${name}' type must be at most 256 characters.`);
    if (base === 'Binary') {
      if (!v.BinaryValue || v.BinaryValue.length === 0) {
        throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      }
    } else {
      if (v.StringValue === undefined || v.StringValue === '') {
        throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`);
      }
      if (INVALID_CHARS.test(v.StringValue)) throw invalidMessageContents();
      if (base === 'Number' && !isSqsNumber(v.StringValue)) {
        throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
      }
    }
    size += attributeSize(name, v);
  }
  return size;
}

/** SQS numbers: up to 38 significant digits, exponent between -128 and +126. */
function isSqsNumber(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
}

export function checkSystemAttributes(attributes: Record<string, AttributeValue> | undefined): void {
  if (!attributes) return;
  for (const [name, v] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
    if (v.DataType !== 'String' || !v.StringValue) {
      throw invalidParameterValue(`Message system attribute '${name}' must contain a non-empty value of type 'String'.`);
    }
  }
}

export interface MessageFields {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, AttributeValue>;
  MessageSystemAttributes?: Record<string, AttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

const GROUP_OR_DEDUP_ID = /^[\x21-\x7E]{1,128}$/;
const NOT_FOR_THIS_TYPE = 'The request include parameter that is not valid for this queue type.';

/** Checks one message against its queue; returns what Queue.send takes. */
export function prepareMessage(queue: Queue, m: MessageFields, senderId: string): SendParams {
  const body = checkBody(m.MessageBody, () => missingParameter('MessageBody'));
  const size = Buffer.byteLength(body) + checkMessageAttributes(m.MessageAttributes);
  checkSystemAttributes(m.MessageSystemAttributes);
  const limit = Number(queue.attributes.MaximumMessageSize);
  if (size > limit) {
    throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`);
  }
  if (m.DelaySeconds !== undefined) {
    if (!Number.isInteger(m.DelaySeconds) || m.DelaySeconds < 0 || m.DelaySeconds > 900) {
      throw invalidValue(m.DelaySeconds, 'DelaySeconds', 'DelaySeconds must be >= 0 and <= 900.');
    }
    // FIFO queues only take the queue-level delay.
    if (queue.fifo) throw invalidValue(m.DelaySeconds, 'DelaySeconds', NOT_FOR_THIS_TYPE);
  }
  for (const [param, value] of [
    ['MessageGroupId', m.MessageGroupId],
    ['MessageDeduplicationId', m.MessageDeduplicationId],
  ] as const) {
    if (value !== undefined && !GROUP_OR_DEDUP_ID.test(value)) {
      throw invalidValue(value, param, `${param} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
    }
  }
  if (queue.fifo && !m.MessageGroupId) throw missingParameter('MessageGroupId');
  if (!queue.fifo && m.MessageDeduplicationId !== undefined) {
    throw invalidValue(m.MessageDeduplicationId, 'MessageDeduplicationId', NOT_FOR_THIS_TYPE);
  }
  return {
    body,
    attributes: m.MessageAttributes,
    systemAttributes: m.MessageSystemAttributes,
    delaySeconds: m.DelaySeconds,
    groupId: m.MessageGroupId,
    dedupId: m.MessageDeduplicationId,
    senderId,
  };
}

