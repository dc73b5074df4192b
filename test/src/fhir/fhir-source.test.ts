import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFhirSource } from '../../../src/fhir/fhir-source.ts';
import { FhirError } from '../../../src/errors.ts';

/** A loopback FHIR-ish server: paged searches, a next link off the allowed host, a stalling and a failing route. */
let server: Server;
let base = '';
let hits: string[] = [];
let outsideHits = 0;
let outside: Server;
let outsideUrl = '';

const bundle = (ids: string[], next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: ids.map((id) => ({ resource: { resourceType: 'Observation', id } })),
  ...(next === undefined ? {} : { link: [{ relation: 'next', url: next }] }),
});

describe('createFhirSource', () => {
  before(async () => {
    outside = createServer((_q, r) => {
      outsideHits++;
      r.end('{}');
    });
    await new Promise<void>((r) => outside.listen(0, '127.0.0.1', r));
    outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
    server = createServer((req, res) => {
      hits.push(`${req.url} ${req.headers.authorization ?? ''}`);
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
      const path = (req.url ?? '').split('?')[0];
      if (req.url?.startsWith('/fhir/Observation?page=2')) send(200, bundle(['o3']));
      else if (path === '/fhir/Observation') send(200, bundle(['o1', 'o2'], `${base}/Observation?page=2`));
      else if (path === '/fhir/Condition') send(200, bundle(['c1'], `${outsideUrl}/fhir/Condition?page=2`));
      else if (req.url === '/fhir/Patient/p1') send(200, { resourceType: 'Patient', id: 'p1' });
      else if (req.url === '/fhir/Patient/slow') setTimeout(() => send(200, {}), 2_000);
      else if (path === '/fhir/Endpoint') send(200, { resourceType: 'OperationOutcome' });
      else if (path === '/fhir/Procedure') res.writeHead(200).end('<html>');
      else send(404, { resourceType: 'OperationOutcome' });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    outside.close();
  });
  const source = (timeoutMs = 1_000) =>
    createFhirSource({
      baseUrl: base,
      allowedOrigins: [new URL(base).origin],
      token: 'ehr-token',
      timeoutMs,
      retries: 0,
    });

  it('follows next links and sends the bearer token on every page', async () => {
    hits = [];
    const found = await source().search('Observation', {
      patient: 'Patient/p1',
      code: 'http://loinc.org|85330-9',
    });
    assert.deepEqual(
      found.map((r) => (r as { id: string }).id),
      ['o1', 'o2', 'o3'],
    );
    assert.deepEqual(
      hits.map((h) => h.split(' ')[1]),
      ['Bearer', 'Bearer'],
    );
    assert.ok(
      hits[0].startsWith('/fhir/Observation?patient=Patient%2Fp1&code=http%3A%2F%2Floinc.org%7C85330-9 '),
    );
  });

  it('refuses a next link to a host off the allow-list without connecting to it', async () => {
    await assert.rejects(
      source().search('Condition', {}),
      (e: unknown) => e instanceof FhirError && e.code === 'host-not-allowed',
    );
    assert.equal(outsideHits, 0);
  });

  it('reads a resource, gives undefined for 404, and fails a stalled server with timeout', async () => {
    assert.deepEqual(await source().read('Patient', 'p1'), { resourceType: 'Patient', id: 'p1' });
    assert.equal(await source().read('Patient', 'p2'), undefined);
    await assert.rejects(source(100).read('Patient', 'slow'), { code: 'timeout' });
  });

  it('refuses ids and types that could leave their path segment, and answers that are not FHIR JSON', async () => {
    await assert.rejects(source().read('Patient', '../admin'), { code: 'invalid-url' });
    await assert.rejects(source().search('Observation/../x', {}), { code: 'invalid-url' });
    await assert.rejects(source().search('Procedure', {}), { code: 'bad-response' });
    await assert.rejects(
      source().search('Endpoint', {}),
      (e: unknown) => e instanceof FhirError && /did not answer a Bundle/.test(e.message),
    );
  });

  it('refuses a base URL off the allow-list at once', () => {
    assert.throws(() => createFhirSource({ baseUrl: base, allowedOrigins: ['https://ehr.example'] }), {
      code: 'host-not-allowed',
    });
  });
});
