/**
 * Multipart uploads of one bucket: the parts each upload has received, and
 * an index in S3's listing order (key, then initiation order) so that
 * ListMultipartUploads seeks instead of scanning.
 */
import { randomBytes } from 'node:crypto';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type { ChecksumAlgorithm } from './checksums';
import type { StoredObject } from './object';

export interface UploadPart {
  PartNumber: number;
  chunks: Buffer[];
  size: number;
  /** Quoted MD5 of the part. */
  etag: string;
  lastModified: Date;
  /** Checksum values sent or computed for the part, by algorithm. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

/** What CreateMultipartUpload fixes for the object-to-be. */
export type UploadTemplate = Pick<
  StoredObject,
  'key' | 'metadata' | 'headers' | 'storageClass' | 'encryption' | 'tags' | 'acl' | 'owner' | 'retention' | 'legalHold'
>;

export interface Upload {
  uploadId: string;
  key: string;
  initiated: Date;
  template: UploadTemplate;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: 'COMPOSITE' | 'FULL_OBJECT';
  parts: Map<number, UploadPart>;
}

export function newUploadId(): string {
  return randomBytes(48).toString('base64url');
}

export class UploadStore {
  private readonly byId = new Map<string, Upload>();
  /** Uploads of each key, in initiation order. */
  private readonly byKey = new Map<string, Upload[]>();
  private readonly keys = new SortedKeySet();

  get size(): number {
    return this.byId.size;
  }

  add(upload: Upload): void {
    this.byId.set(upload.uploadId, upload);
    const list = this.byKey.get(upload.key);
    if (list) list.push(upload);
    else {
      this.byKey.set(upload.key, [upload]);
      this.keys.add(upload.key);
    }
  }

  get(uploadId: string): Upload | undefined {
    return this.byId.get(uploadId);
  }

  remove(upload: Upload): void {
    this.byId.delete(upload.uploadId);
    const list = this.byKey.get(upload.key);
    if (!list) return;
    const i = list.indexOf(upload);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) {
      this.byKey.delete(upload.key);
      this.keys.delete(upload.key);
    }
  }

  /**
   * Uploads after (keyMarker, uploadIdMarker) in listing order. Without an
   * upload-id marker every upload of keyMarker itself is skipped too.
   */
  *after(keyMarker: string | undefined, uploadIdMarker: string | undefined): Generator<Upload> {
    let firstKey = true;
    for (const key of this.keys.from(keyMarker, uploadIdMarker === undefined)) {
      const list = this.byKey.get(key) ?? [];
      let start = 0;
      if (firstKey && key === keyMarker && uploadIdMarker !== undefined) {
        start = list.findIndex((u) => u.uploadId === uploadIdMarker) + 1;
      }
      firstKey = false;
      for (let i = start; i < list.length; i++) yield list[i];
    }
  }
}
