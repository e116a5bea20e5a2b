/**
 * Kinesis errors in Kinesis's own words. Streams are named "Stream <name>
 * under account <account>" in every message, as the service writes them.
 */
import { AwsError } from '../../src/core/errors';

export function streamLabel(name: string, account: string): string {
  return `Stream ${name} under account ${account}`;
}

export function streamNotFound(name: string, account: string): AwsError {
  return new AwsError('ResourceNotFoundException', `${streamLabel(name, account)} not found.`);
}

export function streamExists(name: string, account: string): AwsError {
  return new AwsError('ResourceInUseException', `${streamLabel(name, account)} already exists.`);
}

export function streamNotActive(name: string, account: string, status: string): AwsError {
  return new AwsError('ResourceInUseException', `${streamLabel(name, account)} not ACTIVE, instead in state ${status}`);
}

export function shardNotFound(shardId: string, name: string, account: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Shard ${shardId} in stream ${name} under account ${account} does not exist`,
  );
}

export function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

export function resourceInUse(message: string): AwsError {
  return new AwsError('ResourceInUseException', message);
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function expiredIterator(createdAt: number, now: number): AwsError {
  return new AwsError(
    'ExpiredIteratorException',
    `Iterator expired. The iterator was created at time ${javaDate(createdAt)} while right now it is ${javaDate(now)} ` +
      'which is further in the future than the tolerated delay of 300000 milliseconds.',
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** java.util.Date#toString in UTC ("Thu Jul 02 12:57:57 UTC 2015"), the form Kinesis prints. */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
