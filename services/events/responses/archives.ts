/**
 * Archives (events put on a bus that match the archive's pattern are kept,
 * with retention on the clock) and replays (archived events in a time range
 * put back on the bus on the event loop, each with `replay-name` set, to all
 * rules or to the rules in FilterArns).
 */
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import { alreadyExists, illegalStatus, notFound, validation } from '../exceptions';
import { compileEventPattern } from '../models/pattern';
import type { Archive, Replay } from '../models/resources';
import { type Ctx, checkLimit, checkName, pageByName } from './common';

const NAME = /^[.\-_A-Za-z0-9]+$/;

function archiveOf(name: string, ctx: Ctx): Archive {
  const a = ctx.backend.archives.get(name);
  if (!a) throw notFound(`Archive ${name} does not exist.`);
  return a;
}

function summary(a: Archive) {
  return {
    ArchiveName: a.name,
    EventSourceArn: a.eventSourceArn,
    State: a.state,
    RetentionDays: a.retentionDays,
    SizeBytes: a.events.reduce((n, e) => n + e.size, 0),
    EventCount: a.events.length,
    CreationTime: a.creationTime,
  };
}

export function createArchive(
  input: { ArchiveName: string; EventSourceArn: string; Description?: string; EventPattern?: string; RetentionDays?: number; KmsKeyIdentifier?: string },
  ctx: Ctx,
) {
  checkName(input.ArchiveName, 'archiveName', NAME, '[\\.\\-_A-Za-z0-9]+', 48);
  const bus = ctx.backend.bus(input.EventSourceArn);
  if (bus.arn !== input.EventSourceArn) throw validation('Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.');
  if (ctx.backend.archives.has(input.ArchiveName)) throw alreadyExists(`Archive ${input.ArchiveName} already exists.`);
  if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern); // refuses a bad pattern
  if (input.RetentionDays !== undefined && input.RetentionDays < 0) throw validation('RetentionDays must be >= 0.');
  const archive: Archive = {
    name: input.ArchiveName,
    arn: ctx.backend.arn(`archive/${input.ArchiveName}`),
    eventSourceArn: bus.arn,
    description: input.Description,
    eventPattern: input.EventPattern,
    retentionDays: input.RetentionDays ?? 0,
    kmsKeyIdentifier: input.KmsKeyIdentifier,
    state: 'ENABLED',
    creationTime: clock.date(),
    events: [],
  };
  ctx.backend.archives.set(archive.name, archive);
  return { ArchiveArn: archive.arn, State: archive.state, CreationTime: archive.creationTime };
}

export function describeArchive(input: { ArchiveName: string }, ctx: Ctx) {
  ctx.backend.expireArchives();
  const a = archiveOf(input.ArchiveName, ctx);
  return { ...summary(a), ArchiveArn: a.arn, Description: a.description, EventPattern: a.eventPattern, KmsKeyIdentifier: a.kmsKeyIdentifier };
}

export function updateArchive(input: { ArchiveName: string; Description?: string; EventPattern?: string; RetentionDays?: number; KmsKeyIdentifier?: string }, ctx: Ctx) {
  const a = archiveOf(input.ArchiveName, ctx);
  if (input.EventPattern !== undefined) {
    compileEventPattern(input.EventPattern); // refuses a bad pattern before anything changes
    a.eventPattern = input.EventPattern;
    ctx.backend.definitionChanged(a);
  }
  if (input.Description !== undefined) a.description = input.Description;
  if (input.RetentionDays !== undefined) a.retentionDays = input.RetentionDays;
  if (input.KmsKeyIdentifier !== undefined) a.kmsKeyIdentifier = input.KmsKeyIdentifier;
  return { ArchiveArn: a.arn, State: a.state, CreationTime: a.creationTime };
}

export function deleteArchive(input: { ArchiveName: string }, ctx: Ctx): void {
  archiveOf(input.ArchiveName, ctx);
  ctx.backend.archives.delete(input.ArchiveName);
}

