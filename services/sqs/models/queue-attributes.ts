/**
 * Queue attributes: which ones exist, their defaults and valid ranges, and
 * the normalisation that lets CreateQueue compare "the same attributes".
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
import { invalidAttributeName, invalidAttributeValue } from '../exceptions';

export const MAX_MESSAGE_SIZE = 1_048_576;

/** Integer attributes with their inclusive ranges. */
const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, MAX_MESSAGE_SIZE],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const BOOLEANS = new Set(['SqsManagedSseEnabled', 'FifoQueue', 'ContentBasedDeduplication']);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const ENUMS: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};
const FREE_TEXT = new Set(['KmsMasterKeyId']);
const JSON_VALUED = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']);

/** Computed attributes: readable, never settable. */
export const READ_ONLY = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];

export const SETTABLE = [...Object.keys(RANGES), ...BOOLEANS, ...Object.keys(ENUMS), ...FREE_TEXT, ...JSON_VALUED];

export function defaultAttributes(fifo: boolean): Record<string, string> {
  const attrs: Record<string, string> = {
    VisibilityTimeout: '30',
    MaximumMessageSize: String(MAX_MESSAGE_SIZE),
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  };
  if (fifo) {
    Object.assign(attrs, {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  }
  return attrs;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

function parseJsonMap(name: string, value: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidAttributeValue(name, `${what} is not a valid JSON map.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidAttributeValue(name, `${what} is not a valid JSON map.`);
  }
  return parsed as Record<string, unknown>;
}

function normalizeRedrivePolicy(value: string): string {
  const p = parseJsonMap('RedrivePolicy', value, 'Redrive policy');
  const arn = p.deadLetterTargetArn;
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw invalidAttributeValue('RedrivePolicy', 'Invalid value for deadLetterTargetArn.');
  }
  const count = Number(p.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidAttributeValue(
      'RedrivePolicy',
      `Invalid value for maxReceiveCount: ${String(p.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
}

function normalizeRedriveAllowPolicy(value: string): string {
  const p = parseJsonMap('RedriveAllowPolicy', value, 'Redrive allow policy');
  const permission = p.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalidAttributeValue('RedriveAllowPolicy', 'Invalid value for redrivePermission.');
  }
  const arns = p.sourceQueueArns;
  if (permission === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0 || arns.length > 10) {
      throw invalidAttributeValue(
        'RedriveAllowPolicy',
        'Amazon SQS can only accept between 1 and 10 source queue ARNs when redrivePermission is byQueue.',
      );
    }
  } else if (arns !== undefined) {
    throw invalidAttributeValue(
      'RedriveAllowPolicy',
      'Amazon SQS can only accept sourceQueueArns when redrivePermission is byQueue.',
    );
  }
  return JSON.stringify(arns === undefined ? { redrivePermission: permission } : { redrivePermission: permission, sourceQueueArns: arns });
}

function normalizeOne(name: string, raw: string, fifo: boolean, creating: boolean): string {
  if (READ_ONLY.includes(name)) throw invalidAttributeName(name);
  if (FIFO_ONLY.has(name) && !fifo) throw invalidAttributeName(name);
  if (name === 'FifoQueue' && !creating) throw invalidAttributeName(name);
  const value = String(raw);
  const range = RANGES[name];
  if (range) {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || n < range[0] || n > range[1]) throw invalidAttributeValue(name);
    return String(n);
  }
  if (BOOLEANS.has(name)) {
    const v = value.toLowerCase();
    if (v !== 'true' && v !== 'false') throw invalidAttributeValue(name);
    return v;
  }
  if (ENUMS[name]) {
    if (!ENUMS[name].includes(value)) throw invalidAttributeValue(name);
    return value;
  }
  if (name === 'RedrivePolicy') return value === '' ? '' : normalizeRedrivePolicy(value);
  if (name === 'RedriveAllowPolicy') return normalizeRedriveAllowPolicy(value);
  if (name === 'Policy') {
    if (value === '') return '';
    parseJsonMap('Policy', value, 'Policy');
    return value;
  }
  if (FREE_TEXT.has(name)) return value;
  throw invalidAttributeName(name);
}

/** Validates and normalises requested attributes; throws before anything is applied. */
export function normalizeAttributes(
  input: Record<string, string> | undefined,
  fifo: boolean,
  creating: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input ?? {})) out[name] = normalizeOne(name, raw, fifo, creating);
  if (out.KmsMasterKeyId && out.SqsManagedSseEnabled === 'true') {
    throw invalidAttributeName('SqsManagedSseEnabled');
  }
  return out;
}

export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  return value ? (JSON.parse(value) as RedrivePolicy) : undefined;
}
