/** Map runs of distributed Map states: describe, list by execution, update concurrency and tolerance. */
import { validation } from '../exceptions';
import type * as T from '../types';
import { type Ctx, page } from './common';

export function describeMapRun(input: T.DescribeMapRunInput, ctx: Ctx): T.DescribeMapRunOutput {
  const r = ctx.backend.mapRun(input.mapRunArn);
  const c = r.counts;
  const counts = { ...c, timedOut: 0, aborted: 0, resultsWritten: c.succeeded };
  return {
    mapRunArn: r.arn,
    executionArn: r.execution.arn,
    status: r.status,
    startDate: r.startDate,
    stopDate: r.stopDate,
    maxConcurrency: r.maxConcurrency,
    toleratedFailureCount: r.toleratedFailureCount,
    toleratedFailurePercentage: r.toleratedFailurePercentage,
    itemCounts: counts,
    executionCounts: counts,
  };
}

export function listMapRuns(input: T.ListMapRunsInput, ctx: Ctx): T.ListMapRunsOutput {
  const exec = ctx.backend.execution(input.executionArn);
  const { out, nextToken } = page(exec.mapRuns, input.nextToken, input.maxResults);
  return { mapRuns: out.map((r) => ({ executionArn: exec.arn, mapRunArn: r.arn, stateMachineArn: exec.machine.arn, startDate: r.startDate, stopDate: r.stopDate })), nextToken };
}

export function updateMapRun(input: T.UpdateMapRunInput, ctx: Ctx): T.UpdateMapRunOutput {
  const r = ctx.backend.mapRun(input.mapRunArn);
  if (input.maxConcurrency === undefined && input.toleratedFailureCount === undefined && input.toleratedFailurePercentage === undefined) {
    throw validation('At least one of the parameters maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified');
  }
  if (input.maxConcurrency !== undefined) r.maxConcurrency = input.maxConcurrency;
  if (input.toleratedFailureCount !== undefined) r.toleratedFailureCount = input.toleratedFailureCount;
  if (input.toleratedFailurePercentage !== undefined) r.toleratedFailurePercentage = input.toleratedFailurePercentage;
  return {};
}
