/**
 * The demo stack (`npm start`, DESIGN section 13): a synthetic hospital on loopback. It renders the demo cohort
 * once (cached), starts Orthanc with its DICOMweb plugin (installed from Debian packages when missing; its
 * storage kept in the cache, so later starts upload nothing), starts the FHIR server (Medplum's router, in
 * memory, with a SMART authorization server) seeded with the patients, builds the SMART app when stale, and
 * starts the CDS service serving the app, with the demo EHR page and its /dev routes beside it. The EHR signs its
 * CDS client JWTs with the stack's own ES384 key, which the service trusts like any EHR's.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { parseParams } from '../../src/index.ts';
import { createApp } from '../app.ts';
import { createAnalysisRunner, createConfiguredExecutor } from '../analysis/create-runner.ts';
import type { AnalysisRunner } from '../analysis/analysis-runner.ts';
import { loadConfig } from '../config.ts';
import { ensureAppBuilt } from './app-build.ts';
import { demoBundle, prepareDemoCohort } from './demo-cohort.ts';
import type { DemoPatient } from './demo-cohort.ts';
import { ehrRoutes } from './ehr-routes.ts';
import type { DemoPatientSummary } from './ehr-routes.ts';
import { startFhirServer } from './fhir-server.ts';
import type { FhirTestServer } from './fhir-server.ts';
import { startOrthanc } from './orthanc.ts';
import type { OrthancServer } from './orthanc.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOOK_PATH = '/cds-services/bone-metastasis-risk';
/** The SMART app's client id in the stack's authorization server (see smart-config/local-stack.json). */
export const DEMO_CLIENT_ID = 'bonemet-risk';

export interface DemoStackOptions {
  /** Cache folder: the cohort, Orthanc's storage and the EHR's key (default `.cache/demo`). */
  readonly cacheDir?: string;
  /** Ports on 127.0.0.1; 0 picks a free one. Defaults: service 3000, FHIR 8080, Orthanc 8042. */
  readonly servicePort?: number;
  readonly fhirPort?: number;
  readonly orthancPort?: number;
  /** More service configuration (BONEMET_REDIS_URL, say). */
  readonly env?: Readonly<Record<string, string>>;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
  /** The service's logger (default: pino at warn on stderr). */
  readonly logger?: Logger;
}

export interface DemoStack {
  readonly serviceUrl: string;
  readonly ehrUrl: string;
  readonly fhirUrl: string;
  readonly dicomWebUrl: string;
  readonly patients: readonly DemoPatientSummary[];
  /** The hook body the EHR page sends for a patient (prefetch filled, as EHRs do). */
  hookBody(patientId: string): Promise<Record<string, unknown>>;
  /** Reads a resource from the FHIR server as its administrator (checks and scripts on this machine). */
  read(type: string, id: string): Promise<Record<string, unknown> | undefined>;
  /** Fires patient-view as the EHR page does. */
  fire(patientId: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

interface EhrKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** The EHR's signing key, made once and kept in the cache (a new key would need a new trust entry). */
async function ehrKey(dir: string): Promise<EhrKey> {
  const path = join(dir, 'ehr-key.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as EhrKey;
  const pair = await generateKeyPair('ES384', { extractable: true });
  const key: EhrKey = {
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid: 'demo-ehr', alg: 'ES384' },
    publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'demo-ehr', alg: 'ES384' },
  };
  writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  return key;
}

function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}

