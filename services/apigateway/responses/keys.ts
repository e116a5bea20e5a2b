/** API keys (created or imported from a CSV key file), usage plans and the keys in them (the data plane applies their throttles and quotas). */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import { readKeyFile } from '../models/api-key-file';
import { gatewayId, periodStart } from '../models/backend';
import { applyPatch, listMember, nestedMember, type PatchRule, replaceable } from '../models/patch';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

function requireKey(ctx: Ctx, id: string) {
  return ctx.backend.apiKeys.require(id, () => notFound('Invalid API Key identifier specified'));
}

function requirePlan(ctx: Ctx, id: string) {
  return ctx.backend.usagePlans.require(id, () => notFound(`Invalid Usage Plan ID specified`));
}

/** A key as the API shows it: the value only when asked for. */
function keyView(key: T.ApiKey, includeValue: boolean | undefined): T.ApiKey {
  const copy = out(key);
  if (!includeValue) copy.value = undefined;
  return copy;
}

export function createApiKey(input: T.CreateApiKeyRequest, ctx: Ctx): T.ApiKey {
  if (input.value !== undefined && input.value.length < 20) throw badRequest('API Key value should be at least 20 characters');
  for (const k of ctx.backend.apiKeys.values()) if (input.value !== undefined && k.value === input.value) throw conflict('API Key already exists');
  const stageKeys = (input.stageKeys ?? []).map((s) => {
    const api = ctx.backend.requireRestApi(s.restApiId ?? '');
    if (!api.stages.get(s.stageName ?? '')) throw badRequest(`Invalid stage key: ${s.restApiId}/${s.stageName}`);
    return `${s.restApiId}/${s.stageName}`;
  });
  const now = clock.date();
  const id = gatewayId(10);
  const key = {
    id,
    value: input.value ?? randomBytes(30).toString('base64url').slice(0, 40),
    name: input.name,
    customerId: input.customerId,
    description: input.description,
    enabled: input.enabled ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    stageKeys,
    tags: userMap(input.tags),
  };
  ctx.backend.apiKeys.set(id, key);
  return out(key);
}

export function getApiKey(input: T.GetApiKeyRequest, ctx: Ctx): T.ApiKey {
  return keyView(requireKey(ctx, input.apiKey), input.includeValue);
}

export function getApiKeys(input: T.GetApiKeysRequest, ctx: Ctx): T.ApiKeys {
  const page = ctx.backend.apiKeys.page(input.limit, input.position);
  const items = page.items
    .filter((k) => (input.nameQuery === undefined || k.name?.startsWith(input.nameQuery)) && (input.customerId === undefined || k.customerId === input.customerId))
    .map((k) => keyView(k, input.includeValues));
  return { items, position: page.position };
}

/** UpdateApiKey's patch paths: `replace` of `/enabled`, `/name`, `/description`, `/customerId`. */
export function updateApiKey(input: T.UpdateApiKeyRequest, ctx: Ctx): T.ApiKey {
  const key = requireKey(ctx, input.apiKey);
  const ops = input.patchOperations ?? [];
  for (const op of ops) {
    if (op.op !== 'replace' || !['/enabled', '/name', '/description', '/customerId'].includes(op.path ?? '')) {
      throw badRequest(`Invalid patch path ${op.path ?? ''} for operation ${op.op ?? ''}`);
    }
    if (op.path === '/enabled' && op.value !== 'true' && op.value !== 'false') throw badRequest(`Invalid value for enabled: ${op.value}`);
  }
  for (const op of ops) {
    if (op.path === '/enabled') key.enabled = op.value === 'true';
    else if (op.path === '/name') key.name = op.value;
    else if (op.path === '/description') key.description = op.value;
    else key.customerId = op.value;
  }
  key.lastUpdatedDate = clock.date();
  return keyView(key, false);
}

export function deleteApiKey(input: T.DeleteApiKeyRequest, ctx: Ctx): void {
  requireKey(ctx, input.apiKey);
  ctx.backend.apiKeys.delete(input.apiKey);
  for (const keys of ctx.backend.planKeys.values()) keys.delete(input.apiKey);
}

export function createUsagePlan(input: T.CreateUsagePlanRequest, ctx: Ctx): T.UsagePlan {
  for (const s of input.apiStages ?? []) {
    const api = ctx.backend.requireRestApi(s.apiId ?? '');
    if (!api.stages.get(s.stage ?? '')) throw badRequest(`API Stage not found: ${s.apiId}:${s.stage}`);
  }
  const id = gatewayId(6);
  const plan = {
    id,
    name: input.name,
    description: input.description,
    apiStages: input.apiStages ?? [],
    throttle: input.throttle,
    quota: input.quota,
    tags: userMap(input.tags),
  };
  ctx.backend.usagePlans.set(id, plan);
  ctx.backend.planKeys.set(id, new Set());
  ctx.backend.planCreated.set(id, clock.now());
  return out(plan);
}

export function getUsagePlan(input: T.GetUsagePlanRequest, ctx: Ctx): T.UsagePlan {
  return out(requirePlan(ctx, input.usagePlanId));
}

