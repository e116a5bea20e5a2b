/**
 * Typed access to each service's backend (its state for one account and
 * region), for assertions: `await m.backends.s3()` is the S3 backend class of
 * services/s3. The backend types come from each service module's default
 * export; a service that does not declare one is `unknown` to the type checker.
 */
import type { ServiceModule } from '../core/service';

type BackendOf<M> = M extends { default: ServiceModule<infer B> } ? B : unknown;

/** Service id → backend class (one line per service of services/index.ts). */
export interface ServiceBackends {
  s3: BackendOf<typeof import('../../services/s3/index')>;
  dynamodb: BackendOf<typeof import('../../services/dynamodb/index')>;
  dynamodbstreams: BackendOf<typeof import('../../services/dynamodbstreams/index')>;
  sqs: BackendOf<typeof import('../../services/sqs/index')>;
  sns: BackendOf<typeof import('../../services/sns/index')>;
  sts: BackendOf<typeof import('../../services/sts/index')>;
  iam: BackendOf<typeof import('../../services/iam/index')>;
  secretsmanager: BackendOf<typeof import('../../services/secretsmanager/index')>;
  ssm: BackendOf<typeof import('../../services/ssm/index')>;
  kms: BackendOf<typeof import('../../services/kms/index')>;
  lambda: BackendOf<typeof import('../../services/lambda/index')>;
  events: BackendOf<typeof import('../../services/events/index')>;
  logs: BackendOf<typeof import('../../services/logs/index')>;
  scheduler: BackendOf<typeof import('../../services/scheduler/index')>;
  cloudwatch: BackendOf<typeof import('../../services/cloudwatch/index')>;
  kinesis: BackendOf<typeof import('../../services/kinesis/index')>;
  firehose: BackendOf<typeof import('../../services/firehose/index')>;
  ec2: BackendOf<typeof import('../../services/ec2/index')>;
  sesv2: BackendOf<typeof import('../../services/sesv2/index')>;
  ses: BackendOf<typeof import('../../services/ses/index')>;
  stepfunctions: BackendOf<typeof import('../../services/stepfunctions/index')>;
  cognitoidp: BackendOf<typeof import('../../services/cognitoidp/index')>;
  cognitoidentity: BackendOf<typeof import('../../services/cognitoidentity/index')>;
  apigateway: BackendOf<typeof import('../../services/apigateway/index')>;
  apigatewayv2: BackendOf<typeof import('../../services/apigatewayv2/index')>;
}

export type ServiceId = keyof ServiceBackends;

/** `m.backends.<id>(account?, region?)` for every service, plus `get(id, ...)`. */
export type Backends = {
  [K in ServiceId]: (account?: string, region?: string) => Promise<ServiceBackends[K]>;
} & {
  get<T = unknown>(service: string, account?: string, region?: string): Promise<T>;
};
