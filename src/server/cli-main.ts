/**
 * What the `mockaws` command does: print help, or start the server, print
 * where it listens and the line to export, and stop it cleanly on SIGINT or
 * SIGTERM. Resolves with the process exit code; src/server/cli.ts exits with it.
 */
import { version } from '../../package.json';
import { services as allServices } from '../../services';
import { serviceCoverage } from '../core/coverage';
import { type CallListener, Dispatcher } from '../core/dispatch';
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
  if (command.kind === 'version') {
    io.out(`mockaws ${version}`);
    return 0;
  }
  if (command.kind === 'services') {
    io.out(await coverageTable());
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
  if (command.options.verifySignatures) io.out('mockaws: verifying SigV4 signatures');
  if (command.options.stateDir) io.out(`mockaws: state kept in ${command.options.stateDir}`);
  io.out(`mockaws: dashboard at ${server.url}/_mockaws/`);
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

/** `mockaws services`: one row per service, operations implemented of the model's. */
export async function coverageTable(): Promise<string> {
  const dispatcher = new Dispatcher({ services: allServices });
  const rows = await serviceCoverage(dispatcher.serviceIds(), (id) => dispatcher.loadService(id));
  const header = ['service', 'protocol', 'implemented', 'of', 'coverage'];
  const lines = rows.map((r) => [
    r.service,
    r.protocol,
    String(r.implemented),
    String(r.operations),
    `${r.operations ? Math.round((100 * r.implemented) / r.operations) : 0}%`,
  ]);
  const total = rows.reduce((n, r) => n + r.implemented, 0);
  const of = rows.reduce((n, r) => n + r.operations, 0);
  lines.push(['total', '', String(total), String(of), `${of ? Math.round((100 * total) / of) : 0}%`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}
