/**
 * The fuzz test of the fidelity core (issue 9): for every implemented
 * operation of S3 (rest-xml), DynamoDB (JSON 1.0), SQS (JSON and query), SNS
 * and STS (query), requests the real SDK serialized are mutated (wrong types,
 * truncated bodies, invalid UTF-8, deep nesting, odd names, huge numbers,
 * prototype-only operation names) and sent through the dispatcher. Each must
 * be answered with a well-formed error in the protocol's own shape, never a
 * 500 (a mutation that is still a valid request may succeed), and a failed
 * request must leave every backend as it was (state digest before/after).
 * Seeded and bounded: the same requests every run, under a minute in all.
 */
import * as dynamodbSdk from '@aws-sdk/client-dynamodb';
import * as s3Sdk from '@aws-sdk/client-s3';
import * as snsSdk from '@aws-sdk/client-sns';
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as stsSdk from '@aws-sdk/client-sts';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import fc from 'fast-check';
import { Dispatcher } from '../../src/core/dispatch';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { MemberSpec, ServiceSpec } from '../../src/core/spec';
import { createSdkHandler } from '../../src/intercept/sdk-handler';
import { services } from '../../services';
import { handlers as dynamodbHandlers } from '../../services/dynamodb/responses/index';
import { spec as dynamodb } from '../../services/dynamodb/spec';
import { handlers as s3Handlers } from '../../services/s3/responses/index';
import { spec as s3 } from '../../services/s3/spec';
import { handlers as snsHandlers } from '../../services/sns/responses/index';
import { spec as sns } from '../../services/sns/spec';
import { handlers as sqsHandlers } from '../../services/sqs/responses/index';
import { spec as sqs } from '../../services/sqs/spec';
import { handlers as stsHandlers } from '../../services/sts/responses';
import { spec as sts } from '../../services/sts/spec';
import { changedBackends, digestBackends, digestValue } from './support/digest';
import { type Draw, mutateJson, mutateQuery, mutateRestXml } from './support/mutate';
import { captureSeeds } from './support/seeds';

const PER_PROTOCOL = 3000;
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };
const region = 'us-east-1';

interface Target {
  name: string;
  spec: ServiceSpec;
  sdk: Record<string, any>;
  handlers: Record<string, unknown>;
  family: 'json' | 'query' | 'rest-xml';
  clientConfig?: Record<string, unknown>;
  skipMember?: (name: string, member: MemberSpec) => boolean;
}

const queryConfig = (spec: ServiceSpec) => ({
  protocol: new AwsQueryProtocol({ defaultNamespace: spec.namespace, xmlNamespace: spec.xmlNamespace as string, version: spec.apiVersion }),
  md5: false,
});

const s3ClientTransforms = (name: string, member: MemberSpec) =>
  /SSECustomerKey(MD5)?$/.test(name) ||
  name === 'ChecksumAlgorithm' ||
  /^Checksum[A-Z0-9]+$/.test(name) ||
  name === 'ContentMD5' ||
  name === 'Expires' ||
  name === 'ExpiresString' ||
  Boolean(member.streaming) ||
  member.location === 'statusCode';

const TARGETS: Target[] = [
  { name: 'S3 (rest-xml)', spec: s3, sdk: s3Sdk, handlers: s3Handlers, family: 'rest-xml', clientConfig: { forcePathStyle: true }, skipMember: s3ClientTransforms },
  { name: 'DynamoDB (JSON 1.0)', spec: dynamodb, sdk: dynamodbSdk, handlers: dynamodbHandlers, family: 'json' },
  { name: 'SQS (JSON 1.0)', spec: sqs, sdk: sqsSdk, handlers: sqsHandlers, family: 'json', clientConfig: { md5: false } },
  {
    name: 'SQS (query)',
    spec: sqs,
    sdk: sqsSdk,
    handlers: sqsHandlers,
    family: 'query',
    clientConfig: queryConfig(sqs),
    skipMember: (name) => name === 'MessageSystemAttributeNames',
  },
  { name: 'SNS (query)', spec: sns, sdk: snsSdk, handlers: snsHandlers, family: 'query' },
  { name: 'STS (query)', spec: sts, sdk: stsSdk, handlers: stsHandlers, family: 'query' },
];

