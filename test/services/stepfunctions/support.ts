/** Helpers for the Step Functions tests: a client, a machine from a definition object, run-to-rest. */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { MockAws } from '../../../src/mock';

export const ROLE = 'arn:aws:iam::123456789012:role/sfn-role';
export const ACCOUNT = '123456789012';

export function sfnClient(): SFNClient {
  return new SFNClient({ region: 'us-east-1' });
}

export async function createMachine(sfn: SFNClient, name: string, definition: object, extra: Record<string, unknown> = {}): Promise<string> {
  const out = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, ...extra }));
  return out.stateMachineArn as string;
}

/** Starts an execution and lets the event loop run it to rest. */
export async function run(aws: MockAws, sfn: SFNClient, machineArn: string, input: unknown = {}, name?: string) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input), name }));
  await aws.settle();
  return describe(sfn, executionArn as string);
}

export async function describe(sfn: SFNClient, executionArn: string) {
  const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return { ...d, result: d.output === undefined ? undefined : JSON.parse(d.output) };
}

export async function history(sfn: SFNClient, executionArn: string) {
  const out = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return out.events ?? [];
}

export const types = (events: { type?: string }[]) => events.map((e) => e.type);

/** A one-state machine around `state` (End added). */
export function single(state: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { StartAt: 'S', States: { S: { ...state, End: true } }, ...extra };
}
