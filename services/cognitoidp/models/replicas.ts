/**
 * Multi-Region replicas of a pool (CreateUserPoolReplica ...): their Region,
 * role and status. Creating and deleting take a while on the clock (CREATING
 * → ACTIVE, DELETING → gone); the status is computed when read, so no timer
 * is needed. The secondary pools are not served in their Regions.
 */
import { clock } from '../../../src/core/clock';
import type { UserPoolReplicaType } from '../types';

/** How long a replica stays CREATING, or DELETING, in the fake. */
export const REPLICA_TRANSITION_MS = 60_000;

export interface Replica {
  region: string;
  status: 'ACTIVE' | 'CREATING' | 'DELETING' | 'INACTIVE';
  since: number;
  tags?: Record<string, string>;
}

/** The replica as it is now, or undefined once its deletion finished. */
export function currentReplica(replica: Replica): Replica | undefined {
  if (replica.since + REPLICA_TRANSITION_MS > clock.now()) return replica;
  if (replica.status === 'CREATING') return { ...replica, status: 'ACTIVE' };
  if (replica.status === 'DELETING') return undefined;
  return replica;
}

export function replicaType(poolId: string, account: string, region: string, role: 'PRIMARY' | 'SECONDARY', status: string): UserPoolReplicaType {
  return { RegionName: region, Role: role, Status: status, UserPoolArn: `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}` };
}
