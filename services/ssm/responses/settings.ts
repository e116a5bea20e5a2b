/** GetServiceSetting, UpdateServiceSetting, ResetServiceSetting. */
import { arn as makeArn } from '../../../src/core/ids';
import { ssmError, validation } from '../exceptions';
import { SETTINGS } from '../models/service-settings';
import type * as T from '../types';
import { type Ctx, callerArn } from './common';

/** A setting id, or its ARN (`arn:aws:ssm:<region>:<account>:servicesetting/ssm/...`). */
function settingId(raw: string): string {
  const at = raw.indexOf(':servicesetting');
  const id = raw.startsWith('arn:') && at >= 0 ? raw.slice(at + ':servicesetting'.length) : raw;
  if (!SETTINGS[id]) throw ssmError('ServiceSettingNotFound', `The specified service setting was not found: ${raw}`);
  return id;
}

function describe(ctx: Ctx, id: string) {
  const state = ctx.backend.settings.customized.get(id);
  return {
    SettingId: id,
    SettingValue: ctx.backend.settings.value(id),
    LastModifiedDate: state ? new Date(state.modifiedAt) : undefined,
    LastModifiedUser: state?.modifiedBy ?? 'System',
    ARN: makeArn({ service: 'ssm', region: ctx.region, account: ctx.account, resource: `servicesetting${id}` }),
    Status: state ? 'Customized' : 'Default',
  };
}

export function getServiceSetting(input: T.GetServiceSettingRequest, ctx: Ctx) {
  return { ServiceSetting: describe(ctx, settingId(input.SettingId)) };
}

export function updateServiceSetting(input: T.UpdateServiceSettingRequest, ctx: Ctx) {
  const id = settingId(input.SettingId);
  const allowed = SETTINGS[id].allowed;
  if (allowed && !allowed.includes(input.SettingValue)) {
    throw validation(`The value ${input.SettingValue} is not valid for setting ${id}. Valid values: ${allowed.join(', ')}.`);
  }
  ctx.backend.settings.set(id, input.SettingValue, callerArn(ctx));
  return {};
}

export function resetServiceSetting(input: T.ResetServiceSettingRequest, ctx: Ctx) {
  const id = settingId(input.SettingId);
  ctx.backend.settings.customized.delete(id);
  return { ServiceSetting: describe(ctx, id) };
}
