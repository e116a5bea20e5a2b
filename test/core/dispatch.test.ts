/**
 * The dispatcher's promises, seen through the real SDK: unimplemented
 * operations answer NotImplemented naming service and operation, unknown
 * requests are refused, a handler's crash becomes an AWS error, and account
 * and region come from the signature.
 */
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Dispatcher } from '../../src/core/dispatch';
import { createRequest } from '../../src/core/request';
import type { ServiceEntry } from '../../src/core/service';
import { createSdkHandler } from '../../src/intercept/sdk-handler';
import { services } from '../../services';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

function stsWith(dispatcher: Dispatcher, region = 'us-east-1') {
  return new STSClient({ region, credentials, maxAttempts: 1, requestHandler: createSdkHandler(() => dispatcher) as never });
}

describe('Dispatcher', () => {
  it('answers an operation without a handler with NotImplemented naming service and operation', async () => {
    const sts = stsWith(new Dispatcher({ services }));
    const err = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'x' })).catch((e) => e);
    expect(err.name).toBe('NotImplemented');
    expect(err.message).toMatch(/^mockaws does not implement sts\.DecodeAuthorizationMessage yet\. /);
    // What to do about it: the stub that works, and where coverage is listed.
    expect(err.message).toContain("aws.on('sts', 'DecodeAuthorizationMessage').resolves(");
    expect(err.message).toMatch(/implements are listed in docs\/services\/$/);
    expect(err.$metadata.httpStatusCode).toBe(501);
  });

  it('turns a crashing handler into an InternalFailure response instead of throwing', async () => {
    const sts = services.find((s) => s.route.id === 'sts') as ServiceEntry;
    const crashing: ServiceEntry = {
      route: sts.route,
      load: async () => {
        const real = await sts.load();
        return {
          ...real,
          handlers: {
            GetCallerIdentity: () => {
              throw new TypeError('boom');
            },
          },
        };
      },
    };
    const client = stsWith(new Dispatcher({ services: [crashing] }));
    const err = await client.send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(err.name).toBe('InternalFailure');
    expect(err.message).toContain('boom');
    expect(err.$metadata.httpStatusCode).toBe(500);
    // A short message with the request id; the stack goes to the debug log (MOCKAWS_DEBUG), never the answer.
    expect(err.message).toBe(`mockaws internal error (request ${err.$metadata.requestId}): boom`);
    expect(err.message).not.toMatch(/\n|\.ts:\d+|at Object\./);
  });

  it('refuses a request no service claims, without throwing', async () => {
    const dispatcher = new Dispatcher({ services });
    const res = await dispatcher.dispatch(
      createRequest({ method: 'GET', url: 'https://unknown-thing.us-east-1.amazonaws.com/x' }),
    );
    expect(res.status).toBe(501);
    expect(JSON.parse(String(res.body)).__type).toMatch(/(^|#)MockawsRefused$/);
    expect(JSON.parse(String(res.body)).message).toContain('no mocked AWS service recognises this request');
  });

  it('refuses a known but unmocked service in per-service mode', async () => {
    const sts = stsWith(new Dispatcher({ services, only: new Set(['s3']) }));
    const err = await sts.send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(err.name).toBe('MockawsRefused');
    expect(err.message).toContain("service 'sts' is not mocked");
  });

  it('takes the region from the SigV4 scope and keeps state per account and region', async () => {
    const dispatcher = new Dispatcher({ services });
    const seen: string[] = [];
    dispatcher.onCall(({ call }) => call && seen.push(`${call.account}/${call.region}`));
    await stsWith(dispatcher, 'eu-central-1').send(new GetCallerIdentityCommand({}));
    await new STSClient({
      region: 'ap-south-1',
      credentials: { accessKeyId: '444455556666', secretAccessKey: 'x' },
      requestHandler: createSdkHandler(() => dispatcher) as never,
    }).send(new GetCallerIdentityCommand({}));
    expect(seen).toEqual(['123456789012/eu-central-1', '444455556666/ap-south-1']);
    const a = await dispatcher.backends.get('sts', '123456789012', 'eu-central-1');
    const b = await dispatcher.backends.get('sts', '444455556666', 'ap-south-1');
    expect(a).not.toBe(b);
    expect(await dispatcher.backends.get('sts', '123456789012', 'eu-central-1')).toBe(a);
  });

  it('lets hooks answer in place of the backend, and still runs the backend through next()', async () => {
    const dispatcher = new Dispatcher({ services });
    dispatcher.use(async (_call, next) => {
      const out = (await next()) as Record<string, unknown>;
      return { ...out, Account: '999999999999' };
    });
    const out = await stsWith(dispatcher).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('999999999999');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
  });

  it('loads a service module only on its first request', async () => {
    let loads = 0;
    const sts = services.find((s) => s.route.id === 'sts') as ServiceEntry;
    const counted: ServiceEntry = {
      route: sts.route,
      load: () => {
        loads++;
        return sts.load();
      },
    };
    const dispatcher = new Dispatcher({ services: [counted] });
    expect(loads).toBe(0);
    const client = stsWith(dispatcher);
    await client.send(new GetCallerIdentityCommand({}));
    await client.send(new GetCallerIdentityCommand({}));
    expect(loads).toBe(1);
  });

  it('answers InternalFailure when a service module fails to load, and retries the load on the next request', async () => {
    const sts = services.find((s) => s.route.id === 'sts') as ServiceEntry;
    let attempts = 0;
    const flaky: ServiceEntry = {
      route: sts.route,
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error('Cannot find module ./models');
        return sts.load();
      },
    };
    const client = stsWith(new Dispatcher({ services: [flaky] }));
    const err = await client.send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(err.name).toBe('InternalFailure');
    expect(err.message).toContain('Cannot find module ./models');
    expect(err.$metadata.httpStatusCode).toBe(500);
    // A failed import is not remembered: the next request loads the module again.
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(attempts).toBe(2);
  });
});
