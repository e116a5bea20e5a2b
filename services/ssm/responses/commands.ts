/** Run Command: SendCommand, ListCommands, ListCommandInvocations, GetCommandInvocation, CancelCommand. */
import { ssmError } from '../exceptions';
import type { CommandRecord, Invocation } from '../models/commands';
import type * as T from '../types';
import { type Ctx, pageByOffset } from './common';
import { documentOf } from './documents';

const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8}([0-9a-f]{9})?$/;

function invalidParameters(message: string) {
  return ssmError('InvalidParameters', message);
}

/** The document's parameters decide what SendCommand accepts; defaults fill the rest. */
function resolveParameters(
  declared: Record<string, { default?: unknown; allowedValues?: string[] }>,
  given: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const name of Object.keys(given ?? {})) {
    if (!Object.hasOwn(declared, name)) throw invalidParameters(`Parameter "${name}" is not declared by the document.`);
  }
  for (const [name, spec] of Object.entries(declared)) {
    const value = given?.[name];
    if (value !== undefined) {
      if (spec.allowedValues && value.some((v) => !spec.allowedValues?.includes(v))) {
        throw invalidParameters(`Parameter "${name}" has a value that is not allowed.`);
      }
      out[name] = value;
    } else if (spec.default !== undefined) {
      out[name] = Array.isArray(spec.default) ? spec.default.map(String) : [String(spec.default)];
    } else {
      throw invalidParameters(`Parameter "${name}" is required but was not supplied.`);
    }
  }
  return out;
}

function commandOut(c: CommandRecord) {
  const completed = c.invocations.length;
  return {
    CommandId: c.commandId,
    DocumentName: c.documentName,
    DocumentVersion: c.documentVersion,
    Comment: c.comment,
    ExpiresAfter: new Date(c.expiresAt),
    Parameters: c.parameters,
    InstanceIds: c.instanceIds,
    Targets: c.targets,
    RequestedDateTime: new Date(c.requestedAt),
    Status: c.status,
    StatusDetails: c.status,
    OutputS3Region: c.outputS3Region,
    OutputS3BucketName: c.outputS3BucketName,
    OutputS3KeyPrefix: c.outputS3KeyPrefix,
    MaxConcurrency: c.maxConcurrency,
    MaxErrors: c.maxErrors,
    TargetCount: c.instanceIds.length,
    CompletedCount: completed,
    ErrorCount: c.invocations.filter((i) => i.status === 'Failed').length,
    DeliveryTimedOutCount: c.invocations.filter((i) => i.status === 'TimedOut').length,
    ServiceRole: c.serviceRole,
    TimeoutSeconds: c.timeoutSeconds,
  };
}

export function sendCommand(input: T.SendCommandRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.DocumentName);
  if (doc.documentType !== 'Command') {
    throw ssmError('InvalidDocument', `Document ${doc.name} is not a Command document.`);
  }
  const version = doc.find(input.DocumentVersion);
  if (!version) throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  const instanceIds = [...new Set(input.InstanceIds ?? [])];
  const targets = input.Targets ?? [];
  if (instanceIds.length === 0 && targets.length === 0) {
    throw ssmError('ValidationException', 'Either InstanceIds or Targets must be specified.');
  }
  for (const id of instanceIds) if (!INSTANCE_ID.test(id)) throw ssmError('InvalidInstanceId', 'Instances not in a valid state for account');
  for (const t of targets) {
    if (t.Key === 'InstanceIds') {
      for (const id of t.Values ?? []) {
        if (!INSTANCE_ID.test(id)) throw ssmError('InvalidInstanceId', 'Instances not in a valid state for account');
        if (!instanceIds.includes(id)) instanceIds.push(id);
      }
    }
  }
  const parameters = resolveParameters(version.parameters as never, input.Parameters);
  // The plugin is the first runtimeConfig entry (schema 1.2) or the first step's name (2.x).
  const runtime = (() => {
    try {
      const doc = JSON.parse(version.content) as { runtimeConfig?: object; mainSteps?: { name: string }[] };
      return doc.mainSteps?.[0]?.name ?? Object.keys(doc.runtimeConfig ?? {})[0];
    } catch {
      return undefined;
    }
  })();
  const command = ctx.backend.commands.send(
    {
      documentName: doc.name,
      documentVersion: version.version,
      comment: input.Comment,
      parameters,
      instanceIds,
      targets,
      timeoutSeconds: input.TimeoutSeconds,
      maxConcurrency: input.MaxConcurrency ?? '50',
      maxErrors: input.MaxErrors ?? '0',
      outputS3BucketName: input.OutputS3BucketName,
      outputS3KeyPrefix: input.OutputS3KeyPrefix,
      outputS3Region: input.OutputS3Region,
      serviceRole: input.ServiceRoleArn,
    },
    runtime ?? 'aws:runShellScript',
  );
  return { Command: commandOut(command) };
}