/** Existing resources the seeds aim at, so mutations reach past the lookups. */
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/fuzz';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:fuzz';

function aim(input: Record<string, unknown>): void {
  if ('TableName' in input) input.TableName = 'fuzz';
  if ('QueueUrl' in input) input.QueueUrl = QUEUE_URL;
  if ('TopicArn' in input) input.TopicArn = TOPIC_ARN;
  if ('Bucket' in input) input.Bucket = 'fuzz-bucket';
  if ('WaitTimeSeconds' in input) input.WaitTimeSeconds = 0;
}

async function populate(dispatcher: Dispatcher): Promise<void> {
  const handler = createSdkHandler(() => dispatcher) as never;
  const config = { region, credentials, maxAttempts: 1, requestHandler: handler };
  const ddb = new dynamodbSdk.DynamoDBClient(config);
  await ddb.send(
    new dynamodbSdk.CreateTableCommand({
      TableName: 'fuzz',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.send(new dynamodbSdk.PutItemCommand({ TableName: 'fuzz', Item: { pk: { S: 'a' }, n: { N: '1' }, m: { M: { x: { L: [{ S: 'y' }] } } } } }));
  const sqsClient = new sqsSdk.SQSClient(config);
  await sqsClient.send(new sqsSdk.CreateQueueCommand({ QueueName: 'fuzz' }));
  await sqsClient.send(new sqsSdk.SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'm' }));
  const snsClient = new snsSdk.SNSClient(config);
  await snsClient.send(new snsSdk.CreateTopicCommand({ Name: 'fuzz' }));
  const s3Client = new s3Sdk.S3Client({ ...config, forcePathStyle: true });
  await s3Client.send(new s3Sdk.CreateBucketCommand({ Bucket: 'fuzz-bucket' }));
  await s3Client.send(new s3Sdk.PutObjectCommand({ Bucket: 'fuzz-bucket', Key: 'k', Body: 'v' }));
}

/** Is this an error answer in the protocol's own shape? */
function wellFormedError(family: Target['family'], req: AwsRequest, res: AwsResponse): boolean {
  const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '';
  if (family === 'json') {
    try {
      const doc = JSON.parse(text);
      return typeof doc.__type === 'string' && doc.__type.length > 0;
    } catch {
      return false;
    }
  }
  if (family === 'query') return /^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[^<]+<\/Code>/.test(text);
  // S3: HEAD answers have no body; the status tells the SDK.
  if (req.method === 'HEAD' || res.status === 304) return text === '';
  return /<Error><Code>[^<]+<\/Code>/.test(text);
}

interface Figures {
  requests: number;
  errors: number;
  successes: number;
  notImplemented: number;
  /** Answers of 500 and up (other than NotImplemented), each also a failure. */
  serverErrors: number;
  stateChanges: number;
  failures: string[];
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Requests per fresh dispatcher: state stays small, so a digest stays cheap. */
const ROUND = 250;

async function fuzz(target: Target, seedNumber: number): Promise<Figures> {
  let dispatcher = new Dispatcher({ services });
  await populate(dispatcher);
  const operations = Object.keys(target.handlers).filter((op) => Object.hasOwn(target.spec.operations, op));
  const seeds = await captureSeeds({
    spec: target.spec,
    sdk: target.sdk,
    operations,
    clientConfig: target.clientConfig,
    skipMember: target.skipMember,
    aim,
    perOperation: 2,
  });
  // Only requests the fake routes (S3 Express's control endpoint is not one of them).
  seeds.splice(0, seeds.length, ...seeds.filter((s) => dispatcher.claims(s.req)));
  const draws = fc.sample(
    fc.record({ seed: fc.nat(), kind: fc.nat(), a: fc.nat(), b: fc.nat(), odd: fc.nat() }),
    { seed: seedNumber, numRuns: PER_PROTOCOL },
  );
  // A backend the request made on demand (another account's, say) is no change while it is still empty.
  const fresh = new Map<string, string>();
  const freshDigest = async (key: string) => {
    let d = fresh.get(key);
    if (d === undefined) {
      const [svc, account, reg] = JSON.parse(key) as string[];
      d = digestValue(await new Dispatcher({ services }).backends.get(svc, account, reg === 'global' ? undefined : reg));
      fresh.set(key, d);
    }
    return d;
  };
  const figures: Figures = { requests: 0, errors: 0, successes: 0, notImplemented: 0, serverErrors: 0, stateChanges: 0, failures: [] };
  // The service under test and those it reaches (SNS delivers to SQS).
  const watched = target.spec.id === 'sns' ? ['sns', 'sqs'] : [target.spec.id];
  let state = digestBackends(dispatcher, watched);
  for (const [n, draw] of draws.entries()) {
    if (n > 0 && n % ROUND === 0) {
      dispatcher.reset();
      dispatcher = new Dispatcher({ services });
      await populate(dispatcher);
      state = digestBackends(dispatcher, watched);
    }
    const seed = seeds[draw.seed % seeds.length];
    const d: Draw = draw;
    const req =
      target.family === 'json'
        ? mutateJson(seed.req, d, operations)
        : target.family === 'query'
          ? mutateQuery(seed.req, d, operations)
          : mutateRestXml(seed.req, d);
    const res = await withTimeout(dispatcher.dispatch(req), 5000);
    figures.requests++;
    const label = `${seed.op} kind=${d.kind % 9} a=${d.a} b=${d.b} odd=${d.odd}`;
    if (res === 'timeout') {
      figures.failures.push(`${label}: no answer in 5 s`);
      state = digestBackends(dispatcher, watched);
      continue;
    }
    if (res.status < 400) {
      figures.successes++;
      // A mutation that is still a valid request may change state: the next comparison starts here.
      state = digestBackends(dispatcher, watched);
      continue;
    }
    const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '';
    if (res.status === 501 && /NotImplemented/.test(text + (res.headers['x-amzn-errortype'] ?? ''))) {
      figures.notImplemented++;
    } else if (res.status >= 500) {
      figures.serverErrors++;
      figures.failures.push(`${label}: ${res.status} ${text.slice(0, 300)}`);
      state = digestBackends(dispatcher, watched);
      continue;
    } else {
      figures.errors++;
    }
    if (!wellFormedError(target.family, req, res)) figures.failures.push(`${label}: malformed error ${res.status} ${text.slice(0, 200)}`);
    if (/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/.test(text)) figures.failures.push(`${label}: stack trace in the answer`);
    const after = digestBackends(dispatcher, watched);
    const changed = await changedBackends(state, after, freshDigest);
    state = after;
    if (changed.length) figures.stateChanges++;
    if (changed.length) figures.failures.push(`${label}: ${res.status} changed ${changed.join(', ')}: ${text.slice(0, 200)}`);
  }
  dispatcher.reset();
  return figures;
}

describe('fuzzed requests through the dispatcher', () => {
  const report: Record<string, Omit<Figures, 'failures'> & { failures: number }> = {};
  afterAll(() => {
    if (process.env.MOCKAWS_FUZZ_REPORT) console.log(JSON.stringify(report, null, 2));
  });

  it.each(TARGETS.map((t, i) => [t.name, t, i] as const))(
    '%s: at least 3,000 mutated requests, every one a well-formed answer, never a 500, no state change on failure',
    async (_name, target, i) => {
      const figures = await fuzz(target, 20261206 + i);
      report[target.name] = { ...figures, failures: figures.failures.length };
      expect(figures.requests).toBeGreaterThanOrEqual(3000);
      expect(figures.failures.slice(0, 15)).toEqual([]);
    },
    120_000,
  );
});