export function getUsagePlans(input: T.GetUsagePlansRequest, ctx: Ctx): T.UsagePlans {
  const page = ctx.backend.usagePlans.page(input.limit, input.position);
  const items = page.items.filter((p) => input.keyId === undefined || ctx.backend.planKeys.get(p.id)?.has(input.keyId));
  return { items: items.map(out), position: page.position };
}

export function deleteUsagePlan(input: T.DeleteUsagePlanRequest, ctx: Ctx): void {
  requirePlan(ctx, input.usagePlanId);
  ctx.backend.usagePlans.delete(input.usagePlanId);
  ctx.backend.planKeys.delete(input.usagePlanId);
}

function planKeyView(key: T.ApiKey & { id: string }): T.UsagePlanKey {
  return { id: key.id, type: 'API_KEY', value: key.value, name: key.name };
}

export function createUsagePlanKey(input: T.CreateUsagePlanKeyRequest, ctx: Ctx): T.UsagePlanKey {
  requirePlan(ctx, input.usagePlanId);
  if (input.keyType !== 'API_KEY') throw badRequest(`Invalid key type ${input.keyType}: the only key type is API_KEY`);
  const key = requireKey(ctx, input.keyId);
  const keys = ctx.backend.planKeys.get(input.usagePlanId) as Set<string>;
  if (keys.has(key.id)) throw conflict(`Usage plan ${input.usagePlanId} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage`);
  keys.add(key.id);
  return planKeyView(key);
}

export function getUsagePlanKeys(input: T.GetUsagePlanKeysRequest, ctx: Ctx): T.UsagePlanKeys {
  requirePlan(ctx, input.usagePlanId);
  const ids = [...(ctx.backend.planKeys.get(input.usagePlanId) ?? [])].sort();
  const start = input.position === undefined ? 0 : ids.indexOf(input.position) + 1;
  if (input.position !== undefined && start === 0) throw badRequest('Invalid position parameter');
  const limit = input.limit ?? 25;
  const slice = ids.slice(start, start + limit);
  const items = slice
    .map((id) => ctx.backend.apiKeys.get(id))
    .filter((k): k is T.ApiKey & { id: string; value: string } => k !== undefined && (input.nameQuery === undefined || (k.name ?? '').startsWith(input.nameQuery)))
    .map(planKeyView);
  return { items, position: start + limit < ids.length ? slice[slice.length - 1] : undefined };
}

export function deleteUsagePlanKey(input: T.DeleteUsagePlanKeyRequest, ctx: Ctx): void {
  requirePlan(ctx, input.usagePlanId);
  const keys = ctx.backend.planKeys.get(input.usagePlanId) as Set<string>;
  if (!keys.has(input.keyId)) throw notFound('Invalid Usage Plan Key identifier specified');
  keys.delete(input.keyId);
}

/** `apiId:stage` (UpdateUsagePlan's `/apiStages` value) as the plan's stage entry, the stage checked. */
function apiStageOf(ctx: Ctx, value: string | undefined): T.ApiStage {
  const [apiId, stage] = (value ?? '').split(':');
  const api = ctx.backend.requireRestApi(apiId ?? '');
  if (!stage || !api.stages.get(stage)) throw badRequest(`API Stage not found: ${value}`);
  return { apiId, stage };
}

export function updateUsagePlan(input: T.UpdateUsagePlanRequest, ctx: Ctx): T.UsagePlan {
  const plan = requirePlan(ctx, input.usagePlanId);
  const rules: PatchRule[] = [
    ...replaceable('string', '/name', '/description', '/productCode'),
    nestedMember('/throttle/burstLimit', 'integer'),
    nestedMember('/throttle/rateLimit', 'number'),
    nestedMember('/quota/limit', 'integer'),
    nestedMember('/quota/period', 'string'),
    nestedMember('/quota/offset', 'integer'),
    {
      path: '/apiStages',
      ops: ['add', 'remove'],
      apply: (target, op, _key, value) => {
        const entry = apiStageOf(ctx, value);
        const stages = ((target.apiStages as T.ApiStage[] | undefined) ?? []).filter((s) => s.apiId !== entry.apiId || s.stage !== entry.stage);
        target.apiStages = op === 'add' ? [...stages, entry] : stages;
      },
    },
  ];
  const patched = applyPatch(plan, input.patchOperations, rules);
  if (patched.quota?.period !== undefined && !['DAY', 'WEEK', 'MONTH'].includes(patched.quota.period)) {
    throw badRequest(`Invalid quota period: ${patched.quota.period}`);
  }
  return out(Object.assign(plan, patched));
}

export function getUsagePlanKey(input: T.GetUsagePlanKeyRequest, ctx: Ctx): T.UsagePlanKey {
  requirePlan(ctx, input.usagePlanId);
  const key = ctx.backend.planKeys.get(input.usagePlanId)?.has(input.keyId) ? ctx.backend.apiKeys.get(input.keyId) : undefined;
  if (!key) throw notFound('Invalid Usage Plan Key identifier specified');
  return planKeyView(key);
}

const DAY = 86_400_000;

