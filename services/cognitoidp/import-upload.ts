/**
 * The pre-signed URL of a user import job: `PUT` the CSV to it (fetch, https,
 * curl against the server). It answers as S3 answers a pre-signed PUT: 200
 * with an ETag, or 403 for a wrong or missing key, an unknown job, or a job
 * already started.
 */
import { createHash } from 'node:crypto';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { DataPlaneContext } from '../../src/core/service';
import type { CognitoIdpBackend } from './models/backend';
import { UPLOAD_PATH } from './responses/import-jobs';

function xmlError(status: number, code: string, message: string): AwsResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(body) };
}

export function isImportUpload(req: AwsRequest): boolean {
  return UPLOAD_PATH.test(req.url.pathname);
}

export async function importUpload(req: AwsRequest, ctx: DataPlaneContext<CognitoIdpBackend>): Promise<AwsResponse> {
  const { account, poolId, jobId } = UPLOAD_PATH.exec(req.url.pathname)?.groups ?? {};
  if (req.method !== 'PUT') return xmlError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  // The pool's id starts with its region: the backend of (account, region) holds it.
  const region = poolId.slice(0, poolId.indexOf('_'));
  const backend = await ctx.backends.get<CognitoIdpBackend>('cognitoidp', account, region);
  const job = backend.pools.get(poolId)?.importJobs.get(jobId);
  if (!job || req.url.searchParams.get('key') !== job.uploadKey) {
    return xmlError(403, 'AccessDenied', 'Request has expired or the signature does not match.');
  }
  if (job.currentStatus() !== 'Created') return xmlError(403, 'AccessDenied', 'The import job is no longer accepting a file.');
  const body = req.body;
  job.csv = body.toString('utf8');
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  return { status: 200, headers: { etag }, body: Buffer.alloc(0) };
}
