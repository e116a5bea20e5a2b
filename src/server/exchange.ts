/**
 * One request and its answer, as the server's request handler (`answer()` in
 * server.ts) sees it, whichever HTTP layer carried it: node:http
 * (http-bridge.ts) or the server's own HTTP/1.1 reader (http1/). The handler
 * decides; the exchange only reads the request and writes the answer.
 */
import type { AwsResponse } from '../core/request';
import type { WireRequest } from './http-bridge';

export interface Exchange {
  /** The method as sent (upper case). */
  readonly method: string;
  /** The Host header as sent, if any: checked before the body is read. */
  readonly host: string | undefined;
  /**
   * The request with its whole body (aws-chunked decoded when it declares its
   * decoded length). Rejects with a BodyError when the body's framing does not hold.
   * `chunkHashes`: hash aws-chunked chunks for signature checks (the fast path decodes as the body
   * arrives, before this is called, so it takes the same setting when the connection opens).
   */
  request(options: { chunkHashes: boolean }): Promise<WireRequest>;
  /**
   * The request at once, when its whole body has already arrived and was read without fault (the fast
   * path reads a small body with its head): no promise to wait for. Otherwise undefined: use request().
   */
  requestNow?(): WireRequest | undefined;
  /** The answer will not need the body: it is drained, not kept. */
  discardBody(): void;
  /** Writes the answer (extraHeaders are defaults the answer's own headers override). */
  respond(response: AwsResponse, extraHeaders?: Record<string, string>): void;
  /** Has any byte of the answer been written (or the connection gone)? Then only abort() is left. */
  readonly started: boolean;
  /** Cuts the connection: the client sees a truncated answer, never a hang. */
  abort(): void;
}