type Filter = { key: string; value: string };

function keep(c: CommandRecord, filters: Filter[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    switch (f.key) {
      case 'InvokedAfter':
        return c.requestedAt >= Date.parse(f.value);
      case 'InvokedBefore':
        return c.requestedAt <= Date.parse(f.value);
      case 'Status':
        return c.status === f.value;
      case 'DocumentName':
        return c.documentName === f.value;
      case 'ExecutionStage':
        return f.value === 'Complete';
      default:
        throw ssmError('InvalidFilterKey', '');
    }
  });
}

function commandsFor(ctx: Ctx, commandId: string | undefined, instanceId: string | undefined, filters: Filter[] | undefined) {
  if (commandId !== undefined && !ctx.backend.commands.byId.has(commandId)) throw ssmError('InvalidCommandId', '');
  return ctx.backend.commands.commands
    .filter((c) => commandId === undefined || c.commandId === commandId)
    .filter((c) => instanceId === undefined || c.instanceIds.includes(instanceId))
    .filter((c) => keep(c, filters))
    .reverse();
}

export function listCommands(input: T.ListCommandsRequest, ctx: Ctx) {
  const list = commandsFor(ctx, input.CommandId, input.InstanceId, input.Filters as Filter[] | undefined);
  const { items, NextToken } = pageByOffset(list, input.NextToken, input.MaxResults ?? 50);
  return { Commands: items.map(commandOut), NextToken };
}

function invocationOut(c: CommandRecord, i: Invocation, details: boolean | undefined) {
  return {
    CommandId: c.commandId,
    InstanceId: i.instanceId,
    Comment: c.comment,
    DocumentName: c.documentName,
    DocumentVersion: c.documentVersion,
    RequestedDateTime: new Date(c.requestedAt),
    Status: i.status,
    StatusDetails: i.statusDetails,
    ServiceRole: c.serviceRole,
    CommandPlugins: details
      ? [
          {
            Name: i.pluginName,
            Status: i.status,
            StatusDetails: i.statusDetails,
            ResponseCode: i.responseCode,
            ResponseStartDateTime: new Date(i.startedAt),
            ResponseFinishDateTime: new Date(i.endedAt),
            Output: i.stdout + i.stderr,
          },
        ]
      : [],
  };
}

export function listCommandInvocations(input: T.ListCommandInvocationsRequest, ctx: Ctx) {
  const list = commandsFor(ctx, input.CommandId, input.InstanceId, input.Filters as Filter[] | undefined).flatMap((c) =>
    c.invocations.filter((i) => input.InstanceId === undefined || i.instanceId === input.InstanceId).map((i) => invocationOut(c, i, input.Details)),
  );
  const { items, NextToken } = pageByOffset(list, input.NextToken, input.MaxResults ?? 50);
  return { CommandInvocations: items, NextToken };
}

export function getCommandInvocation(input: T.GetCommandInvocationRequest, ctx: Ctx) {
  const c = ctx.backend.commands.byId.get(input.CommandId);
  if (!c) throw ssmError('InvalidCommandId', '');
  const i = c.invocations.find((x) => x.instanceId === input.InstanceId);
  if (!i) throw ssmError('InvocationDoesNotExist', '');
  if (input.PluginName !== undefined && input.PluginName !== i.pluginName) throw ssmError('InvalidPluginName', '');
  return {
    CommandId: c.commandId,
    InstanceId: i.instanceId,
    Comment: c.comment,
    DocumentName: c.documentName,
    DocumentVersion: c.documentVersion,
    PluginName: i.pluginName,
    ResponseCode: i.responseCode,
    ExecutionStartDateTime: new Date(i.startedAt).toISOString(),
    ExecutionElapsedTime: `PT${((i.endedAt - i.startedAt) / 1000).toFixed(3)}S`,
    ExecutionEndDateTime: new Date(i.endedAt).toISOString(),
    Status: i.status,
    StatusDetails: i.statusDetails,
    StandardOutputContent: i.stdout,
    StandardOutputUrl: '',
    StandardErrorContent: i.stderr,
    StandardErrorUrl: '',
  };
}

export function cancelCommand(input: T.CancelCommandRequest, ctx: Ctx) {
  const c = ctx.backend.commands.byId.get(input.CommandId);
  if (!c) throw ssmError('InvalidCommandId', '');
  for (const id of input.InstanceIds ?? []) {
    if (!c.instanceIds.includes(id)) throw ssmError('InvalidInstanceId', 'Instances not in a valid state for account');
  }
  // Invocations here finish as they are sent, so nothing is left to cancel (AWS answers the same for finished ones).
  return {};
}
