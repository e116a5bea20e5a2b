/**
 * Token buckets on the core clock for API Gateway's throttling: a bucket holds
 * up to `burstLimit` requests and refills at `rateLimit` requests a second; a
 * request takes one token or is throttled (429 Too Many Requests). The
 * buckets are plain data in the backend, keyed by what they limit (a stage's
 * method, a usage plan's key), so snapshots and persistence carry them.
 */
export interface Bucket {
  tokens: number;
  /** Clock ms of the last refill. */
  at: number;
}

export interface Limits {
  rateLimit?: number;
  burstLimit?: number;
}

/** Whether limits throttle at all: both absent (or negative, AWS's "not set") means no throttling. */
export function limited(l: Limits | undefined): l is Limits {
  const set = (n: number | undefined) => n !== undefined && n >= 0;
  return !!l && (set(l.rateLimit) || set(l.burstLimit));
}

/** Takes a token from the bucket under `key` (created full); false when it is empty. */
export function take(buckets: Map<string, Bucket>, key: string, limits: Limits, now: number): boolean {
  const rate = limits.rateLimit !== undefined && limits.rateLimit >= 0 ? limits.rateLimit : Number.POSITIVE_INFINITY;
  const burst = limits.burstLimit !== undefined && limits.burstLimit >= 0 ? limits.burstLimit : Math.max(1, Math.ceil(rate));
  const bucket = buckets.get(key) ?? { tokens: burst, at: now };
  const refilled = rate === Number.POSITIVE_INFINITY ? burst : bucket.tokens + ((now - bucket.at) / 1000) * rate;
  bucket.tokens = Math.min(burst, refilled);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
