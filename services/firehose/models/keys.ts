/**
 * S3 object keys of a delivery (docs: s3-object-name.html, s3-prefixes.html):
 * `<evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><ext>`.
 * Prefixes may hold `!{timestamp:<Java DateTimeFormatter pattern>}`,
 * `!{firehose:random-string}` and `!{firehose:error-output-type}`; a prefix
 * with no timestamp expression gets the default `yyyy/MM/dd/HH/` appended,
 * and an absent error prefix is `<error-output-type>/yyyy/MM/dd/HH/`.
 * Timestamps are the oldest record's arrival, in UTC.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidArgument } from '../exceptions';

const EXPRESSION = /!\{([^}:]*):([^}]*)\}/g;
const FIREHOSE_KEYS = new Set(['random-string', 'error-output-type']);
const PATTERN_LETTERS: Record<string, (d: Date) => string> = {
  yyyy: (d) => String(d.getUTCFullYear()).padStart(4, '0'),
  yy: (d) => String(d.getUTCFullYear() % 100).padStart(2, '0'),
  MM: (d) => pad(d.getUTCMonth() + 1),
  dd: (d) => pad(d.getUTCDate()),
  HH: (d) => pad(d.getUTCHours()),
  mm: (d) => pad(d.getUTCMinutes()),
  ss: (d) => pad(d.getUTCSeconds()),
  SSS: (d) => String(d.getUTCMilliseconds()).padStart(3, '0'),
};
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const pad = (n: number) => String(n).padStart(2, '0');

/** A Java DateTimeFormatter pattern (the subset of letters above, quoted text, literals) applied in UTC. */
export function formatTimestamp(pattern: string, at: Date): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw invalidArgument(`Unterminated quote in timestamp pattern '${pattern}'.`);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const format = PATTERN_LETTERS[pattern.slice(i, j)];
      if (!format) throw invalidArgument(`Unsupported timestamp pattern '${pattern.slice(i, j)}' in '${pattern}'.`);
      out += format(at);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Checks a Prefix / ErrorOutputPrefix pair as CreateDeliveryStream and
 * UpdateDestination do. With dynamic partitioning the Prefix may (and must)
 * hold `!{partitionKeyFromQuery:name}` for names the query extracts.
 */
export function checkPrefixes(prefix: string | undefined, errorPrefix: string | undefined, partitionNames?: string[]): void {
  const inPrefix = expressions(prefix ?? '');
  const inError = expressions(errorPrefix ?? '');
  if (partitionNames !== undefined) {
    const used = inPrefix.filter(([ns]) => ns === 'partitionKeyFromQuery' || ns === 'partitionKeyFromLambda');
    if (used.length === 0) throw invalidArgument('When dynamic partitioning is enabled, the Prefix must contain at least one !{partitionKeyFromQuery:...} expression.');
    for (const [ns, key] of used) {
      if (ns === 'partitionKeyFromLambda') throw invalidArgument('mockaws does not take partition keys from a Lambda function; use !{partitionKeyFromQuery:...}.');
      if (!partitionNames.includes(key)) throw invalidArgument(`The partition key ${key} of the Prefix is not extracted by the MetadataExtractionQuery.`);
    }
  }
  for (const [ns, key] of [...inPrefix, ...inError]) {
    if (ns === 'timestamp') formatTimestamp(key, new Date(0));
    else if (ns === 'partitionKeyFromQuery' && partitionNames !== undefined && inPrefix.some(([n, k]) => n === ns && k === key)) continue;
    else if (ns !== 'firehose' || !FIREHOSE_KEYS.has(key)) {
      throw invalidArgument(`The expression !{${ns}:${key}} is not supported; use !{timestamp:...}, !{firehose:random-string} or !{firehose:error-output-type}.`);
    }
  }
  if (inPrefix.some(([ns, key]) => ns === 'firehose' && key === 'error-output-type')) {
    throw invalidArgument('The !{firehose:error-output-type} expression is only allowed in ErrorOutputPrefix.');
  }
  if (inPrefix.length > 0 && !errorPrefix) {
    throw invalidArgument('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.');
  }
  if (inError.length > 0 && !inError.some(([ns, key]) => ns === 'firehose' && key === 'error-output-type')) {
    throw invalidArgument('ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.');
  }
}

function expressions(prefix: string): Array<[string, string]> {
  return [...prefix.matchAll(EXPRESSION)].map((m) => [m[1], m[2]]);
}

function evaluate(prefix: string, at: Date, errorType: string | undefined, partition?: Map<string, string>): string {
  const random = randomString();
  return prefix.replace(EXPRESSION, (_, ns: string, key: string) => {
    if (ns === 'timestamp') return formatTimestamp(key, at);
    if (ns === 'partitionKeyFromQuery') return partition?.get(key) ?? '';
    return key === 'random-string' ? random : (errorType ?? '');
  });
}

function randomString(): string {
  return [...randomBytes(11)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

const hasTimestamp = (prefix: string) => expressions(prefix).some(([ns]) => ns === 'timestamp');

/** The key prefix of a delivery: the configured one evaluated, or its error counterpart. */
export function evaluatePrefix(conf: { prefix?: string; errorPrefix?: string }, at: Date, errorType?: string, partition?: Map<string, string>): string {
  if (errorType !== undefined) {
    const errorPrefix = conf.errorPrefix || '!{firehose:error-output-type}/';
    return evaluate(hasTimestamp(errorPrefix) ? errorPrefix : `${errorPrefix}!{timestamp:yyyy/MM/dd/HH/}`, at, errorType);
  }
  const prefix = conf.prefix ?? '';
  // A partitioned prefix is used as written (the partition keys place the objects).
  if (partition) return evaluate(prefix, at, undefined, partition);
  return evaluate(hasTimestamp(prefix) ? prefix : `${prefix}!{timestamp:yyyy/MM/dd/HH/}`, at, undefined);
}

/** `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><ext>`. */
export function objectName(stream: string, version: number, at: Date, extension: string): string {
  return `${stream}-${version}-${formatTimestamp('yyyy-MM-dd-HH-mm-ss', at)}-${randomUUID()}${extension}`;
}
