/** Log group transformers (stored) and TestTransformer (models/transformer.ts). */
import { clock } from '../../../src/core/clock';
import { notFound } from '../exceptions';
import { checkTransformer, transform } from '../models/transformer';
import type { Processor } from '../types';
import type { Ctx } from './common';

export function putTransformer(input: { logGroupIdentifier: string; transformerConfig: Processor[] }, ctx: Ctx): void {
  checkTransformer(input.transformerConfig);
  const g = ctx.backend.group(input.logGroupIdentifier);
  const now = clock.now();
  g.transformer = { config: input.transformerConfig, creationTime: g.transformer?.creationTime ?? now, lastModifiedTime: now };
}

export function getTransformer(input: { logGroupIdentifier: string }, ctx: Ctx) {
  const g = ctx.backend.group(input.logGroupIdentifier);
  if (!g.transformer) throw notFound('The specified log group has no transformer.');
  return { logGroupIdentifier: input.logGroupIdentifier, creationTime: g.transformer.creationTime, lastModifiedTime: g.transformer.lastModifiedTime, transformerConfig: g.transformer.config };
}

export function deleteTransformer(input: { logGroupIdentifier: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupIdentifier);
  if (!g.transformer) throw notFound('The specified log group has no transformer.');
  g.transformer = undefined;
}

export function testTransformer(input: { transformerConfig: Processor[]; logEventMessages: string[] }) {
  const config = input.transformerConfig;
  checkTransformer(config);
  return {
    transformedLogs: input.logEventMessages.map((eventMessage, i) => ({ eventNumber: i + 1, eventMessage, transformedEventMessage: transform(config, eventMessage) })),
  };
}
