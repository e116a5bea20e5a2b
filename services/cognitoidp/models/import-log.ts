/**
 * Where a finished import job's lines go: CloudWatch Logs, as the developer
 * guide describes it (log group `/aws/cognito/userpools/<poolId>/<poolName>`,
 * stream `<jobId>/<jobName>`), through the Logs backend's own operations.
 * Delivery is best effort: a group or stream name Logs refuses (a pool name
 * with spaces, say) leaves the lines on the job only.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-cloudwatch.html
 */
import { clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import type { UserImportJob } from './import-job';
import type { UserPool } from './pool';

const ignoreExisting = (e: unknown) => {
  if ((e as { code?: string }).code !== 'ResourceAlreadyExistsException') throw e;
};

export async function deliverImportLog(ctx: BackendContext, pool: UserPool, job: UserImportJob): Promise<void> {
  const where = { account: ctx.account, region: ctx.region };
  const logGroupName = `/aws/cognito/userpools/${pool.id}/${pool.name}`;
  const logStreamName = `${job.id}/${job.name}`;
  try {
    await ctx.backends.call('logs', 'CreateLogGroup', { logGroupName }, where).catch(ignoreExisting);
    await ctx.backends.call('logs', 'CreateLogStream', { logGroupName, logStreamName }, where).catch(ignoreExisting);
    const timestamp = job.completed ?? clock.now();
    const logEvents = job.log.map((message) => ({ timestamp, message }));
    if (logEvents.length) await ctx.backends.call('logs', 'PutLogEvents', { logGroupName, logStreamName, logEvents }, where);
  } catch {
    // Best effort, as said above: the job's own log keeps every line.
  }
}
