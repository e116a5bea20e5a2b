/**
 * The server's listening socket: every connection starts on the HTTP/1.1
 * fast path (connection.ts), which hands the unusual ones to node:http.
 * The listener keeps every socket it accepted, handed over or not, so stop()
 * can close them all.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { type FastPathOptions, Http1Connection } from './connection';

export { fastPathCounts } from './counts';

export interface FastListener {
  server: Server;
  /** Destroys every open connection (idle keep-alive ones included). */
  closeAll(): void;
}

export function fastListener(options: FastPathOptions): FastListener {
  const sockets = new Set<Socket>();
  // As node:http's own listener: half-open allowed (a client's FIN still gets its answer), no Nagle delay.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    new Http1Connection(socket, options);
  });
  return {
    server,
    closeAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
