/**
 * User import from CSV: GetCSVHeader, Create/Describe/List/Start/StopUserImportJob.
 *
 * @note The pre-signed URL: Cognito hands out an S3 URL of a bucket it owns.
 * The fake hands out a URL on the Cognito host, answered by this service's
 * data plane (see upload.ts), not by the S3 backend: a bucket created in the
 * caller's account would show in its ListBuckets, which AWS's does not.
 * `fetch(url, { method: 'PUT', body })` reaches it in-process through the
 * HTTP fallback; against the server, PUT the same path to the server's address.
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { csvHeader, IMPORT_STEP_MS, UserImportJob } from '../models/import-job';
import type { UserPool } from '../models/pool';
import type { CognitoidpOperations } from '../types';
import type { Ctx } from './common';
import { pageOf } from './paging';

/** The Service Quotas value "User import jobs per user pool". */
const MAX_JOBS_PER_POOL = 1000;
const preconditionNotMet = (message: string) => new AwsError('PreconditionNotMetException', message, { status: 400 });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Where the CSV of a job is PUT: `/_aws/cognito-idp/user-import/<account>/<poolId>/<jobId>?key=<upload key>`. */
export const UPLOAD_PATH = /^\/_aws\/cognito-idp\/user-import\/(?<account>\d{12})\/(?<poolId>[\w-]+_[0-9A-Za-z]+)\/(?<jobId>import-[0-9A-Za-z-]+)$/;

function jobOf(pool: UserPool, jobId: string): UserImportJob {
  const job = pool.importJobs.get(jobId);
  if (!job) throw resourceNotFound(`Import job ${jobId} does not exist.`);
  return job;
}

function newJobId(): string {
  const bytes = randomBytes(10);
  return `import-${Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')}`;
}

/** Job ids in creation order, for paging (the page token is the last id's position, as text). */
function jobPage(pool: UserPool, token: string | undefined, max: number) {
  const ids = [...pool.importJobs.keys()].map((id, i) => `${String(i).padStart(8, '0')}:${id}`);
  return pageOf(ids, token, max);
}

export const importJobs: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  GetCSVHeader(input, ctx) {
    return { UserPoolId: input.UserPoolId, CSVHeader: csvHeader(ctx.backend.pool(input.UserPoolId)) };
  },

  CreateUserImportJob(input, ctx: Ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.importJobs.size >= MAX_JOBS_PER_POOL) {
      throw new AwsError('LimitExceededException', `User pool ${pool.id} has reached the limit of ${MAX_JOBS_PER_POOL} user import jobs.`, { status: 400 });
    }
    const id = newJobId();
    const key = randomBytes(24).toString('hex');
    const host = `cognito-idp.${ctx.region}.amazonaws.com`;
    const url = `https://${host}/_aws/cognito-idp/user-import/${ctx.account}/${pool.id}/${id}?key=${key}`;
    const job = new UserImportJob(id, input.JobName, pool.id, input.CloudWatchLogsRoleArn, key, url, input.PasswordHashingAlgorithm);
    pool.importJobs.set(id, job);
    return { UserImportJob: job.describe() };
  },

  DescribeUserImportJob(input, ctx) {
    return { UserImportJob: jobOf(ctx.backend.pool(input.UserPoolId), input.JobId).describe() };
  },

  ListUserImportJobs(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const page = jobPage(pool, input.PaginationToken, input.MaxResults);
    return {
      UserImportJobs: page.items.map((k) => jobOf(pool, k.slice(k.indexOf(':') + 1)).describe()),
      ...(page.next ? { PaginationToken: page.next } : {}),
    };
  },

  StartUserImportJob(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const job = jobOf(pool, input.JobId);
    const status = job.currentStatus();
    if (status !== 'Created') throw preconditionNotMet(`Import job ${job.id} is ${status}; only a job in Created can be started.`);
    if (job.csv === undefined) throw preconditionNotMet('No file has been uploaded to the pre-signed URL of the import job.');
    if (!(pool.settings.AutoVerifiedAttributes ?? []).length) {
      throw invalidParameter('The user pool has no auto-verified attributes: imported users could not reset their passwords.');
    }
    job.status = 'Pending';
    job.started = clock.now();
    job.nextStepAt = job.started + IMPORT_STEP_MS;
    ctx.backend.scheduleImport(pool, job);
    return { UserImportJob: job.describe() };
  },

  StopUserImportJob(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const job = jobOf(pool, input.JobId);
    const status = job.currentStatus();
    if (status !== 'Pending' && status !== 'InProgress') {
      throw preconditionNotMet(`Import job ${job.id} is ${status}; only a Pending or InProgress job can be stopped.`);
    }
    job.status = 'Stopping';
    job.nextStepAt = clock.now() + IMPORT_STEP_MS;
    ctx.backend.scheduleImport(pool, job);
    return { UserImportJob: job.describe() };
  },
};
