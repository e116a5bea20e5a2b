/**
 * Log deliveries ("vended logs" v2): a delivery source (an AWS resource and
 * the log type it emits), a delivery destination (a log group, S3 bucket or
 * Firehose stream, or X-Ray) with an optional policy, and the deliveries
 * linking them. The fake stores them; no mocked service emits vended logs,
 * so nothing flows.
 */
export interface DeliverySource {
  name: string;
  arn: string;
  resourceArns: string[];
  service: string;
  logType: string;
  tags: Map<string, string>;
  deliverySourceConfiguration?: Record<string, string>;
}

export interface DeliveryDestination {
  name: string;
  arn: string;
  deliveryDestinationType: string;
  outputFormat?: string;
  deliveryDestinationConfiguration?: { destinationResourceArn: string };
  tags: Map<string, string>;
  policy?: string;
}

export interface LogDelivery {
  id: string;
  arn: string;
  deliverySourceName: string;
  deliveryDestinationArn: string;
  deliveryDestinationType: string;
  recordFields?: string[];
  fieldDelimiter?: string;
  s3DeliveryConfiguration?: { suffixPath?: string; enableHiveCompatiblePath?: boolean };
  tags: Map<string, string>;
}

/** The destination type a destination resource ARN implies (log group, bucket, Firehose stream). */
export function destinationTypeOf(resourceArn: string): string | undefined {
  const [, , service, , , resource = ''] = resourceArn.split(':');
  if (service === 'logs' && resourceArn.includes(':log-group:')) return 'CWL';
  if (service === 's3') return 'S3';
  if (service === 'firehose' && resource.startsWith('deliverystream/')) return 'FH';
  return undefined;
}
