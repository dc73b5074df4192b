import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet, httpGetStream, retryAfterOfError } from '../../../src/http/http-get.ts';
import { FHIR_LIKE, UpstreamTestError } from '../../support/upstream-service.ts';

let server: Server;
let base = '';
const seenAuth: (string | undefined)[] = [];

describe('httpGet and httpGetStream', () => {
  before(async () => {
    server = createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      if (req.url === '/ok')
        res.writeHead(200, { 'content-type': 'application/fhir+json' }).end('{"resourceType":"Patient"}');
      else if (req.url === '/busy') res.writeHead(503, { 'retry-after': '2' }).end('try later');
      else if (req.url === '/moved') res.writeHead(302, { location: 'http://10.0.0.1/' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2000);
      else res.writeHead(404).end('no such resource');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const request = (path: string, timeoutMs = 1000) => ({
    service: FHIR_LIKE,
    url: `${base}${path}`,
    accept: 'application/fhir+json',
    headers: { Authorization: 'Bearer t0k' },
    timeoutMs,
    signal: undefined,
    what: 'Patient read',
    fetchImpl: fetch,
  });

  it("returns a 2xx response's bytes and content type, sending the headers given", async () => {
    const r = await httpGet(request('/ok'));
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'application/fhir+json');
    assert.equal(Buffer.from(r.body).toString(), '{"resourceType":"Patient"}');
    assert.equal(seenAuth.at(-1), 'Bearer t0k');
  });

  it("maps 404 to the service's not-found and 503 to upstream-status with its Retry-After", async () => {
    await assert.rejects(
      httpGet(request('/missing')),
      (e: unknown) => e instanceof UpstreamTestError && e.code === 'not-found' && e.status === 404,
    );
    await assert.rejects(httpGet(request('/busy')), (e: unknown) => {
      assert.ok(e instanceof UpstreamTestError && e.code === 'upstream-status' && e.status === 503);
      assert.equal(retryAfterOfError.get(e), '2');
      assert.match(e.message, /^Patient read from 127\.0\.0\.1:\d+ answered HTTP 503: try later$/);
      return true;
    });
  });

  it('refuses to follow a redirect, through fetch and through the streaming client', async () => {
    await assert.rejects(httpGet(request('/moved')), { code: 'network' });
    await assert.rejects(
      httpGetStream(
        { ...request('/moved'), fetchImpl: undefined },
        { start: () => undefined, chunk: () => undefined },
      ),
      (e: unknown) =>
        e instanceof UpstreamTestError && e.code === 'network' && /redirect \(HTTP 302\)/.test(e.message),
    );
  });

  it('stops a request that outlives its deadline with timeout, and a cancelled one with aborted', async () => {
    await assert.rejects(httpGet(request('/slow', 100)), { code: 'timeout' });
    await assert.rejects(httpGet({ ...request('/ok'), signal: AbortSignal.abort() }), { code: 'aborted' });
  });

  it('streams a 2xx body to the sink in order', async () => {
    const chunks: string[] = [];
    let type = '';
    await httpGetStream(
      { ...request('/ok'), fetchImpl: undefined },
      {
        start: (t) => {
          type = t;
        },
        chunk: (b) => {
          chunks.push(Buffer.from(b).toString());
        },
      },
    );
    assert.equal(type, 'application/fhir+json');
    assert.equal(chunks.join(''), '{"resourceType":"Patient"}');
  });
});
