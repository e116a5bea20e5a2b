/**
 * Server mode's cost: STS GetCallerIdentity from an SDK v3 client, answered
 *   - by a canned response (the SDK floor: serialize, sign, deserialize),
 *   - in-process by the dispatcher (the path mockAws() takes),
 *   - over HTTP by startServer() in this process (keep-alive loopback),
 *   - over HTTP by the `mockaws server` CLI in a child process.
 * mockAws() is not started here: it would capture the server-bound client too.
 *
 *   npx esbuild bench/server.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-server.cjs && node .tmp/bench-server.cjs
 */
import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { services } from '../services';
import { Dispatcher } from '../src/core/dispatch';
import { createSdkHandler, toSdkResponse } from '../src/intercept/sdk-handler';
import { startServer } from '../src/server/server';
import { childServer } from './support/child-server';
import { interleave, report } from './support/measure';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };
const canned = Buffer.from(
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
    '<UserId>123456789012</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:root</Arn>' +
    '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
);

function client(extra: Record<string, unknown>): STSClient {
  return new STSClient({ region: 'us-east-1', credentials, ...extra });
}

/** A keep-alive client for a server URL, as a long-lived app would hold one. */
function httpClient(endpoint: string): STSClient {
  return client({ endpoint, requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 8 }) }) });
}

async function main() {
  const floor = client({
    requestHandler: {
      handle: async () => ({ response: toSdkResponse({ status: 200, headers: { 'content-type': 'text/xml' }, body: canned }) }),
    } as never,
  });
  const dispatcher = new Dispatcher({ services });
  const inProcess = client({ requestHandler: createSdkHandler(() => dispatcher) as never });
  const server = await startServer({ port: 0 });
  const sameProcess = httpClient(server.url);
  const child = await childServer('server');
  const otherProcess = httpClient(child.url);
  const command = () => new GetCallerIdentityCommand({});
  try {
    const results = await interleave(
      {
        'SDK floor (canned response)': () => floor.send(command()),
        'in-process dispatcher': () => inProcess.send(command()),
        'server, same process': () => sameProcess.send(command()),
        'server, child process': () => otherProcess.send(command()),
      },
      { rounds: 10, callsPerRound: 500, warmup: 1000 },
    );
    report('STS GetCallerIdentity', results, 'SDK floor (canned response)');
  } finally {
    await server.stop();
    child.stop();
  }
}

main();
