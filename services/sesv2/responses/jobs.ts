/** SES v2 export jobs (message insights, metrics → S3) and import jobs (S3 → suppression list, contact list). */
import { clock } from '../../../src/core/clock';
import { invalid, notFound } from '../exceptions';
import { armJobs, type ExportJob, type ImportJob, jobId, runDueJobs } from '../models/jobs';
import type * as T from '../types';
import { type Ctx, page } from './common';

export async function createExportJob(input: T.CreateExportJobRequest, ctx: Ctx): Promise<T.CreateExportJobResponse> {
  const b = ctx.backend;
  const src = input.ExportDataSource;
  if (Boolean(src.MetricsDataSource) === Boolean(src.MessageInsightsDataSource)) throw invalid('Exactly one of MetricsDataSource and MessageInsightsDataSource must be given.');
  const range = src.MetricsDataSource ?? src.MessageInsightsDataSource;
  if (range && range.StartDate.getTime() > range.EndDate.getTime()) throw invalid('StartDate must be before EndDate.');
  const job: ExportJob = {
    id: jobId(),
    sourceType: src.MetricsDataSource ? 'METRICS_DATA' : 'MESSAGE_INSIGHTS',
    source: src,
    destination: input.ExportDestination,
    status: 'CREATED',
    created: clock.date(),
  };
  b.exportJobs.set(job.id, job);
  armJobs(b);
  return { JobId: job.id };
}

async function exportJob(id: string, ctx: Ctx): Promise<ExportJob> {
  await runDueJobs(ctx.backend);
  const job = ctx.backend.exportJobs.get(id);
  if (!job) throw notFound(`Export job ${id} does not exist.`);
  return job;
}

export async function getExportJob(input: { JobId: string }, ctx: Ctx): Promise<T.GetExportJobResponse> {
  const job = await exportJob(input.JobId, ctx);
  return {
    JobId: job.id,
    ExportSourceType: job.sourceType,
    JobStatus: job.status,
    ExportDestination: job.destination,
    ExportDataSource: job.source,
    CreatedTimestamp: job.created,
    CompletedTimestamp: job.completed,
    FailureInfo: job.failure ? { ErrorMessage: job.failure } : undefined,
    Statistics: job.stats,
  };
}

export async function cancelExportJob(input: { JobId: string }, ctx: Ctx) {
  const job = await exportJob(input.JobId, ctx);
  if (job.status !== 'CREATED' && job.status !== 'PROCESSING') throw invalid(`Export job ${job.id} is ${job.status} and cannot be cancelled.`);
  job.status = 'CANCELLED';
  job.completed = clock.date();
  ctx.backend.timers.get(job.id)?.cancel();
  ctx.backend.timers.delete(job.id);
  return {};
}

export async function listExportJobs(input: T.ListExportJobsRequest, ctx: Ctx): Promise<T.ListExportJobsResponse> {
  await runDueJobs(ctx.backend);
  const all = [...ctx.backend.exportJobs.values()].filter((j) => (!input.ExportSourceType || j.sourceType === input.ExportSourceType) && (!input.JobStatus || j.status === input.JobStatus));
  const { out, NextToken } = page(all, (j) => `${j.created.toISOString()}|${j.id}`, input.NextToken, input.PageSize ?? 100);
  return { ExportJobs: out.map((j) => ({ JobId: j.id, ExportSourceType: j.sourceType, JobStatus: j.status, CreatedTimestamp: j.created, CompletedTimestamp: j.completed })), NextToken };
}

export async function createImportJob(input: T.CreateImportJobRequest, ctx: Ctx): Promise<T.CreateImportJobResponse> {
  const b = ctx.backend;
  const dest = input.ImportDestination;
  if (Boolean(dest.SuppressionListDestination) === Boolean(dest.ContactListDestination)) throw invalid('Exactly one of SuppressionListDestination and ContactListDestination must be given.');
  // Bulk changes to the suppression list need production access (SES developer guide).
  if (dest.SuppressionListDestination && !b.productionAccess) throw invalid('Bulk import to the suppression list requires production access.');
  if (dest.ContactListDestination && !b.contactLists.has(dest.ContactListDestination.ContactListName)) throw notFound(`List with name ${dest.ContactListDestination.ContactListName} does not exist.`);
  const job: ImportJob = { id: jobId(), destination: dest, source: input.ImportDataSource, status: 'CREATED', created: clock.date(), processed: 0, failed: 0 };
  b.importJobs.set(job.id, job);
  armJobs(b);
  return { JobId: job.id };
}

const importView = (j: ImportJob) => ({
  JobId: j.id,
  ImportDestination: j.destination,
  JobStatus: j.status,
  CreatedTimestamp: j.created,
  ProcessedRecordsCount: j.processed,
  FailedRecordsCount: j.failed,
});

export async function getImportJob(input: { JobId: string }, ctx: Ctx): Promise<T.GetImportJobResponse> {
  await runDueJobs(ctx.backend);
  const job = ctx.backend.importJobs.get(input.JobId);
  if (!job) throw notFound(`Import job ${input.JobId} does not exist.`);
  return { ...importView(job), ImportDataSource: job.source, CompletedTimestamp: job.completed, FailureInfo: job.failure ? { ErrorMessage: job.failure } : undefined };
}

export async function listImportJobs(input: T.ListImportJobsRequest, ctx: Ctx): Promise<T.ListImportJobsResponse> {
  await runDueJobs(ctx.backend);
  const type = (j: ImportJob) => (j.destination.SuppressionListDestination ? 'SUPPRESSION_LIST' : 'CONTACT_LIST');
  const all = [...ctx.backend.importJobs.values()].filter((j) => !input.ImportDestinationType || type(j) === input.ImportDestinationType);
  const { out, NextToken } = page(all, (j) => `${j.created.toISOString()}|${j.id}`, input.NextToken, input.PageSize ?? 100);
  return { ImportJobs: out.map(importView), NextToken };
}
