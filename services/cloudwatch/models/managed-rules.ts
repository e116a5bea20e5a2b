/**
 * Managed Contributor Insights rules: templates AWS offers per resource type.
 * The emulation knows the VPC endpoint service template documented for
 * PutManagedInsightRules (VpcEndpointService-BytesByEndpointId-v1); a
 * resource of another type has no managed rules. A managed rule is stored as
 * an insight rule (ManagedRule: true) whose data would come from the service,
 * not from log groups: its reports have no contributors.
 */
import { parseArn } from '../../../src/core/ids';
import type { RuleDefinition } from './insight-rules';

export interface ManagedTemplate {
  name: string;
  /** The contributor key of the template's data. */
  key: string;
}

interface ResourceType {
  resource: RegExp;
  service: string;
  templates: ManagedTemplate[];
}

const TYPES: ResourceType[] = [
  {
    service: 'ec2',
    resource: /^vpc-endpoint-service\/(vpce-svc-[0-9a-f]+)$/,
    templates: [{ name: 'VpcEndpointService-BytesByEndpointId-v1', key: '$.endpointId' }],
  },
];

/** The templates for a resource ARN, and the resource's id (undefined: not an ARN). */
export function templatesFor(resourceArn: string): { id: string; templates: ManagedTemplate[] } | undefined {
  const parsed = parseArn(resourceArn);
  if (!parsed) return undefined;
  for (const type of TYPES) {
    const m = parsed.service === type.service ? type.resource.exec(parsed.resource) : null;
    if (m) return { id: m[1], templates: type.templates };
  }
  return { id: parsed.resource, templates: [] };
}

/** The name the managed rule of a template takes for a resource. */
export const managedRuleName = (template: string, resourceId: string) => `${template}-${resourceId}`;

/** A managed rule's definition: no log groups (its data is the service's), the template's key, summed. */
export function managedDefinition(template: ManagedTemplate): RuleDefinition {
  return { LogGroupNames: [], LogFormat: 'JSON', Keys: [template.key], Filters: [], AggregateOn: 'Sum', ValueOf: '$.bytes' };
}
