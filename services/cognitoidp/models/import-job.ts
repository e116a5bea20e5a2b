/**
 * User import jobs (CreateUserImportJob ... StartUserImportJob): the job's
 * state, the CSV it was handed through its pre-signed URL, and the import
 * itself, which checks every row as the developer guide's formatting rules
 * say and creates the users that pass in RESET_REQUIRED.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { UserImportJobType } from '../types';
import type { UserPool } from './pool';
import { checkAttributes } from './schema';

export type ImportStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

/** A job not started within this long expires (the API reference: 24-48 hours; the fake takes 24). */
export const IMPORT_EXPIRY_MS = 24 * 3600_000;
/** How long each step of a started job takes on the clock: Pending, then InProgress, then done. */
export const IMPORT_STEP_MS = 1000;

export class UserImportJob {
  status: ImportStatus = 'Created';
  created = clock.now();
  started?: number;
  completed?: number;
  /** The uploaded file (PUT to the pre-signed URL); absent until then. */
  csv?: string;
  imported = 0;
  skipped = 0;
  failed = 0;
  completionMessage?: string;
  /** When the started job takes its next step on the clock (see stepImport). */
  nextStepAt?: number;
  /** One line per row that failed, as the CloudWatch Logs stream of the job would hold them. */
  readonly log: string[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly poolId: string,
    readonly roleArn: string,
    /** The secret part of the pre-signed URL: an upload must carry it. */
    readonly uploadKey: string,
    readonly url: string,
    readonly passwordHashingAlgorithm?: string,
  ) {}

  /** Created jobs expire when not started in time (computed, so no timer is needed for it). */
  currentStatus(): ImportStatus {
    if (this.status === 'Created' && this.created + IMPORT_EXPIRY_MS <= clock.now()) return 'Expired';
    return this.status;
  }

  describe(): UserImportJobType {
    return {
      JobName: this.name,
      JobId: this.id,
      UserPoolId: this.poolId,
      PreSignedUrl: this.url,
      CreationDate: new Date(this.created),
      ...(this.started !== undefined ? { StartDate: new Date(this.started) } : {}),
      ...(this.completed !== undefined ? { CompletionDate: new Date(this.completed) } : {}),
      Status: this.currentStatus(),
      CloudWatchLogsRoleArn: this.roleArn,
      ImportedUsers: this.imported,
      SkippedUsers: this.skipped,
      FailedUsers: this.failed,
      ...(this.completionMessage ? { CompletionMessage: this.completionMessage } : {}),
      ...(this.passwordHashingAlgorithm ? { PasswordHashingAlgorithm: this.passwordHashingAlgorithm } : {}),
    };
  }
}

