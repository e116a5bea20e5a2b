/**
 * "Everything we sent arrived": a deep comparison where the received value
 * must contain every member of the sent one, with equal scalars. Blobs compare
 * by bytes, timestamps by instant; extra received members are allowed (the SDK
 * adds idempotency tokens, checksums and defaults).
 */

export function containsValue(sent: unknown, received: unknown, path = '$'): string[] {
  if (sent === undefined) return [];
  if (sent instanceof Uint8Array) {
    const got = typeof received === 'string' ? Buffer.from(received) : received;
    if (!(got instanceof Uint8Array) || !Buffer.from(sent).equals(Buffer.from(got))) {
      return [`${path}: bytes differ (${Buffer.from(sent).toString('hex')} vs ${describe(received)})`];
    }
    return [];
  }
  if (sent instanceof Date) {
    if (!(received instanceof Date) || received.getTime() !== sent.getTime()) {
      return [`${path}: ${sent.toISOString()} vs ${describe(received)}`];
    }
    return [];
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(received) || received.length !== sent.length) {
      return [`${path}: list ${JSON.stringify(sent)} vs ${describe(received)}`];
    }
    return sent.flatMap((v, i) => containsValue(v, received[i], `${path}[${i}]`));
  }
  if (sent !== null && typeof sent === 'object') {
    if (received === null || typeof received !== 'object') return [`${path}: object vs ${describe(received)}`];
    return Object.entries(sent as Record<string, unknown>).flatMap(([k, v]) =>
      containsValue(v, (received as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  if (typeof sent === 'number' && typeof received === 'number' && Math.abs(sent - received) < 1e-9) return [];
  return sent === received ? [] : [`${path}: ${JSON.stringify(sent)} vs ${describe(received)}`];
}

function describe(v: unknown): string {
  if (v instanceof Uint8Array) return `bytes ${Buffer.from(v).toString('hex')}`;
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
