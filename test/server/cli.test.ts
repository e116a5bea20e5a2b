import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { DEFAULT_PORT, parseArgs, USAGE } from '../../src/server/cli-args';
import { getJson } from './support/server-fixture';
import { type CliIo, main } from '../../src/server/cli-main';

function captureIo(): CliIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out: (t: string) => {
      io.outText += `${t}\n`;
    },
    err: (t: string) => {
      io.errText += `${t}\n`;
    },
  };
  return io;
}

describe('mockaws CLI arguments', () => {
  it('reads every server option, in both --opt value and --opt=value forms', () => {
    expect(
      parseArgs(['server', '--port', '0', '--host=0.0.0.0', '--region', 'eu-west-1', '--account=111122223333', '--services', 's3, sqs', '--verbose']),
    ).toEqual({
      kind: 'server',
      verbose: true,
      options: { port: 0, host: '0.0.0.0', region: 'eu-west-1', account: '111122223333', services: ['s3', 'sqs'] },
    });
  });

  it('defaults to port 4566 on loopback with every service', () => {
    expect(parseArgs(['server'])).toEqual({
      kind: 'server',
      verbose: false,
      options: { port: DEFAULT_PORT, host: undefined, region: undefined, account: undefined, services: undefined },
    });
    expect(DEFAULT_PORT).toBe(4566);
  });

  it('reads --allow-host, --verify-signatures, --enforce-iam, services and --version', () => {
    expect(parseArgs(['server', '--allow-host', 'mockaws.internal, dev.test', '--verify-signatures', '--enforce-iam'])).toMatchObject({
      kind: 'server',
      options: { allowedHosts: ['mockaws.internal', 'dev.test'], verifySignatures: true, iam: 'enforce' },
    });
    expect(parseArgs(['server'])).not.toMatchObject({ options: { iam: 'enforce' } });
    expect(parseArgs(['server', '--state-dir', '/var/tmp/aws'])).toMatchObject({ kind: 'server', options: { stateDir: '/var/tmp/aws' } });
    expect(parseArgs(['server', '--state-dir'])).toEqual({ kind: 'error', message: 'option --state-dir needs a value' });
    expect(parseArgs(['services'])).toEqual({ kind: 'services' });
    for (const argv of [['--version'], ['-v'], ['version']]) expect(parseArgs(argv)).toEqual({ kind: 'version' });
  });

  it('asks for help with no arguments, help, -h or --help', () => {
    for (const argv of [[], ['help'], ['-h'], ['server', '--help']]) expect(parseArgs(argv)).toEqual({ kind: 'help' });
  });

  it('names what is wrong with bad usage', () => {
    expect(parseArgs(['serve'])).toEqual({ kind: 'error', message: "unknown command 'serve'" });
    expect(parseArgs(['server', '--prot', '1'])).toEqual({ kind: 'error', message: "unknown option '--prot'" });
    expect(parseArgs(['server', '--port'])).toEqual({ kind: 'error', message: 'option --port needs a value' });
    expect(parseArgs(['server', '--port', 'http'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--port must be a number') });
    expect(parseArgs(['server', '--port', '70000'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['server', '--services', ','])).toEqual({ kind: 'error', message: '--services needs at least one service id' });
  });
});

describe('mockaws CLI main', () => {
  it('prints the usage and exits 0 for --help', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.outText).toContain('Usage: mockaws server [options]');
    expect(io.outText).toContain('--port <n>');
  });

  it('prints the version', async () => {
    const io = captureIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.outText).toMatch(/^mockaws \d+\.\d+\.\d+\n$/);
  });

  it('prints the coverage table of `mockaws services`', async () => {
    const io = captureIo();
    expect(await main(['services'], io)).toBe(0);
    const lines = io.outText.trim().split('\n');
    expect(lines[0]).toMatch(/^service\s+protocol\s+implemented\s+of\s+coverage$/);
    expect(lines.find((l) => l.startsWith('sqs '))).toMatch(/^sqs\s+json, query\s+\d+\s+\d+\s+\d+%$/);
    expect(lines.at(-1)).toMatch(/^total\s+\d+\s+\d+\s+\d+%$/);
  });

  it('exits 2 with the problem and the usage on bad usage', async () => {
    const io = captureIo();
    expect(await main(['server', '--nope'], io)).toBe(2);
    expect(io.errText).toContain("mockaws: unknown option '--nope'");
    expect(io.errText).toContain(USAGE);
  });

  it('exits 1 when the server cannot start', async () => {
    const io = captureIo();
    expect(await main(['server', '--port', '0', '--services', 'nosuch'], io)).toBe(1);
    expect(io.errText).toContain("mockaws: cannot start the server: unknown service 'nosuch'");
    expect(io.errText).not.toContain('mockaws: mockaws:'); // one prefix, not the thrown error's as well
  });
});

describe('the mockaws executable', () => {
  // Bundled next to the repo's node_modules so the SDK packages it requires resolve.
  const outDir = join(process.cwd(), '.tmp', 'server-cli-test');
  const cli = join(outDir, `cli-${process.pid}.cjs`);
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => {
    mkdirSync(outDir, { recursive: true });
    buildSync({
      entryPoints: [join(process.cwd(), 'src/server/cli.ts')],
      bundle: true,
      platform: 'node',
      packages: 'external',
      outfile: cli,
      logLevel: 'warning',
    });
  });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(cli, { force: true }));

  it('keeps its shebang so npm can link it as a bin', () => {
    expect(readFileSync(join(process.cwd(), 'src/server/cli.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('starts, prints the URL and the export line, serves, and stops cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, [cli, 'server', '--port', '0', '--verbose'], { cwd: process.cwd() });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout.on('data', () => {
        const m = /export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
    });
    expect(stdout).toContain(`mockaws: emulated AWS listening at ${url} (services: all)`);

    const health = await getJson(url, '/_mockaws/health');
    expect(health.status).toBe('running');
    const sts = await fetch(`${url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(sts.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/POST \/ -> 200 sts\.GetCallerIdentity 123456789012\/us-east-1\n/);
    expect(stdout).toContain('mockaws: SIGTERM, stopping');
  });

  it('with --enforce-iam, refuses a user without policies and allows it once a policy grants the action', async () => {
    child = spawn(process.execPath, [cli, 'server', '--port', '0', '--enforce-iam'], { cwd: process.cwd() });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
    });
    const root = { region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } };
    const iam = new IAMClient(root);
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
    const asDev = new S3Client({ ...root, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    const denied = await asDev.send(new ListBucketsCommand({})).catch((e) => e);
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] };
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'list', PolicyDocument: JSON.stringify(allow) }));
    expect((await asDev.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
  });
});