/** The columns GetCSVHeader lists: the pool's attributes (verified flags after their attribute), then cognito:mfa_enabled, cognito:username. */
export function csvHeader(pool: UserPool): string[] {
  const header: string[] = [];
  for (const name of pool.schema.keys()) {
    if (name === 'sub' || name === 'identities' || name.endsWith('_verified')) continue;
    header.push(name);
    if (name === 'email' || name === 'phone_number') header.push(`${name}_verified`);
  }
  header.push('cognito:mfa_enabled', 'cognito:username');
  return header;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/**
 * Runs the import of a job's CSV into its pool. A header with an unknown or
 * missing column fails the whole job (Cognito cannot parse the file);
 * otherwise each row is checked on its own (required columns, verified
 * contacts, the schema) and imported as a user in RESET_REQUIRED, skipped when
 * the user exists, or failed. The log lines are the developer guide's.
 */
export function runImport(pool: UserPool, job: UserImportJob): void {
  const rows = parseCsv(job.csv ?? '');
  const header = rows.shift() ?? [];
  const known = new Set(csvHeader(pool));
  const unknown = header.filter((h) => !known.has(h));
  const missing = ['cognito:username', 'cognito:mfa_enabled'].filter((h) => !header.includes(h));
  if (unknown.length || missing.length || new Set(header).size !== header.length) {
    job.status = 'Failed';
    job.completionMessage = unknown.length
      ? `The header of the CSV file has columns the user pool does not have: ${unknown.join(', ')}`
      : missing.length
        ? `The header of the CSV file lacks the required columns: ${missing.join(', ')}`
        : 'The header of the CSV file repeats a column.';
    job.failed = rows.length;
    job.log.push(`[FAILED] ${job.completionMessage}`);
    return;
  }
  const autoVerified = pool.settings.AutoVerifiedAttributes ?? [];
  rows.forEach((cells, index) => {
    const line = index + 2;
    const outcome = importRow(pool, header, cells, autoVerified);
    if (outcome === 'imported') {
      job.imported++;
      job.log.push(`[SUCCEEDED] Line Number ${line} - The import succeeded.`);
    } else if (outcome === 'exists') {
      job.skipped++;
      job.log.push(`[SKIPPED] Line Number ${line} - The user already exists.`);
    } else {
      job.failed++;
      job.log.push(`[FAILED] Line Number ${line} - ${outcome}`);
    }
  });
  job.status = 'Succeeded';
  job.completionMessage = 'Import Job Completed Successfully.';
}

/** Imports one row: 'imported', 'exists' (skipped), or why it failed (nothing is written then). */
function importRow(pool: UserPool, header: string[], cells: string[], autoVerified: string[]): string {
  if (cells.length !== header.length) return `The row has ${cells.length} columns; the header has ${header.length}.`;
  const values = new Map<string, string>();
  header.forEach((name, i) => {
    if (cells[i] !== '') values.set(name, cells[i]);
  });
  const username = values.get('cognito:username');
  if (!username) return 'cognito:username is required.';
  if (pool.byUsername(username) || pool.find(username)) return 'exists';
  const mfa = values.get('cognito:mfa_enabled')?.toLowerCase();
  if (mfa !== 'true' && mfa !== 'false') return 'cognito:mfa_enabled must be true or false.';
  for (const flag of ['email_verified', 'phone_number_verified']) {
    const v = values.get(flag);
    if (v !== undefined && !/^(true|false)$/i.test(v)) return `${flag} must be true or false.`;
    if (v?.toLowerCase() === 'true' && !values.get(flag.replace('_verified', ''))) {
      return `${flag} is true but ${flag.replace('_verified', '')} is empty.`;
    }
  }
  // Each user needs a verified auto-verified contact: where the reset password code will go.
  const verified = autoVerified.filter((a) => values.get(`${a}_verified`)?.toLowerCase() === 'true');
  if (!verified.length) return 'The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).';
  if (mfa === 'true' && !values.get('phone_number')) return 'cognito:mfa_enabled is true but phone_number is empty.';
  const attrs = [...values]
    .filter(([n]) => !n.startsWith('cognito:'))
    .map(([Name, Value]) => ({ Name, Value: Name.endsWith('_verified') ? Value.toLowerCase() : Value }));
  try {
    checkAttributes(pool.schema, attrs, { requireAll: true });
  } catch (e) {
    return (e as Error).message;
  }
  const usernameAttrs = pool.settings.UsernameAttributes ?? [];
  for (const attr of new Set([...usernameAttrs, ...(pool.settings.AliasAttributes ?? [])])) {
    const value = values.get(attr);
    if (value && pool.holderOf(attr, value)) return `An account with the given ${attr} already exists.`;
  }
  // Pools that sign in by email/phone name users by their sub, as AdminCreateUser does there.
  const sub = randomUUID();
  const user = pool.addUser(usernameAttrs.length ? sub : username, undefined, 'RESET_REQUIRED', sub);
  for (const { Name, Value } of attrs) user.attributes.set(Name, Value);
  if (mfa === 'true') {
    user.mfaOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
    user.mfa.sms = true;
  }
  return 'imported';
}

/**
 * Takes a started job along every step now due (Pending → InProgress →
 * Succeeded or Failed, the import running at the end; Stopping → Stopped),
 * each at its scheduled instant, and leaves when the next one is due.
 */
export function stepImport(pool: UserPool, job: UserImportJob): void {
  while (job.nextStepAt !== undefined && job.nextStepAt <= clock.now()) {
    const at = job.nextStepAt;
    if (job.status === 'Pending') job.status = 'InProgress';
    else if (job.status === 'InProgress') {
      runImport(pool, job);
      job.completed = at;
    } else if (job.status === 'Stopping') {
      job.status = 'Stopped';
      job.completed = at;
    }
    job.nextStepAt = job.status === 'InProgress' ? at + IMPORT_STEP_MS : undefined;
  }
}

/** UpdateUserPool, DeleteUserPool and AddCustomAttributes wait for a running import (UserImportInProgressException). */
export function refuseDuringImport(pool: UserPool): void {
  for (const job of pool.importJobs.values()) {
    if (job.status === 'Pending' || job.status === 'InProgress') {
      throw new AwsError('UserImportInProgressException', `User import job ${job.id} is in progress for user pool ${pool.id}.`, { status: 400 });
    }
  }
}
