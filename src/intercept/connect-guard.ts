/**
 * The last line: while mocked, no socket may open to an AWS host. The client
 * hook and the HTTP fallback answer everything addressed to AWS; a request
 * that slips past both (a client of its own, such as undici's `request`, or a
 * spelling the gates did not recognise) is refused here, before it connects,
 * instead of reaching AWS with whatever credentials the process holds.
 */
import net from 'node:net';
import { isAwsHost } from './aws-hosts';

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;

/** The host a `socket.connect(...)` call names, when it names one. */
function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (Array.isArray(first)) return hostOf(first); // net's internal normalized form
  if (first && typeof first === 'object') return (first as { host?: string }).host ?? undefined;
  if (typeof second === 'string') return second;
  return undefined;
}

/** Refuse connections to AWS hosts; returns the undo. */
export function guardConnections(): () => void {
  const proto = net.Socket.prototype as unknown as { connect: Connect };
  const original = proto.connect;
  proto.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== undefined && isAwsHost(host)) {
      const error = Object.assign(
        new Error(`mockaws: refused a connection to ${host}: while mocked, nothing addressed to AWS leaves the process`),
        { code: 'MockawsRefused' },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return original.apply(this, args);
  };
  return () => {
    proto.connect = original;
  };
}
