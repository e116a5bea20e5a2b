/**
 * mockaws beside nock and msw, as many suites run them: nock (with
 * `disableNetConnect()`) or msw's `setupServer` answering a third-party API
 * while mockaws answers AWS, activated in either order, and each taken down
 * cleanly (http, https and fetch as they were before).
 *
 * SDK v3 clients never reach HTTP (the client hook answers them), so they
 * work whatever the order. Raw `fetch` to AWS (presigned URLs) reaches
 * whichever library patched `fetch` last: when nock or msw sits on top, it
 * must let AWS hosts through to mockaws — `nock.enableNetConnect(host => ...)`
 * or an `onUnhandledRequest` that skips them, as docs/testing.md shows.
 */
import http from 'node:http';
import https from 'node:https';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { HttpResponse, http as mswHttp } from 'msw';
import { setupServer } from 'msw/node';
import nock from 'nock';
import { type MockAws, mockAws } from '../../src/mock';

const API = 'https://api.example.com';
const IDENTITY = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' };

function snapshot() {
  return { request: http.request, get: http.get, httpsRequest: https.request, httpsGet: https.get, fetch: globalThis.fetch };
}

function httpsGetText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

/** What both libraries and mockaws must do together. */
async function checkTogether(aws: MockAws, blocked: () => Promise<unknown>): Promise<void> {
  // AWS through an SDK v3 client: the fake answers, with state.
  const s3 = new S3Client({});
  await s3.send(new CreateBucketCommand({ Bucket: 'beside-others' }));
  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  expect(Buckets?.map((b) => b.Name)).toEqual(['beside-others']);
  // Raw HTTP to AWS (a presigned URL, the v2 SDK): the fake answers too.
  const sts = await fetch('https://sts.amazonaws.com/', IDENTITY);
  expect(await sts.text()).toContain('<Account>123456789012</Account>');
  // The third-party API: the other library answers, by fetch and by https.get.
  expect(await (await fetch(`${API}/users/1`)).json()).toEqual({ id: 1, name: 'Ada' });
  expect(JSON.parse(await httpsGetText(`${API}/users/1`))).toEqual({ id: 1, name: 'Ada' });
  // Anything else is still refused by the other library.
  await expect(blocked()).rejects.toThrow();
  expect(aws.calls({ service: 's3' })).toHaveLength(2);
  expect(aws.calls({ service: 'sts' })).toHaveLength(1);
}

// nock activates itself on import (and nock and msw cannot both be active): start from neither.
let before: ReturnType<typeof snapshot>;
beforeAll(() => {
  nock.restore();
  before = snapshot();
});

describe('beside nock, with disableNetConnect()', () => {
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });

  function nockApi(): void {
    nock.disableNetConnect();
    // What docs/testing.md tells nock users: AWS hosts pass on to mockaws.
    nock.enableNetConnect((host) => /(^|\.)amazonaws\.com(:\d+)?$/.test(host));
    nock(API).get('/users/1').times(2).reply(200, { id: 1, name: 'Ada' });
  }
  const blocked = () => fetch('https://elsewhere.example.org/');

  it('mockaws first, then nock', async () => {
    const aws = mockAws();
    nock.activate();
    nockApi();
    try {
      await checkTogether(aws, blocked);
    } finally {
      nock.restore();
      aws.stop();
    }
    expect(snapshot()).toEqual(before);
  });

  it('nock first, then mockaws', async () => {
    nock.activate();
    nockApi();
    const aws = mockAws();
    try {
      await checkTogether(aws, blocked);
    } finally {
      aws.stop();
      nock.restore();
    }
    expect(snapshot()).toEqual(before);
  });

  it('mockaws stopped first leaves nock working, and nock restored first leaves mockaws working', async () => {
    nock.activate();
    nockApi();
    const aws = mockAws();
    aws.stop();
    expect(await (await fetch(`${API}/users/1`)).json()).toEqual({ id: 1, name: 'Ada' });
    nock.restore();
    const again = mockAws();
    try {
      expect(await (await fetch('https://sts.amazonaws.com/', IDENTITY)).text()).toContain('<Account>');
    } finally {
      again.stop();
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('beside msw setupServer', () => {
  // msw reports the refused request on console.error: expected here, and checked.
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    expect(consoleError.mock.calls.map((args) => String(args[0]))).toEqual([
      expect.stringContaining('GET https://elsewhere.example.org/'),
    ]);
    consoleError.mockRestore();
  });
  const server = setupServer(mswHttp.get(`${API}/users/:id`, ({ params }) => HttpResponse.json({ id: Number(params.id), name: 'Ada' })));
  const blocked = () => fetch('https://elsewhere.example.org/');
  // What docs/testing.md tells msw users: unhandled requests are errors, except AWS's, which pass on to mockaws.
  const listen = () =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (!/(^|\.)amazonaws\.com$/.test(new URL(request.url).hostname)) print.error();
      },
    });

  it('mockaws first, then msw', async () => {
    const aws = mockAws();
    listen();
    try {
      await checkTogether(aws, blocked);
    } finally {
      server.close();
      aws.stop();
    }
    expect(snapshot()).toEqual(before);
  });

  it('msw first, then mockaws', async () => {
    listen();
    const aws = mockAws();
    try {
      await checkTogether(aws, blocked);
    } finally {
      aws.stop();
      server.close();
    }
    expect(snapshot()).toEqual(before);
  });
});