/** Starts the stack; everything it started is stopped by `stop()` (or on failure part-way). */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cacheDir = options.cacheDir ?? join(PROJECT_ROOT, '.cache', 'demo');
  mkdirSync(cacheDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const servicePort = options.servicePort ?? 3000;
    // The service's URL is needed before it listens (JWT audience, app redirect): take the port now.
    const serviceApp = express();
    const serviceServer = await listen(serviceApp, servicePort);
    stops.push(() => new Promise((r) => serviceServer.close(() => r())));
    const serviceUrl = `http://127.0.0.1:${(serviceServer.address() as AddressInfo).port}`;

    const baseConfig = loadConfig({ BONEMET_AUTH: 'off' });
    const model = baseConfig.model;
    const paramsPath = join(PROJECT_ROOT, model.radiomics.params);
    const params = parseParams(readFileSync(paramsPath, 'utf8'), paramsPath);
    log('demo: preparing the synthetic cohort (rendered once, then cached)');
    const cohort = await prepareDemoCohort({ dir: join(cacheDir, 'cohort'), model, params, log });

    log('demo: starting Orthanc (installed from Debian packages when missing)');
    const orthanc: OrthancServer = await startOrthanc({
      storageDir: join(cacheDir, 'orthanc'),
      port: options.orthancPort ?? 8042,
    });
    stops.push(() => orthanc.stop());
    await storeStudies(orthanc, cohort.dir, cohort.patients, log);

    log('demo: starting the FHIR server with SMART authorization');
    const fhir: FhirTestServer = await startFhirServer({
      port: options.fhirPort ?? 8080,
      smartAuth: { clients: [{ clientId: DEMO_CLIENT_ID, redirectUris: [`${serviceUrl}/app/`] }] },
    });
    stops.push(() => fhir.stop());
    const auth = fhir.auth;
    if (auth === undefined) throw new Error('the FHIR server started without its authorization server');
    const ids = new Map<string, DemoPatient>();
    for (const p of cohort.patients) {
      const [id] = await fhir.transaction(demoBundle(p, cohort, orthanc.dicomWebUrl));
      if (id === undefined) throw new Error(`the FHIR server did not create ${p.key}`);
      ids.set(id, p);
    }
    const patients: DemoPatientSummary[] = [...ids].map(([id, p]) => ({
      id,
      name: p.name,
      scenario: p.scenario,
      expectedCategory: p.expectedCategory,
    }));

    log('demo: building the SMART app when stale');
    await ensureAppBuilt();

    const key = await ehrKey(cacheDir);
    const ehrIss = `${serviceUrl}/ehr`;
    const config = loadConfig({
      PORT: String((serviceServer.address() as AddressInfo).port),
      BONEMET_PUBLIC_URL: serviceUrl,
      BONEMET_CDS_CLIENTS: JSON.stringify([{ iss: ehrIss, jwks: { keys: [key.publicJwk] } }]),
      BONEMET_FHIR_ALLOWLIST: new URL(fhir.baseUrl).origin,
      BONEMET_DICOMWEB_ALLOWLIST: new URL(orthanc.dicomWebUrl).origin,
      ...options.env,
    });
    const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
    const threads = createConfiguredExecutor(config);
    if (threads !== undefined) stops.push(() => threads.close());
    const execute = threads === undefined ? {} : { execute: threads.execute };
    const runner: AnalysisRunner = createAnalysisRunner(config, params, logger, execute);
    stops.push(() => runner.close());
    const service = createApp({ config, params, logger, runner, ...execute });
    const signer = await importJWK(key.privateJwk, 'ES384');

    const hookBody = async (patientId: string): Promise<Record<string, unknown>> => {
      const search = async (type: string): Promise<unknown> => ({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: (await fhir.search(type, `patient=${patientId}`)).map((resource) => ({ resource })),
      });
      const imaging = (await search('ImagingStudy')) as { entry: { resource: Record<string, unknown> }[] };
      // The Endpoints the studies name ride along, as the prefetch template asks.
      for (const e of [...imaging.entry]) {
        for (const ref of (e.resource.endpoint as { reference?: string }[] | undefined) ?? []) {
          const [type, id] = String(ref.reference).split('/');
          const endpoint = type === undefined || id === undefined ? undefined : await fhir.read(type, id);
          if (endpoint !== undefined) imaging.entry.push({ resource: endpoint });
        }
      }
      return {
        hook: 'patient-view',
        hookInstance: crypto.randomUUID(),
        fhirServer: fhir.baseUrl,
        context: { userId: 'Practitioner/demo-oncologist', patientId },
        prefetch: {
          patient: await fhir.read('Patient', patientId),
          observations: await search('Observation'),
          conditions: await search('Condition'),
          imagingStudies: imaging,
        },
      };
    };
    const fire = async (patientId: string): Promise<{ status: number; body: unknown }> => {
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'demo-ehr' })
        .setIssuer(ehrIss)
        .setAudience(`${serviceUrl}${HOOK_PATH}`)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(signer);
      const res = await fetch(`${serviceUrl}${HOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
        body: JSON.stringify(await hookBody(patientId)),
      });
      return { status: res.status, body: await res.json() };
    };
    serviceApp.use(
      ehrRoutes({
        patients: () => patients,
        fire,
        accept: async (patientId, suggestion) => {
          const actions = (suggestion as { actions?: { type?: string; resource?: unknown }[] }).actions ?? [];
          const created: string[] = [];
          for (const a of actions) {
            if (a.type !== 'create' || typeof a.resource !== 'object' || a.resource === null) continue;
            const resource: Record<string, unknown> = {
              ...(a.resource as Record<string, unknown>),
              subject: { reference: `Patient/${patientId}` },
            };
            const [id] = await fhir.transaction({
              resourceType: 'Bundle',
              type: 'transaction',
              entry: [{ resource, request: { method: 'POST', url: String(resource.resourceType) } }],
            });
            created.push(`${String(resource.resourceType)}/${id ?? '?'}`);
          }
          if (created.length === 0) throw new Error('the suggestion has no resource to create');
          return created;
        },
        launch: (patientId, url) => {
          const target = new URL(url);
          if (target.origin !== serviceUrl) throw new Error('the link is not the service app');
          const launch = auth.createLaunch({ patient: patientId });
          target.searchParams.set('iss', fhir.baseUrl);
          target.searchParams.set('launch', launch);
          return target.toString();
        },
      }),
    );
    serviceApp.use(service);
    // The first chart opened should not wait: each CT is analysed now, as a clinic's list would be overnight.
    log('demo: analysing the demo CTs');
    for (const p of patients) {
      const started = Date.now();
      for (;;) {
        const r = await fire(p.id);
        const summary = String((r.body as { cards?: { summary?: string }[] }).cards?.[0]?.summary ?? '');
        if (r.status !== 200 || !/in progress/.test(summary)) break;
        if (Date.now() - started > 120_000)
          throw new Error(`the analysis of ${p.name} did not finish in 2 minutes`);
        await new Promise((r2) => setTimeout(r2, 250));
      }
    }
    return {
      serviceUrl,
      ehrUrl: `${serviceUrl}/ehr/`,
      fhirUrl: fhir.baseUrl,
      dicomWebUrl: orthanc.dicomWebUrl,
      patients,
      hookBody,
      read: (type, id) => fhir.read(type, id),
      fire,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Stores the demo studies Orthanc does not already hold (its storage is kept between starts). */
async function storeStudies(
  orthanc: OrthancServer,
  dir: string,
  patients: readonly DemoPatient[],
  log: (line: string) => void,
): Promise<void> {
  for (const p of patients) {
    if (p.dicomFiles.length === 0) continue;
    const known = await fetch(`${orthanc.baseUrl}/tools/lookup`, {
      method: 'POST',
      body: p.studyInstanceUid,
    });
    const found = (await known.json()) as unknown[];
    const seg = p.scenario === 'radiologist-roi';
    if (found.length > 0) {
      const series = await fetch(`${orthanc.dicomWebUrl}/studies/${p.studyInstanceUid}/series`);
      const count = series.ok ? ((await series.json()) as unknown[]).length : 0;
      if (count === (seg ? 2 : 1)) continue;
    }
    const started = Date.now();
    for (const f of p.dicomFiles) await orthanc.upload(readFileSync(join(dir, f)));
    log(
      `demo: stored ${p.key}'s CT${seg ? ' and SEG' : ''} (${p.dicomFiles.length} files) in ${Date.now() - started} ms`,
    );
  }
}
