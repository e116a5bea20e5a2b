/**
 * Enhanced fan-out consumers: Register / Describe / List / Deregister. A
 * consumer is CREATING, then ACTIVE on the clock; deregistered, DELETING,
 * then gone. SubscribeToShard (responses/subscribe.ts) reads through them.
 */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { invalidArgument, limitExceeded, resourceInUse, resourceNotFound } from '../exceptions';
import { type StreamConsumer, type Stream, TRANSITION_MS } from '../models/stream';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

const MAX_CONSUMERS = 20;

/** Consumer status settles on the clock; deregistered consumers disappear once DELETING has passed. */
function settle(stream: Stream): void {
  const now = clock.now();
  for (const [name, c] of stream.consumers) {
    if (now < c.until) continue;
    if (c.status === 'CREATING') c.status = 'ACTIVE';
    else if (c.status === 'DELETING') stream.consumers.delete(name);
  }
}

function notFound(what: string, ctx: Ctx) {
  return resourceNotFound(`Consumer ${what} under account ${ctx.account} not found.`);
}

export function consumerByArn(consumerArn: string, ctx: Ctx): { stream: Stream; consumer: StreamConsumer } {
  const match = /^(arn:[^:]+:kinesis:[^:]*:\d{12}:stream\/[^/]+)\/consumer\/([^:]+):\d+$/.exec(consumerArn);
  if (!match || !parseArn(consumerArn)) throw invalidArgument(`Invalid ConsumerARN ${consumerArn}`);
  const stream = ctx.backend.stream({ StreamARN: match[1] });
  settle(stream);
  const consumer = stream.consumers.get(match[2]);
  if (!consumer || consumer.arn !== consumerArn) throw notFound(consumerArn, ctx);
  return { stream, consumer };
}

function find(input: { StreamARN?: string; ConsumerName?: string; ConsumerARN?: string }, ctx: Ctx) {
  if (input.ConsumerARN !== undefined) return consumerByArn(input.ConsumerARN, ctx);
  if (input.StreamARN === undefined || input.ConsumerName === undefined) {
    throw invalidArgument('Either ConsumerARN or both StreamARN and ConsumerName must be provided.');
  }
  const stream = ctx.backend.stream({ StreamARN: input.StreamARN });
  settle(stream);
  const consumer = stream.consumers.get(input.ConsumerName);
  if (!consumer) throw notFound(input.ConsumerName, ctx);
  return { stream, consumer };
}

function describe(consumer: StreamConsumer) {
  return {
    ConsumerName: consumer.name,
    ConsumerARN: consumer.arn,
    ConsumerStatus: consumer.status,
    ConsumerCreationTimestamp: new Date(consumer.createdAt),
  };
}

export function registerStreamConsumer(input: T.RegisterStreamConsumerInput, ctx: Ctx) {
  const stream = ctx.backend.stream({ StreamARN: input.StreamARN });
  settle(stream);
  if (stream.consumers.has(input.ConsumerName)) {
    throw resourceInUse(`Consumer ${input.ConsumerName} under stream ${stream.name} already exists for account ${ctx.account}.`);
  }
  if (stream.consumers.size >= MAX_CONSUMERS) {
    throw limitExceeded(`Consumer limit of ${MAX_CONSUMERS} reached for stream ${stream.name} under account ${ctx.account}.`);
  }
  const now = clock.now();
  const consumer: StreamConsumer = {
    name: input.ConsumerName,
    arn: `${stream.arn}/consumer/${input.ConsumerName}:${Math.floor(now / 1000)}`,
    createdAt: now,
    status: 'CREATING',
    until: now + TRANSITION_MS,
    tags: new Map(Object.entries(input.Tags ?? {})),
  };
  stream.consumers.set(consumer.name, consumer);
  return { Consumer: describe(consumer) };
}

export function describeStreamConsumer(input: T.DescribeStreamConsumerInput, ctx: Ctx) {
  const { stream, consumer } = find(input, ctx);
  return { ConsumerDescription: { ...describe(consumer), StreamARN: stream.arn } };
}

export function deregisterStreamConsumer(input: T.DeregisterStreamConsumerInput, ctx: Ctx) {
  const { consumer } = find(input, ctx);
  consumer.status = 'DELETING';
  consumer.until = clock.now() + TRANSITION_MS;
}

function isAfter(v: unknown): v is { after: string } {
  return typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';
}

export function listStreamConsumers(input: T.ListStreamConsumersInput, ctx: Ctx) {
  const stream = ctx.backend.stream({ StreamARN: input.StreamARN });
  settle(stream);
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = decodeToken(input.NextToken, isAfter)?.after;
    if (after === undefined) throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
  }
  const all = [...stream.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((c) => after === undefined || c.name > after);
  const page = all.slice(0, input.MaxResults ?? 100);
  return {
    Consumers: page.map(describe),
    NextToken: all.length > page.length ? encodeToken({ after: page[page.length - 1].name }) : undefined,
  };
}
