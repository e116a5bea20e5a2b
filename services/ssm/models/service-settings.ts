/**
 * Service settings (API reference, GetServiceSetting): the account's SSM
 * settings with their defaults and allowed values. The default parameter tier
 * is honoured by PutParameter.
 */
import { clock } from '../../../src/core/clock';

interface SettingSpec {
  defaultValue: string;
  allowed?: string[];
}

export const SETTINGS: Record<string, SettingSpec> = {
  '/ssm/parameter-store/default-parameter-tier': { defaultValue: 'Standard', allowed: ['Standard', 'Advanced', 'Intelligent-Tiering'] },
  '/ssm/parameter-store/high-throughput-enabled': { defaultValue: 'false', allowed: ['true', 'false'] },
  '/ssm/managed-instance/activation-tier': { defaultValue: 'standard', allowed: ['standard', 'advanced'] },
  '/ssm/automation/customer-script-log-destination': { defaultValue: 'none', allowed: ['none', 'CloudWatch'] },
  '/ssm/automation/customer-script-log-group-name': { defaultValue: '/aws/ssm/automation/executeScript' },
  '/ssm/documents/console/public-sharing-permission': { defaultValue: 'Enable', allowed: ['Enable', 'Disable'] },
  '/ssm/managed-instance/default-ec2-instance-management-role': { defaultValue: '' },
  '/ssm/opsinsights/opscenter': { defaultValue: 'Disabled', allowed: ['Enabled', 'Disabled'] },
};

export interface SettingState {
  value: string;
  modifiedAt: number;
  modifiedBy: string;
}

export class ServiceSettings {
  readonly customized = new Map<string, SettingState>();

  value(id: string): string {
    return this.customized.get(id)?.value ?? SETTINGS[id]?.defaultValue ?? '';
  }

  set(id: string, value: string, by: string): void {
    this.customized.set(id, { value, modifiedAt: clock.now(), modifiedBy: by });
  }
}
