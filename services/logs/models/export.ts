/**
 * Export tasks: the events of a log group in [from, to) written to an S3
 * bucket through the S3 backend's object API, one gzipped object per stream
 * at `<prefix>/<taskId>/<stream>/000000.gz` (lines of "<ISO time> <message>"),
 * plus the `aws-logs-write-test` object AWS writes first. The task completes
 * at once.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { invalidParameter } from '../exceptions';
import type { LogsBackend } from './backend';
import { lowerBound } from './resources';

export interface ExportTask {
  taskId: string;
  taskName?: string;
  logGroupName: string;
  from: number;
  to: number;
  destination: string;
  destinationPrefix: string;
  status: { code: string; message: string };
  executionInfo: { creationTime: number; completionTime?: number };
}

interface S3ObjectApi {
  putObject(bucket: string, key: string, body: Buffer, opts?: { contentType?: string }): Promise<unknown>;
}

export async function runExport(
  backend: LogsBackend,
  input: { taskName?: string; logGroupName: string; logStreamNamePrefix?: string; from: number; to: number; destination: string; destinationPrefix?: string },
): Promise<ExportTask> {
  const group = backend.group(input.logGroupName);
  if (input.from > input.to) throw invalidParameter('The from time must be before the to time.');
  const s3 = await backend.backends.get<S3ObjectApi>('s3', backend.account);
  const prefix = input.destinationPrefix ?? 'exportedlogs';
  const task: ExportTask = {
    taskId: randomUUID(),
    taskName: input.taskName,
    logGroupName: group.name,
    from: input.from,
    to: input.to,
    destination: input.destination,
    destinationPrefix: prefix,
    status: { code: 'COMPLETED', message: 'Completed successfully' },
    executionInfo: { creationTime: clock.now() },
  };
  try {
    await s3.putObject(input.destination, `${prefix}/aws-logs-write-test`, Buffer.from('Permission Check Successful'));
    for (const stream of group.streams.values()) {
      if (input.logStreamNamePrefix && !stream.name.startsWith(input.logStreamNamePrefix)) continue;
      const start = lowerBound(stream.events, input.from);
      const end = lowerBound(stream.events, input.to);
      if (end <= start) continue;
      const lines = stream.events.slice(start, end).map((e) => `${new Date(e.timestamp).toISOString()} ${e.message}\n`);
      await s3.putObject(input.destination, `${prefix}/${task.taskId}/${stream.name}/000000.gz`, gzipSync(Buffer.from(lines.join(''))), {
        contentType: 'application/octet-stream',
      });
    }
  } catch (err) {
    // AWS checks the bucket when the task is created.
    if (isAwsError(err) && (err.code === 'NoSuchBucket' || err.code === 'AccessDenied')) {
      throw invalidParameter('The given bucket does not exist. Please make sure the bucket is valid.');
    }
    throw err;
  }
  task.executionInfo.completionTime = clock.now();
  backend.exportTasks.set(task.taskId, task);
  return task;
}
