/**
 * A WebSocket connection as the backend keeps it: plain data, so snapshots
 * and persistence copy it. The live socket and its timers sit beside it
 * (dataplane/websocket-connections.ts); a copied connection has neither
 * and counts as gone.
 */
export class WsConnection {
  lastActiveAt: number;

  constructor(
    readonly connectionId: string,
    readonly apiId: string,
    readonly stage: string,
    readonly connectedAt: number,
    readonly sourceIp: string,
    readonly userAgent: string | undefined,
    /** What the $connect authorizer returned (principalId, context): every later event carries it. */
    readonly authorizer: Record<string, unknown> | undefined,
  ) {
    this.lastActiveAt = connectedAt;
  }
}
