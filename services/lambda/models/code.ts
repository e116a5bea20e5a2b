/**
 * Function and layer code: a zip given inline or read from S3 through the S3
 * backend's object API, checked to be a zip, with the CodeSha256 Lambda
 * reports (base64 of the SHA-256 of the zip bytes). Image functions keep only
 * their image URI.
 */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { AwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { S3Backend } from '../../s3/models';
import { invalidParameter, invalidZip } from '../exceptions';

/** Lambda's limit on a zip uploaded in the request (50 MB) and unzipped (250 MB). */
const MAX_ZIPPED = 50 * 1024 * 1024;
const MAX_UNZIPPED = 250 * 1024 * 1024;

export interface CodeBundle {
  zip?: Uint8Array;
  imageUri?: string;
  sha256: string;
  size: number;
  /** Where the zip came from, for GetFunction's Code.Location. */
  s3?: { bucket: string; key: string; version?: string };
}

export interface CodeSource {
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

export function sha256Base64(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** Reads the zip from the request or from S3; refuses what Lambda refuses. */
export async function loadCode(source: CodeSource, backends: BackendAccess, account: string, region: string): Promise<CodeBundle> {
  if (source.ImageUri !== undefined) {
    return { imageUri: source.ImageUri, sha256: sha256Base64(source.ImageUri), size: 0 };
  }
  let zip: Uint8Array;
  let s3: CodeBundle['s3'];
  if (source.ZipFile !== undefined) {
    if (source.S3Bucket !== undefined || source.S3Key !== undefined) {
      throw invalidParameter('Please do not provide other FunctionCode parameters when providing a ZipFile.');
    }
    zip = source.ZipFile;
  } else if (source.S3Bucket !== undefined && source.S3Key !== undefined) {
    zip = await readS3(backends, account, region, source.S3Bucket, source.S3Key);
    s3 = { bucket: source.S3Bucket, key: source.S3Key, version: source.S3ObjectVersion };
  } else {
    throw invalidParameter('Please provide a source for function code.');
  }
  if (zip.length > MAX_ZIPPED) throw new AwsError('RequestEntityTooLargeException', 'Request must be smaller than 70167211 bytes for the CreateFunction operation', { status: 413 });
  checkZip(zip);
  return { zip, sha256: sha256Base64(zip), size: zip.length, s3 };
}

async function readS3(backends: BackendAccess, account: string, region: string, bucket: string, key: string): Promise<Uint8Array> {
  const s3 = await backends.get<S3Backend>('s3', account, region);
  let body: Buffer | undefined;
  try {
    body = s3.getObject(bucket, key)?.body;
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    body = undefined;
  }
  if (!body) {
    throw invalidParameter(`Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.`);
  }
  return new Uint8Array(body);
}

/** Lambda unpacks the zip at create time: a file that is not one is InvalidParameterValueException. */
function checkZip(zip: Uint8Array): void {
  let total = 0;
  try {
    // Reads the central directory only: sizes are summed, nothing is inflated.
    unzipSync(zip, {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
  } catch {
    throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  if (total > MAX_UNZIPPED) {
    throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED} bytes`);
  }
}

/** The entries of a zip, path → bytes (directories left out). */
export function unzip(zip: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(zip);
  } catch {
    throw invalidZip('Could not unzip uploaded file.');
  }
}
