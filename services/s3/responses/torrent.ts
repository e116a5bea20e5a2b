/**
 * GetObjectTorrent: a BitTorrent metainfo file (bencoded) for an object, as
 * S3 served it: S3's tracker as `announce`, and an `info` dictionary with the
 * object's length, name, 256 KiB pieces and their SHA-1 digests, plus the
 * bucket and key. Objects of 5 GB or more and SSE-C objects have no torrent.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTorrent.html
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../src/core/service';
import { invalidRequest } from '../exceptions';
import type { S3Backend } from '../models';
import type { GetObjectTorrentRequest } from '../types';
import { objectFor } from './objects';
import { checkReadable } from './restore';
import { checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;

const PIECE_LENGTH = 256 * 1024;
const MAX_TORRENT_SIZE = 5 * 1024 ** 3;
const TRACKER = 'http://torrent.amazonaws.com:6969/announce';

type Bencodable = number | string | Buffer | Bencodable[] | { [key: string]: Bencodable };

/** Bencoding (BEP 3): integers `i42e`, strings `<len>:<bytes>`, lists `l…e`, dictionaries `d…e` with sorted keys. */
export function bencode(value: Bencodable): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(value[k])]), Buffer.from('e')]);
}

/** SHA-1 of every 256 KiB piece, walking the stored chunks without joining them. */
function pieceHashes(chunks: readonly Buffer[]): Buffer {
  const digests: Buffer[] = [];
  let hash = createHash('sha1');
  let filled = 0;
  for (const chunk of chunks) {
    for (let pos = 0; pos < chunk.length; ) {
      const take = Math.min(PIECE_LENGTH - filled, chunk.length - pos);
      hash.update(chunk.subarray(pos, pos + take));
      filled += take;
      pos += take;
      if (filled === PIECE_LENGTH) {
        digests.push(hash.digest());
        hash = createHash('sha1');
        filled = 0;
      }
    }
  }
  if (filled > 0) digests.push(hash.digest());
  return Buffer.concat(digests);
}

export function getObjectTorrent(input: GetObjectTorrentRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const key = checkKey(input.Key);
  const obj = objectFor(bucket, key, undefined, 'GET');
  checkReadable(obj);
  if (obj.encryption.SSECustomerAlgorithm) {
    throw invalidRequest('Torrents are not available for objects encrypted with customer-provided keys (SSE-C)');
  }
  if (obj.size >= MAX_TORRENT_SIZE) throw invalidRequest('Torrents are only available for objects smaller than 5 GB');
  const torrent = bencode({
    announce: TRACKER,
    info: {
      length: obj.size,
      name: key,
      'piece length': PIECE_LENGTH,
      pieces: pieceHashes(obj.chunks),
      'x-amz-bucket': bucket.name,
      'x-amz-key': key,
    },
  });
  return { Body: torrent };
}
