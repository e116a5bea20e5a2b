/**
 * The `mockaws` command line, parsed by hand (no dependency): which command,
 * and the server options. Parsing never exits or prints; cli-main.ts decides
 * what a result means.
 */
import type { ServerOptions } from './server';

export const DEFAULT_PORT = 4566;

export const USAGE = `Usage: mockaws server [options]
       mockaws services      the emulated services and how many operations each implements
       mockaws --version

Start the emulated AWS as an HTTP server, for the AWS CLI, boto3, Terraform,
another process or a browser. Point clients at it with AWS_ENDPOINT_URL.

Options:
  --port <n>          TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --region <name>     region of calls that name none (default us-east-1)
  --account <id>      12-digit account of unsigned calls (default 123456789012)
  --services <ids>    comma-separated service ids to answer (default: all)
  --allow-host <names>  comma-separated Host names to accept besides IP
                      literals, localhost, *.localhost and AWS's names
                      (DNS-rebinding guard; '*' accepts any)
  --verify-signatures check SigV4 signatures against the credentials the
                      fake knows (default test keys, IAM/STS-issued keys)
  --enforce-iam       authorize calls signed with IAM/STS-issued keys against
                      the IAM policies, resource policies and boundaries
  --state-dir <dir>   keep all state in <dir> across restarts (crash-safe)
  --verbose           print one line per call
  -h, --help          show this help

Endpoints besides AWS's (same-origin only):
  GET  /_mockaws/          the dashboard: state and live call log
  GET  /_mockaws/health    status, services, operations implemented
  POST /_mockaws/reset     drop all state
  GET  /_mockaws/calls     recent calls (?service=&operation=&since=)
  POST /moto-api/reset     Moto's reset;  GET /_localstack/health, /_localstack/init
`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'services' }
  | { kind: 'server'; options: ServerOptions & { port: number }; verbose: boolean }
  | { kind: 'error'; message: string };

type ValueOption = 'port' | 'host' | 'region' | 'account' | 'services' | 'allow-host' | 'state-dir';
const VALUE_OPTIONS: ReadonlySet<string> = new Set<ValueOption>(['port', 'host', 'region', 'account', 'services', 'allow-host', 'state-dir']);

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv.some((a) => a === '-h' || a === '--help') || argv[0] === 'help') {
    return { kind: 'help' };
  }
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === 'services' && rest.length === 0) return { kind: 'services' };
  if (command !== 'server') return { kind: 'error', message: `unknown command '${command}'` };
  const values: Partial<Record<ValueOption, string>> = {};
  let verbose = false;
  let verifySignatures = false;
  let enforceIam = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--verbose') {
      verbose = true;
      continue;
    }
    if (arg === '--verify-signatures') {
      verifySignatures = true;
      continue;
    }
    if (arg === '--enforce-iam') {
      enforceIam = true;
      continue;
    }
    // Both `--port 4566` and `--port=4566`.
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !VALUE_OPTIONS.has(m[1])) return { kind: 'error', message: `unknown option '${arg}'` };
    const value = m[2] ?? rest[++i];
    if (value === undefined || value === '') return { kind: 'error', message: `option --${m[1]} needs a value` };
    values[m[1] as ValueOption] = value;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    return { kind: 'error', message: `--port must be a number from 0 to 65535, got '${values.port}'` };
  }
  const services = values.services === undefined ? undefined : splitList(values.services);
  if (services?.length === 0) return { kind: 'error', message: '--services needs at least one service id' };
  return {
    kind: 'server',
    verbose,
    options: {
      port,
      host: values.host,
      region: values.region,
      account: values.account,
      services,
      ...(values['allow-host'] ? { allowedHosts: splitList(values['allow-host']) } : {}),
      ...(verifySignatures ? { verifySignatures } : {}),
      ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
      ...(enforceIam ? { iam: 'enforce' as const } : {}),
    },
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
