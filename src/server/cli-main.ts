/**
 * What the `mockaws` command does: print help, or start the server, print
 * where it listens and the line to export, and stop it cleanly on SIGINT or
 * SIGTERM. Resolves with the process exit code; src/server/cli.ts exits with it.
 */
import type { CallListener } from '../core/dispatch';
import { parseArgs, USAGE } from './cli-args';
import { type MockServer, startServer } from './server';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes: 0 done, 1 the server could not start, 2 bad usage (as getopt tools do). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command.kind === 'error') {
    io.err(`mockaws: ${command.message}\n\n${USAGE}`);
    return 2;
  }
  let server: MockServer;
  try {
    server = await startServer(command.options);
  } catch (err) {
    io.err(`mockaws: cannot start the server: ${(err instanceof Error ? err.message : String(err)).replace(/^mockaws: /, '')}`);
    return 1;
  }
  if (command.verbose) server.dispatcher.onCall(logCall(io));
  const services = command.options.services?.join(', ') ?? 'all';
  io.out(`mockaws: emulated AWS listening at ${server.url} (services: ${services})`);
  io.out(`export AWS_ENDPOINT_URL=${server.url}`);
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.out(`mockaws: ${signal}, stopping`);
      server.stop().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `--verbose`: one line per answered request. */
function logCall(io: CliIo): CallListener {
  return ({ call, service, request, response, error }) => {
    const what = call ? `${call.service}.${call.operation} ${call.account}/${call.region}` : (service ?? '-');
    const failure = error ? ` ${error.code}` : '';
    io.out(`${request.method} ${request.url.pathname} -> ${response.status}${failure} ${what}`);
  };
}