function dateOf(value: string, which: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Invalid ${which} date format: ${value}, expected yyyy-MM-dd`);
  return ms;
}

/** GetUsage: per key, one `[used, remaining]` pair per UTC day from startDate to endDate. */
export function getUsage(input: T.GetUsageRequest, ctx: Ctx): T.Usage {
  const plan = requirePlan(ctx, input.usagePlanId);
  const start = dateOf(input.startDate, 'start');
  const end = dateOf(input.endDate, 'end');
  if (end < start) throw badRequest('The end date must not be before the start date');
  if ((end - start) / DAY >= 90) throw badRequest('The usage data period cannot exceed 90 days');
  const keyIds = [...(ctx.backend.planKeys.get(plan.id) ?? [])].filter((k) => input.keyId === undefined || k === input.keyId).sort();
  const items: Record<string, number[][]> = Object.create(null);
  for (const keyId of keyIds) {
    const days: number[][] = [];
    for (let day = start; day <= end; day += DAY) {
      const used = ctx.backend.usedOn(plan.id, keyId, day);
      days.push([used, ctx.backend.remaining(plan, keyId, day + DAY - 1) ?? 0]);
    }
    items[keyId] = days;
  }
  return { usagePlanId: plan.id, startDate: input.startDate, endDate: input.endDate, items };
}

/** UpdateUsage: `replace` of `/remaining` grants the key that many requests for the running quota period. */
export function updateUsage(input: T.UpdateUsageRequest, ctx: Ctx): T.Usage {
  const plan = requirePlan(ctx, input.usagePlanId);
  if (!ctx.backend.planKeys.get(plan.id)?.has(input.keyId)) throw notFound('Invalid Usage Plan Key identifier specified');
  if (!plan.quota?.limit) throw badRequest('Usage plan has no quota to extend');
  const { remaining } = applyPatch({ remaining: 0 }, input.patchOperations, replaceable('integer', '/remaining'));
  ctx.backend.setRemaining(plan, input.keyId, remaining);
  const today = periodStart('DAY', clock.now());
  const date = new Date(today).toISOString().slice(0, 10);
  return getUsage({ usagePlanId: plan.id, keyId: input.keyId, startDate: date, endDate: date }, ctx);
}

export function getAccount(_input: T.GetAccountRequest, ctx: Ctx): T.Account {
  return out(ctx.backend.settings);
}

/** UpdateAccount: `replace` of `/cloudwatchRoleArn`, `add` / `remove` of `/features` (UsagePlans). */
export function updateAccount(input: T.UpdateAccountRequest, ctx: Ctx): T.Account {
  const patched = applyPatch(ctx.backend.settings, input.patchOperations, [...replaceable('string', '/cloudwatchRoleArn'), listMember('/features')]);
  const arn = patched.cloudwatchRoleArn;
  if (arn && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) throw badRequest('The role ARN is not well formed');
  ctx.backend.settings = patched;
  return out(patched);
}

/**
 * ImportApiKeys (`format` csv): each row creates a key, or updates the key with the same value
 * (the latest import wins), and adds it to its usage plans. A row that cannot be imported is a
 * warning, or the whole import's BadRequestException with `failOnWarnings`; nothing changes
 * until every row has been read.
 */
export function importApiKeys(input: T.ImportApiKeysRequest, ctx: Ctx): T.ApiKeyIds {
  if (input.format !== 'csv') throw badRequest(`Invalid format: ${input.format}. The only format is csv`);
  const file = readKeyFile(Buffer.from(input.body).toString('utf8'));
  if ('error' in file) throw badRequest(file.error);
  const warnings: string[] = [];
  const good = file.rows.filter((row) => {
    const missingPlan = row.usagePlanIds.find((id) => !ctx.backend.usagePlans.get(id));
    const problem =
      row.key.length < 20 || row.key.length > 128
        ? 'Key must be between 20 and 128 characters'
        : row.name.length > 1024
          ? 'Name cannot exceed 1024 characters'
          : !/^(true|false)$/i.test(row.enabled)
            ? `Enabled must be true or false: ${row.enabled}`
            : missingPlan !== undefined
              ? `Invalid Usage Plan ID specified: ${missingPlan}`
              : undefined;
    if (problem === undefined) return true;
    warnings.push(`Line ${row.line}: ${problem}`);
    return false;
  });
  if (warnings.length && input.failOnWarnings) throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  const ids: string[] = [];
  for (const row of good) {
    const existing = [...ctx.backend.apiKeys.values()].find((k) => k.value === row.key);
    const now = clock.date();
    const key = existing ?? { id: gatewayId(10), value: row.key, createdDate: now, stageKeys: [], tags: userMap(undefined) };
    Object.assign(key, { name: row.name, description: row.description, enabled: row.enabled.toLowerCase() === 'true', lastUpdatedDate: now });
    ctx.backend.apiKeys.set(key.id, key);
    for (const planId of row.usagePlanIds) ctx.backend.planKeys.get(planId)?.add(key.id);
    ids.push(key.id);
  }
  return { ids, warnings: warnings.length ? warnings : undefined };
}
