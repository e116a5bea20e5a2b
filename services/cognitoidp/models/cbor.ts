/**
 * The CBOR subset WebAuthn sends (RFC 8949, definite lengths only): the
 * attestation object and COSE public keys are maps of small integers, text,
 * byte strings and booleans. Maps decode to `Map` (COSE keys are integers).
 */

class CborError extends Error {}

export type CborValue = number | bigint | string | boolean | null | undefined | Buffer | CborValue[] | Map<CborValue, CborValue>;

/** One data item at `offset`; `end` is where the next item starts (authenticator data has bytes after the key). */
export function decodeCbor(buf: Buffer, offset = 0, depth = 0): { value: CborValue; end: number } {
  if (depth > 16) throw new CborError('CBOR nested too deeply');
  const need = (n: number) => {
    if (offset + n > buf.length) throw new CborError('CBOR data is truncated');
  };
  need(1);
  const initial = buf[offset++];
  const major = initial >> 5;
  const info = initial & 0x1f;
  let arg: number;
  const WIDTH: Record<number, number> = { 24: 1, 25: 2, 26: 4 };
  if (info < 24) arg = info;
  else if (WIDTH[info]) {
    need(WIDTH[info]);
    arg = buf.readUIntBE(offset, WIDTH[info]);
    offset += WIDTH[info];
  } else if (info === 27) {
    need(8);
    const big = buf.readBigUInt64BE(offset);
    offset += 8;
    if (major === 0) return { value: big, end: offset };
    if (major === 1) return { value: -1n - big, end: offset };
    if (major === 7) return { value: buf.readDoubleBE(offset - 8), end: offset };
    throw new CborError('CBOR length too large');
  } else throw new CborError('indefinite-length CBOR is not supported');
  switch (major) {
    case 0:
      return { value: arg, end: offset };
    case 1:
      return { value: -1 - arg, end: offset };
    case 2:
    case 3: {
      need(arg);
      const bytes = buf.subarray(offset, offset + arg);
      return { value: major === 2 ? Buffer.from(bytes) : bytes.toString('utf8'), end: offset + arg };
    }
    case 4: {
      const items: CborValue[] = [];
      for (let i = 0; i < arg; i++) {
        const item = decodeCbor(buf, offset, depth + 1);
        items.push(item.value);
        offset = item.end;
      }
      return { value: items, end: offset };
    }
    case 5: {
      const map = new Map<CborValue, CborValue>();
      for (let i = 0; i < arg; i++) {
        const key = decodeCbor(buf, offset, depth + 1);
        const val = decodeCbor(buf, key.end, depth + 1);
        map.set(key.value, val.value);
        offset = val.end;
      }
      return { value: map, end: offset };
    }
    case 6:
      return decodeCbor(buf, offset, depth + 1); // a tag: its content is what matters here
    default:
      if (info === 20) return { value: false, end: offset };
      if (info === 21) return { value: true, end: offset };
      if (info === 22) return { value: null, end: offset };
      if (info === 23) return { value: undefined, end: offset };
      if (info === 25) return { value: buf.readUInt16BE(offset - 2), end: offset }; // half floats do not occur in WebAuthn
      if (info === 26) return { value: buf.readFloatBE(offset - 4), end: offset };
      throw new CborError('unsupported CBOR simple value');
  }
}
