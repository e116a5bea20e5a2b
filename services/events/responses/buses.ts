/** Event buses (default, custom, partner) and their resource policy (PutPermission / RemovePermission). */
import { clock } from '../../../src/core/clock';
import { alreadyExists, notFound, policyLengthExceeded, validation } from '../exceptions';
import { DEFAULT_BUS } from '../models/backend';
import type { EventBus, PolicyStatement } from '../models/resources';
import { applyTags, type Ctx, checkLimit, checkName, pageByName } from './common';

const BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;

export function policyOf(bus: EventBus): string | undefined {
  return bus.statements.length ? JSON.stringify({ Version: '2012-10-17', Statement: bus.statements }) : undefined;
}

export function createEventBus(
  input: { Name: string; EventSourceName?: string; Description?: string; KmsKeyIdentifier?: string; DeadLetterConfig?: { Arn?: string }; LogConfig?: object; Tags?: Array<{ Key?: string; Value?: string }> },
  ctx: Ctx,
) {
  checkName(input.Name, 'name', BUS_NAME, '[/\\.\\-_A-Za-z0-9]+', 256);
  const b = ctx.backend;
  if (b.buses.has(input.Name)) throw alreadyExists(`Event bus ${input.Name} already exists.`);
  if (input.Name.startsWith('aws.partner/')) {
    // A partner bus takes the name of the partner event source shared with this account.
    if (input.EventSourceName !== input.Name) throw validation('Event source name and event bus name must be the same.');
    const source = b.partnerSources.get(input.Name);
    if (!source || source.account !== ctx.account) throw notFound(`Event source ${input.Name} does not exist.`);
    source.state = 'ACTIVE';
  } else if (input.EventSourceName !== undefined) {
    throw validation('Event source name must start with aws.partner/.');
  } else if (input.Name.includes('/')) {
    throw validation(`Event bus name must not contain '/'.`);
  }
  const tags = new Map<string, string>();
  applyTags(tags, input.Tags);
  const bus = b.addBus(input.Name, {
    description: input.Description,
    kmsKeyIdentifier: input.KmsKeyIdentifier,
    deadLetterConfig: input.DeadLetterConfig,
    logConfig: input.LogConfig,
    tags,
  });
  return {
    EventBusArn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterConfig,
    LogConfig: bus.logConfig,
  };
}

export function updateEventBus(
  input: { Name?: string; KmsKeyIdentifier?: string; Description?: string; DeadLetterConfig?: { Arn?: string }; LogConfig?: object },
  ctx: Ctx,
) {
  const bus = ctx.backend.bus(input.Name);
  if (input.KmsKeyIdentifier !== undefined) bus.kmsKeyIdentifier = input.KmsKeyIdentifier;
  if (input.Description !== undefined) bus.description = input.Description;
  if (input.DeadLetterConfig !== undefined) bus.deadLetterConfig = input.DeadLetterConfig;
  if (input.LogConfig !== undefined) bus.logConfig = input.LogConfig;
  bus.lastModifiedTime = clock.date();
  return {
    Arn: bus.arn,
    Name: bus.name,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    Description: bus.description,
    DeadLetterConfig: bus.deadLetterConfig,
    LogConfig: bus.logConfig,
  };
}

export function deleteEventBus(input: { Name: string }, ctx: Ctx): void {
  if (input.Name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  const bus = ctx.backend.buses.get(input.Name);
  if (!bus) return; // deleting a bus that does not exist succeeds
  for (const rule of bus.rules.values()) ctx.backend.deleteRuleState(bus, rule);
  ctx.backend.buses.delete(input.Name);
  ctx.backend.busNames.delete(input.Name);
  const source = ctx.backend.partnerSources.get(input.Name);
  if (source) source.state = 'PENDING';
}

export function describeEventBus(input: { Name?: string }, ctx: Ctx) {
  const bus = ctx.backend.bus(input.Name);
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterConfig,
    LogConfig: bus.logConfig,
    Policy: policyOf(bus),
    CreationTime: bus.creationTime,
    LastModifiedTime: bus.lastModifiedTime,
  };
}

export function listEventBuses(input: { NamePrefix?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const buses = [...ctx.backend.buses.values()].filter((b) => b.name.startsWith(input.NamePrefix ?? ''));
  const { page, NextToken } = pageByName(buses, (b) => b.name, input.NextToken, limit);
  return {
    EventBuses: page.map((b) => ({ Name: b.name, Arn: b.arn, Description: b.description, Policy: policyOf(b), CreationTime: b.creationTime, LastModifiedTime: b.lastModifiedTime })),
    NextToken,
  };
}

const STATEMENT_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function putPermission(
  input: { EventBusName?: string; Action?: string; Principal?: string; StatementId?: string; Condition?: { Type: string; Key: string; Value: string }; Policy?: string },
  ctx: Ctx,
): void {
  const bus = ctx.backend.bus(input.EventBusName);
  if (input.Policy !== undefined) {
    let doc: { Statement?: unknown };
    try {
      doc = JSON.parse(input.Policy);
    } catch {
      throw validation('Policy is not valid JSON.');
    }
    if (!Array.isArray(doc.Statement)) throw validation('Policy must contain a Statement list.');
    if (input.Policy.length > 10_240) throw policyLengthExceeded();
    bus.statements = doc.Statement as PolicyStatement[];
    return;
  }
  if (input.Action !== 'events:PutEvents') throw validation("Provided value in parameter 'action' is not supported.");
  if (input.Principal === undefined || !/^(\d{12}|\*)$/.test(input.Principal)) {
    throw validation("Value of the parameter 'principal' must be an account id or *.");
  }
  if (input.StatementId === undefined || !STATEMENT_ID.test(input.StatementId)) {
    throw validation("Value of the parameter 'statementId' is not valid.");
  }
  if (input.Condition && input.Principal !== '*') throw validation('Condition can only be set when the principal is *.');
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.Principal}:root` },
    Action: 'events:PutEvents',
    Resource: bus.arn,
  };
  if (input.Condition) statement.Condition = { [input.Condition.Type]: { [input.Condition.Key]: input.Condition.Value } };
  bus.statements = [...bus.statements.filter((s) => s.Sid !== input.StatementId), statement];
}

export function removePermission(input: { StatementId?: string; RemoveAllPermissions?: boolean; EventBusName?: string }, ctx: Ctx): void {
  const bus = ctx.backend.bus(input.EventBusName);
  if (input.RemoveAllPermissions) {
    bus.statements = [];
    return;
  }
  if (input.StatementId === undefined) throw validation('Either StatementId or RemoveAllPermissions must be specified.');
  if (bus.statements.length === 0) throw notFound('EventBus does not have a policy.');
  if (!bus.statements.some((s) => s.Sid === input.StatementId)) throw notFound('Statement with the provided id does not exist.');
  bus.statements = bus.statements.filter((s) => s.Sid !== input.StatementId);
}
