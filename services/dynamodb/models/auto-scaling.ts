/**
 * Auto scaling settings as the global-table and replica-auto-scaling calls
 * store them: an AutoScalingSettingsUpdate merged into the current
 * description after DynamoDB's range checks, and the per-replica settings
 * view (DescribeGlobalTableSettings' ReplicaSettingsDescription).
 */
import { partitionOf } from '../../../src/core/ids';
import { validation } from '../exceptions';
import type {
  AutoScalingSettingsDescription,
  AutoScalingSettingsUpdate,
  ReplicaGlobalSecondaryIndexSettingsDescription,
  ReplicaSettingsDescription,
} from '../types';
import type { Table } from './table';

export type Dimension = 'Read' | 'Write';

export function checkScalingUpdate(u: AutoScalingSettingsUpdate): void {
  for (const [name, v] of [['MinimumUnits', u.MinimumUnits], ['MaximumUnits', u.MaximumUnits]] as const) {
    if (v !== undefined && v < 1) throw validation(`${name} must be greater than or equal to 1`);
  }
  if (u.MinimumUnits !== undefined && u.MaximumUnits !== undefined && u.MinimumUnits > u.MaximumUnits) {
    throw validation(`MinimumUnits (${u.MinimumUnits}) must be less than or equal to MaximumUnits (${u.MaximumUnits})`);
  }
  const target = u.ScalingPolicyUpdate?.TargetTrackingScalingPolicyConfiguration?.TargetValue;
  if (target !== undefined && (target < 20 || target > 90)) {
    throw validation(`TargetValue ${target} is out of range: it must be between 20 and 90`);
  }
}

/** The stored description after an update (unset fields keep their value). */
export function mergeScaling(
  current: AutoScalingSettingsDescription | undefined,
  u: AutoScalingSettingsUpdate,
  table: Table,
  dimension: Dimension,
  indexName?: string,
): AutoScalingSettingsDescription {
  const resource = `table/${table.name}${indexName ? `/index/${indexName}` : ''}`;
  const account = table.arn.split(':')[4];
  const out: AutoScalingSettingsDescription = {
    MinimumUnits: u.MinimumUnits ?? current?.MinimumUnits,
    MaximumUnits: u.MaximumUnits ?? current?.MaximumUnits,
    AutoScalingDisabled: u.AutoScalingDisabled ?? current?.AutoScalingDisabled ?? false,
    AutoScalingRoleArn:
      u.AutoScalingRoleArn ??
      current?.AutoScalingRoleArn ??
      `arn:${partitionOf(table.region)}:iam::${account}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`,
    ScalingPolicies: current?.ScalingPolicies,
  };
  const policy = u.ScalingPolicyUpdate;
  if (policy) {
    out.ScalingPolicies = [
      {
        PolicyName: policy.PolicyName ?? `DynamoDB${dimension}CapacityUtilization:${resource}`,
        TargetTrackingScalingPolicyConfiguration: { ...policy.TargetTrackingScalingPolicyConfiguration },
      },
    ];
  }
  return out;
}

/** What an unconfigured dimension describes as. */
const DISABLED: AutoScalingSettingsDescription = { AutoScalingDisabled: true };

export function scalingOf(table: Table, dimension: Dimension, index = ''): AutoScalingSettingsDescription {
  const s = table.features.autoScaling.get(index);
  return (dimension === 'Read' ? s?.read : s?.write) ?? DISABLED;
}

export function replicaSettings(table: Table): ReplicaSettingsDescription {
  const provisioned = table.billingMode === 'PROVISIONED';
  const units = (n: number | undefined) => (provisioned ? (n ?? 0) : 0);
  const gsis: ReplicaGlobalSecondaryIndexSettingsDescription[] = [...table.indexes.values()]
    .filter((i) => i.spec.kind === 'GSI')
    .map((i) => ({
      IndexName: i.spec.name,
      IndexStatus: i.status,
      ProvisionedReadCapacityUnits: units(i.spec.throughput?.ReadCapacityUnits),
      ProvisionedReadCapacityAutoScalingSettings: scalingOf(table, 'Read', i.spec.name),
      ProvisionedWriteCapacityUnits: units(i.spec.throughput?.WriteCapacityUnits),
      ProvisionedWriteCapacityAutoScalingSettings: scalingOf(table, 'Write', i.spec.name),
    }));
  return {
    RegionName: table.region,
    ReplicaStatus: 'ACTIVE',
    ReplicaBillingModeSummary: {
      BillingMode: table.billingMode,
      ...(provisioned ? {} : { LastUpdateToPayPerRequestDateTime: table.createdAt }),
    },
    ReplicaProvisionedReadCapacityUnits: units(table.throughput.ReadCapacityUnits),
    ReplicaProvisionedReadCapacityAutoScalingSettings: scalingOf(table, 'Read'),
    ReplicaProvisionedWriteCapacityUnits: units(table.throughput.WriteCapacityUnits),
    ReplicaProvisionedWriteCapacityAutoScalingSettings: scalingOf(table, 'Write'),
    ReplicaGlobalSecondaryIndexSettings: gsis.length ? gsis : undefined,
    ReplicaTableClassSummary: { TableClass: table.tableClass },
  };
}
