/**
 * CloudWatch metrics and alarms: PutMetricData, statistics and metric math,
 * metric and composite alarms evaluated on the core clock with SNS actions,
 * dashboards and tags. Query, JSON and CBOR protocols (all from the model).
 */
import type { ServiceModule } from '../../src/core/service';
import { CloudWatchBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<CloudWatchBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new CloudWatchBackend(ctx),
};
export default service;