export function listArchives(input: { NamePrefix?: string; EventSourceArn?: string; State?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  ctx.backend.expireArchives();
  const all = [...ctx.backend.archives.values()].filter(
    (a) =>
      a.name.startsWith(input.NamePrefix ?? '') &&
      (input.EventSourceArn === undefined || a.eventSourceArn === input.EventSourceArn) &&
      (input.State === undefined || a.state === input.State),
  );
  const { page, NextToken } = pageByName(all, (a) => a.name, input.NextToken, limit);
  return { Archives: page.map(summary), NextToken };
}

function replayOf(name: string, ctx: Ctx): Replay {
  const r = ctx.backend.replays.get(name);
  if (!r) throw notFound(`Replay ${name} does not exist.`);
  return r;
}

export function startReplay(
  input: { ReplayName: string; Description?: string; EventSourceArn: string; EventStartTime: Date; EventEndTime: Date; Destination: { Arn: string; FilterArns?: string[] } },
  ctx: Ctx,
) {
  checkName(input.ReplayName, 'replayName', NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  if (ctx.backend.replays.has(input.ReplayName)) throw alreadyExists(`Replay ${input.ReplayName} already exists.`);
  const archiveName = /:archive\/(.+)$/.exec(input.EventSourceArn)?.[1];
  const archive = archiveName === undefined ? undefined : ctx.backend.archives.get(archiveName);
  if (!archive || archive.arn !== input.EventSourceArn) throw notFound(`Archive ${archiveName ?? input.EventSourceArn} does not exist.`);
  if (input.Destination.Arn !== archive.eventSourceArn) {
    throw validation('Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
  }
  if (input.EventStartTime.getTime() >= input.EventEndTime.getTime()) {
    throw validation('Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
  }
  const bus = ctx.backend.bus(input.Destination.Arn);
  for (const ruleArn of input.Destination.FilterArns ?? []) {
    if (!ctx.backend.ruleByArn(ruleArn)) throw notFound(`Rule ${ruleArn} does not exist.`);
  }
  const replay: Replay = {
    name: input.ReplayName,
    arn: ctx.backend.arn(`replay/${input.ReplayName}`),
    description: input.Description,
    eventSourceArn: archive.arn,
    destination: input.Destination,
    eventStartTime: input.EventStartTime,
    eventEndTime: input.EventEndTime,
    state: 'STARTING',
    replayStartTime: clock.date(),
  };
  ctx.backend.replays.set(replay.name, replay);
  const from = input.EventStartTime.getTime();
  const to = input.EventEndTime.getTime();
  const events = archive.events.filter((e) => e.at >= from && e.at <= to);
  eventLoop(ctx.backends).schedule(
    () => {
      if (replay.state !== 'STARTING') return;
      replay.state = 'RUNNING';
      for (const { event } of events) {
        ctx.backend.dispatch(bus, { ...event, 'replay-name': replay.name }, { filterArns: input.Destination.FilterArns });
        replay.eventLastReplayedTime = new Date(Date.parse(event.time));
      }
      replay.state = 'COMPLETED';
      replay.replayEndTime = clock.date();
    },
    { label: `events replay ${replay.name}` },
  );
  return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: replay.replayStartTime };
}

export function describeReplay(input: { ReplayName: string }, ctx: Ctx) {
  const r = replayOf(input.ReplayName, ctx);
  return {
    ReplayName: r.name,
    ReplayArn: r.arn,
    Description: r.description,
    State: r.state,
    StateReason: r.stateReason,
    EventSourceArn: r.eventSourceArn,
    Destination: r.destination,
    EventStartTime: r.eventStartTime,
    EventEndTime: r.eventEndTime,
    EventLastReplayedTime: r.eventLastReplayedTime,
    ReplayStartTime: r.replayStartTime,
    ReplayEndTime: r.replayEndTime,
  };
}

export function listReplays(input: { NamePrefix?: string; State?: string; EventSourceArn?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const all = [...ctx.backend.replays.values()].filter(
    (r) =>
      r.name.startsWith(input.NamePrefix ?? '') &&
      (input.State === undefined || r.state === input.State) &&
      (input.EventSourceArn === undefined || r.eventSourceArn === input.EventSourceArn),
  );
  const { page, NextToken } = pageByName(all, (r) => r.name, input.NextToken, limit);
  return {
    Replays: page.map((r) => ({
      ReplayName: r.name,
      EventSourceArn: r.eventSourceArn,
      State: r.state,
      StateReason: r.stateReason,
      EventStartTime: r.eventStartTime,
      EventEndTime: r.eventEndTime,
      EventLastReplayedTime: r.eventLastReplayedTime,
      ReplayStartTime: r.replayStartTime,
      ReplayEndTime: r.replayEndTime,
    })),
    NextToken,
  };
}

export function cancelReplay(input: { ReplayName: string }, ctx: Ctx) {
  const r = replayOf(input.ReplayName, ctx);
  if (r.state !== 'STARTING' && r.state !== 'RUNNING') throw illegalStatus(`Replay ${r.name} is not in a valid state for this operation.`);
  r.state = 'CANCELLED';
  r.stateReason = 'Cancelled by user';
  return { ReplayArn: r.arn, State: 'CANCELLING', StateReason: r.stateReason };
}
