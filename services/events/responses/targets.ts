/** Targets of a rule: PutTargets (validated whole before anything changes), RemoveTargets, ListTargetsByRule. */
import { parseArn } from '../../../src/core/ids';
import { constraint, limitExceeded, validation } from '../exceptions';
import { checkTargetInput } from '../models/input';
import type { Target } from '../types';
import { type Ctx, checkLimit, checkName, pageByName } from './common';

const TARGET_ID = /^[.\-_A-Za-z0-9]+$/;
const MAX_TARGETS = 5;

function checkTarget(t: Target): void {
  checkName(t.Id, 'targets.member.id', TARGET_ID, '[\\.\\-_A-Za-z0-9]+', 64);
  const parsed = parseArn(t.Arn);
  if (!parsed) throw validation(`Parameter ${t.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  checkTargetInput(t);
  if (parsed.service === 'sqs' && parsed.resource.endsWith('.fifo') && !t.SqsParameters?.MessageGroupId) {
    throw validation(`Parameter(s) SqsParameters must be specified for target: ${t.Id}.`);
  }
  const retry = t.RetryPolicy;
  if (retry?.MaximumRetryAttempts !== undefined && (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)) {
    throw constraint(retry.MaximumRetryAttempts, 'targets.member.retryPolicy.maximumRetryAttempts', 'Member must have value less than or equal to 185');
  }
  if (retry?.MaximumEventAgeInSeconds !== undefined && (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86_400)) {
    throw constraint(retry.MaximumEventAgeInSeconds, 'targets.member.retryPolicy.maximumEventAgeInSeconds', 'Member must have value between 60 and 86400');
  }
  if (t.DeadLetterConfig?.Arn !== undefined && parseArn(t.DeadLetterConfig.Arn)?.service !== 'sqs') {
    throw validation('Only SQS queues are supported as dead-letter queues.');
  }
}

export function putTargets(input: { Rule: string; EventBusName?: string; Targets: Target[] }, ctx: Ctx) {
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = ctx.backend.rule(bus, input.Rule);
  if (input.Targets.length === 0 || input.Targets.length > 10) {
    throw constraint('[...]', 'targets', `Member must have length ${input.Targets.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 10'}`);
  }
  for (const t of input.Targets) checkTarget(t);
  const ids = new Set([...rule.targets.keys(), ...input.Targets.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS) throw limitExceeded('The requested resource exceeds the maximum number allowed.');
  for (const t of input.Targets) rule.targets.set(t.Id, t);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function removeTargets(input: { Rule: string; EventBusName?: string; Ids: string[]; Force?: boolean }, ctx: Ctx) {
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = ctx.backend.rule(bus, input.Rule);
  for (const id of input.Ids) rule.targets.delete(id);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(input: { Rule: string; EventBusName?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = ctx.backend.rule(bus, input.Rule);
  const { page, NextToken } = pageByName(rule.targets.values(), (t) => t.Id, input.NextToken, limit);
  return { Targets: page, NextToken };
}
