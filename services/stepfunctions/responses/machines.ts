/** State machines: create, describe, update, delete, list, validate; versions and aliases. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { conflict, invalidArn, invalidDefinition, invalidLogging, machineExists, missingParameter, notFound, validation } from '../exceptions';
import { describeDiagnostics, parseDefinition, type MachineDef } from '../interpreter/definition';
import type { StateMachine, StateMachineAlias } from '../models/resources';
import type * as T from '../types';
import { checkName, type Ctx, page, setTags } from './common';

function definitionOf(text: string): MachineDef {
  const { def, diagnostics } = parseDefinition(text);
  if (!def) throw invalidDefinition(describeDiagnostics(diagnostics));
  return def;
}

const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'];
function logging(config: T.LoggingConfiguration | undefined): T.LoggingConfiguration {
  const out = { level: config?.level ?? 'OFF', includeExecutionData: config?.includeExecutionData ?? false, destinations: config?.destinations };
  if (!LOG_LEVELS.includes(out.level)) throw validation(`Invalid logging level: ${out.level}`);
  if (out.level !== 'OFF' && !out.destinations?.length) {
    throw invalidLogging('Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  return out;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
function checkRole(roleArn: string): void {
  if (!ROLE_ARN.test(roleArn)) throw invalidArn(roleArn);
}

export function createStateMachine(input: T.CreateStateMachineInput, ctx: Ctx): T.CreateStateMachineOutput {
  const b = ctx.backend;
  checkName(input.name);
  checkRole(input.roleArn);
  const type = (input.type ?? 'STANDARD') as 'STANDARD' | 'EXPRESS';
  const def = definitionOf(input.definition);
  const loggingConfiguration = logging(input.loggingConfiguration);
  const machineArn = b.arn(`stateMachine:${input.name}`);
  const existing = b.machines.get(machineArn);
  if (existing) {
    // idempotent when everything matches
    if (existing.definition === input.definition && existing.roleArn === input.roleArn && existing.type === type) return { stateMachineArn: machineArn, creationDate: existing.creationDate };
    throw machineExists(machineArn);
  }
  const tags = new Map<string, string>();
  setTags(machineArn, tags, input.tags);
  const machine: StateMachine = {
    name: input.name,
    arn: machineArn,
    type,
    definition: input.definition,
    def,
    roleArn: input.roleArn,
    loggingConfiguration,
    tracingConfiguration: input.tracingConfiguration ?? { enabled: false },
    revisionId: randomUUID(),
    creationDate: clock.date(),
    tags,
    versions: new Map(),
    nextVersion: 1,
    aliases: new Map(),
    executions: [],
  };
  b.machines.set(machineArn, machine);
  const version = input.publish ? b.publish(machine, input.versionDescription) : undefined;
  return { stateMachineArn: machineArn, creationDate: machine.creationDate, stateMachineVersionArn: version?.arn };
}

export function describeStateMachine(input: T.DescribeStateMachineInput, ctx: Ctx): T.DescribeStateMachineOutput {
  const { machine, version } = ctx.backend.resolveDescribable(input.stateMachineArn);
  const r = version ?? machine;
  return {
    stateMachineArn: version?.arn ?? machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: r.definition,
    roleArn: r.roleArn,
    type: machine.type,
    creationDate: version?.creationDate ?? machine.creationDate,
    loggingConfiguration: r.loggingConfiguration,
    tracingConfiguration: r.tracingConfiguration,
    revisionId: r.revisionId,
    description: version?.description,
  };
}

export function updateStateMachine(input: T.UpdateStateMachineInput, ctx: Ctx): T.UpdateStateMachineOutput {
  const b = ctx.backend;
  const machine = b.machine(input.stateMachineArn);
  if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined && input.encryptionConfiguration === undefined) {
    throw missingParameter('Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified');
  }
  if (input.roleArn !== undefined) checkRole(input.roleArn);
  if (input.versionDescription !== undefined && !input.publish) throw validation('Version description can only be set when publish is true');
  const def = input.definition !== undefined ? definitionOf(input.definition) : machine.def;
  const loggingConfiguration = input.loggingConfiguration !== undefined ? logging(input.loggingConfiguration) : machine.loggingConfiguration;
  const changed = input.definition !== undefined || input.roleArn !== undefined || input.loggingConfiguration !== undefined || input.tracingConfiguration !== undefined;
  if (input.definition !== undefined) {
    machine.definition = input.definition;
    machine.def = def;
  }
  if (input.roleArn !== undefined) machine.roleArn = input.roleArn;
  machine.loggingConfiguration = loggingConfiguration;
  if (input.tracingConfiguration) machine.tracingConfiguration = input.tracingConfiguration;
  if (changed) machine.revisionId = randomUUID();
  machine.updateDate = clock.date();
  const version = input.publish ? b.publish(machine, input.versionDescription) : undefined;
  return { updateDate: machine.updateDate, revisionId: machine.revisionId, stateMachineVersionArn: version?.arn };
}

export function deleteStateMachine(input: T.DeleteStateMachineInput, ctx: Ctx): T.DeleteStateMachineOutput {
  const b = ctx.backend;
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/.test(input.stateMachineArn)) throw invalidArn(input.stateMachineArn);
  // deleting a machine that does not exist succeeds, as in AWS
  b.machines.delete(input.stateMachineArn);
  return {};
}

export function listStateMachines(input: T.ListStateMachinesInput, ctx: Ctx): T.ListStateMachinesOutput {
  const all = [...ctx.backend.machines.values()].sort((a, b) => a.creationDate.getTime() - b.creationDate.getTime() || (a.name < b.name ? -1 : 1));
  const { out, nextToken } = page(all, input.nextToken, input.maxResults);
  return { stateMachines: out.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: m.creationDate })), nextToken };
}

export function validateStateMachineDefinition(input: T.ValidateStateMachineDefinitionInput): T.ValidateStateMachineDefinitionOutput {
  const { diagnostics } = parseDefinition(input.definition);
  const severity = input.severity ?? 'ERROR';
  const shown = diagnostics.filter((d) => severity === 'WARNING' || d.severity === 'ERROR');
  const max = input.maxResults && input.maxResults > 0 ? input.maxResults : 100;
  return {
    result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: shown.slice(0, max),
    truncated: shown.length > max,
  };
}

export function describeStateMachineForExecution(input: T.DescribeStateMachineForExecutionInput, ctx: Ctx): T.DescribeStateMachineForExecutionOutput {
  const e = ctx.backend.execution(input.executionArn);
  const r = e.revision;
  return {
    stateMachineArn: e.versionArn ?? e.machine.arn,
    name: e.machine.name,
    definition: r.definition,
    roleArn: r.roleArn,
    updateDate: e.machine.updateDate ?? e.machine.creationDate,
    loggingConfiguration: r.loggingConfiguration,
    tracingConfiguration: r.tracingConfiguration,
    revisionId: r.revisionId,
  };
}

// ---- versions ----

export function publishStateMachineVersion(input: T.PublishStateMachineVersionInput, ctx: Ctx): T.PublishStateMachineVersionOutput {
  const machine = ctx.backend.machine(input.stateMachineArn);
  if (input.revisionId !== undefined && input.revisionId !== machine.revisionId) {
    throw conflict(`Failed to publish the State Machine version for revision ${input.revisionId}. The current State Machine revision is ${machine.revisionId}.`);
  }
  const version = ctx.backend.publish(machine, input.description);
  return { creationDate: version.creationDate, stateMachineVersionArn: version.arn };
}

export function listStateMachineVersions(input: T.ListStateMachineVersionsInput, ctx: Ctx): T.ListStateMachineVersionsOutput {
  const machine = ctx.backend.machine(input.stateMachineArn);
  const all = [...machine.versions.values()].reverse();
  const { out, nextToken } = page(all, input.nextToken, input.maxResults);
  return { stateMachineVersions: out.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: v.creationDate })), nextToken };
}

export function deleteStateMachineVersion(input: T.DeleteStateMachineVersionInput, ctx: Ctx): T.DeleteStateMachineVersionOutput {
  const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+):(\d+)$/.exec(input.stateMachineVersionArn);
  if (!m) throw invalidArn(input.stateMachineVersionArn);
  const machine = ctx.backend.machines.get(m[1]);
  if (!machine) return {};
  const using = [...machine.aliases.values()].find((a) => a.routing.some((r) => r.stateMachineVersionArn === input.stateMachineVersionArn));
  if (using) throw conflict(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${using.name}]`);
  machine.versions.delete(Number(m[2]));
  return {};
}

// ---- aliases ----

function checkRouting(ctx: Ctx, machineArn: string | undefined, routing: T.RoutingConfigurationListItem[]): string {
  if (routing.length < 1 || routing.length > 2) throw validation('Routing configuration must contain one or two versions');
  if (routing.reduce((s, r) => s + r.weight, 0) !== 100) throw validation('Sum of routing configuration weights must be equal to 100');
  if (routing.length === 2 && routing[0].stateMachineVersionArn === routing[1].stateMachineVersionArn) throw validation('Routing configuration must contain distinct state machine version ARNs');
  let owner = machineArn;
  for (const r of routing) {
    const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+):(\d+)$/.exec(r.stateMachineVersionArn);
    if (!m) throw invalidArn(r.stateMachineVersionArn);
    if (owner !== undefined && owner !== m[1]) throw validation('Routing configuration must contain state machine version ARNs belonging to the same state machine');
    owner = m[1];
    const machine = ctx.backend.machines.get(m[1]);
    if (!machine?.versions.has(Number(m[2]))) throw notFound(`Resource not found: '${r.stateMachineVersionArn}'`);
  }
  return owner as string;
}

export function createStateMachineAlias(input: T.CreateStateMachineAliasInput, ctx: Ctx): T.CreateStateMachineAliasOutput {
  if (/^\d+$/.test(input.name)) throw validation(`Alias name must not be a number: ${input.name}`);
  checkName(input.name);
  const owner = checkRouting(ctx, undefined, input.routingConfiguration);
  const machine = ctx.backend.machine(owner);
  const existing = machine.aliases.get(input.name);
  if (existing) {
    if (existing.description === input.description && JSON.stringify(existing.routing) === JSON.stringify(input.routingConfiguration)) return { stateMachineAliasArn: existing.arn, creationDate: existing.creationDate };
    throw conflict(`Failed to create alias because an alias with the same name and a different routing configuration already exists.`);
  }
  const now = clock.date();
  const alias: StateMachineAlias = { name: input.name, arn: `${machine.arn}:${input.name}`, description: input.description, routing: input.routingConfiguration, creationDate: now, updateDate: now };
  machine.aliases.set(alias.name, alias);
  return { stateMachineAliasArn: alias.arn, creationDate: now };
}

function aliasOf(ctx: Ctx, aliasArn: string): { machine: StateMachine; alias: StateMachineAlias } {
  const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+):([^:]+)$/.exec(aliasArn);
  if (!m || /^\d+$/.test(m[2])) throw invalidArn(aliasArn);
  const machine = ctx.backend.machines.get(m[1]);
  const alias = machine?.aliases.get(m[2]);
  if (!machine || !alias) throw notFound(`Resource not found: '${aliasArn}'`);
  return { machine, alias };
}

export function describeStateMachineAlias(input: T.DescribeStateMachineAliasInput, ctx: Ctx): T.DescribeStateMachineAliasOutput {
  const { alias } = aliasOf(ctx, input.stateMachineAliasArn);
  return { stateMachineAliasArn: alias.arn, name: alias.name, description: alias.description, routingConfiguration: alias.routing, creationDate: alias.creationDate, updateDate: alias.updateDate };
}

export function updateStateMachineAlias(input: T.UpdateStateMachineAliasInput, ctx: Ctx): T.UpdateStateMachineAliasOutput {
  const { machine, alias } = aliasOf(ctx, input.stateMachineAliasArn);
  if (input.description === undefined && input.routingConfiguration === undefined) throw validation('Either the description or the routing configuration must be specified');
  if (input.routingConfiguration) checkRouting(ctx, machine.arn, input.routingConfiguration);
  if (input.description !== undefined) alias.description = input.description;
  if (input.routingConfiguration) alias.routing = input.routingConfiguration;
  alias.updateDate = clock.date();
  return { updateDate: alias.updateDate };
}

export function deleteStateMachineAlias(input: T.DeleteStateMachineAliasInput, ctx: Ctx): T.DeleteStateMachineAliasOutput {
  const { machine, alias } = aliasOf(ctx, input.stateMachineAliasArn);
  machine.aliases.delete(alias.name);
  return {};
}

export function listStateMachineAliases(input: T.ListStateMachineAliasesInput, ctx: Ctx): T.ListStateMachineAliasesOutput {
  const machine = ctx.backend.machine(input.stateMachineArn);
  const { out, nextToken } = page([...machine.aliases.values()], input.nextToken, input.maxResults);
  return { stateMachineAliases: out.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: a.creationDate })), nextToken };
}
