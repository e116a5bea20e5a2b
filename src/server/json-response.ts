/** A JSON answer of the server's own endpoints (and its last-resort 500); never cached. */
import type { AwsResponse } from '../core/request';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}
