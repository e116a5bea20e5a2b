/**
 * Data planes (src/core/service.ts DataPlaneRoute): requests that are not API
 * calls (a Lambda function URL, an API Gateway stage, a JWKS document) route
 * by host or path before any API routing, reach the module's `dataPlane`
 * with account and region resolved, and fail as plain JSON, never a throw.
 */
import { Dispatcher } from '../../src/core/dispatch';
import { createRequest } from '../../src/core/request';
import type { ServiceEntry, ServiceModule } from '../../src/core/service';
import { services } from '../../services';

const sts = services.find((s) => s.route.id === 'sts') as ServiceEntry;

function withPlane(dataPlane: ServiceModule['dataPlane']): ServiceEntry {
  return {
    route: {
      ...sts.route,
      dataPlane: { hosts: [/^[a-z0-9]+\.plane\.(?<region>[a-z0-9-]+)\.on\.aws$/], paths: [/^\/_aws\/plane\//] },
    },
    load: async () => ({ ...(await sts.load()), dataPlane }),
  };
}

describe('data-plane routing', () => {
  it('hands a request on a data-plane host to the module, with the region from the host', async () => {
    const seen: Array<{ region: string; account: string; path: string }> = [];
    const dispatcher = new Dispatcher({
      services: [
        withPlane((req, ctx) => {
          seen.push({ region: ctx.region, account: ctx.account, path: req.url.pathname });
          return { status: 201, headers: { 'content-type': 'text/plain' }, body: Buffer.from('hello') };
        }),
      ],
    });
    const res = await dispatcher.dispatch(createRequest({ method: 'GET', url: 'https://abc123.plane.eu-west-2.on.aws/x/y' }));
    expect(res.status).toBe(201);
    expect(String(res.body)).toBe('hello');
    expect(seen).toEqual([{ region: 'eu-west-2', account: '123456789012', path: '/x/y' }]);
  });

  it('hands a request on a data-plane path to the module on any host (the server mode address)', async () => {
    let hits = 0;
    const dispatcher = new Dispatcher({
      services: [
        withPlane(() => {
          hits++;
          return { status: 200, headers: {}, body: Buffer.alloc(0) };
        }),
      ],
    });
    await dispatcher.dispatch(createRequest({ method: 'POST', url: 'http://localhost:4566/_aws/plane/abc' }));
    expect(hits).toBe(1);
  });

  it('leaves API calls to the API: a signed STS call on the STS host is not the data plane', async () => {
    let hits = 0;
    const dispatcher = new Dispatcher({
      services: [
        withPlane(() => {
          hits++;
          return { status: 200, headers: {}, body: Buffer.alloc(0) };
        }),
      ],
    });
    const res = await dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: 'https://sts.amazonaws.com/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    );
    expect(hits).toBe(0);
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('GetCallerIdentityResponse');
  });

  it('answers a crashing data plane with a 500 JSON error naming the request, and a module without one with 501', async () => {
    const crashing = new Dispatcher({
      services: [
        withPlane(() => {
          throw new TypeError('boom');
        }),
      ],
    });
    const res = await crashing.dispatch(createRequest({ method: 'GET', url: 'https://abc.plane.us-east-1.on.aws/' }));
    expect(res.status).toBe(500);
    const body = JSON.parse(String(res.body));
    expect(body.__type).toBe('InternalFailure');
    expect(body.message).toMatch(/^mockaws internal error \(request [\w-]+\): boom$/);

    const missing = new Dispatcher({ services: [withPlane(undefined)] });
    const res2 = await missing.dispatch(createRequest({ method: 'GET', url: 'https://abc.plane.us-east-1.on.aws/' }));
    expect(res2.status).toBe(501);
    expect(JSON.parse(String(res2.body)).__type).toBe('NotImplemented');
  });

  it('answers in per-service mode for a service the plane is also for (mockAPIGateway and execute-api)', async () => {
    const entry = withPlane(() => ({ status: 204, headers: {}, body: Buffer.alloc(0) }));
    entry.route.dataPlane = { ...entry.route.dataPlane, alsoFor: ['apigateway'] };
    const dispatcher = new Dispatcher({ services: [entry], only: new Set(['apigateway']) });
    const res = await dispatcher.dispatch(createRequest({ method: 'GET', url: 'https://abc.plane.us-east-1.on.aws/' }));
    expect(res.status).toBe(204);
  });

  it('refuses a data-plane request in per-service mode when the service is not mocked', async () => {
    const dispatcher = new Dispatcher({ services: [withPlane(() => ({ status: 200, headers: {}, body: Buffer.alloc(0) }))], only: new Set(['s3']) });
    const res = await dispatcher.dispatch(createRequest({ method: 'GET', url: 'https://abc.plane.us-east-1.on.aws/' }));
    expect(res.status).toBe(501);
    expect(JSON.parse(String(res.body)).__type).toBe('MockawsRefused');
  });
});
