/**
 * Parameter Store change events (Systems Manager user guide, "Setting up
 * notifications or triggering actions based on Parameter Store events"): when
 * a parameter or a parameter label version is created, updated or deleted,
 * Systems Manager sends EventBridge an event from source `aws.ssm` with
 * detail-type `Parameter Store Change` and detail `{ operation, name, type,
 * description }` to the account's default bus. AWS emits them best effort:
 * a missing EventBridge never fails the call.
 */
import type { BackendAccess } from '../../../src/core/service';

export type ParameterOperation = 'Create' | 'Update' | 'Delete' | 'LabelParameterVersion';

interface EventsApi {
  publishEvent?(entry: { source: string; detailType: string; detail: unknown; resources?: string[] }): unknown;
}

export async function parameterChanged(
  backends: BackendAccess,
  where: { account: string; region: string },
  operation: ParameterOperation,
  parameter: { name: string; arn: string; type?: string; description?: string },
): Promise<void> {
  let events: EventsApi;
  try {
    events = await backends.get<EventsApi>('events', where.account, where.region);
  } catch {
    return;
  }
  events.publishEvent?.({
    source: 'aws.ssm',
    detailType: 'Parameter Store Change',
    detail: { operation, name: parameter.name, type: parameter.type, description: parameter.description },
    resources: [parameter.arn],
  });
}
