/**
 * The SMART app's world on loopback for the browser tests: the CDS stack (Medplum FHIR server, here with SMART
 * authorization on, and Orthanc) holding synthetic patients of the demo model's cohort, the service listening on
 * a real port and serving the built app under /app/, and fault injection by stopping and restarting the service.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { makeCohort } from '../../src/synth/cohort.ts';
import type { CohortPatient } from '../../src/synth/cohort.ts';
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import type { ChestPhantom } from '../../src/synth/chest-phantom.ts';
import { makeFhirBundle } from '../../src/synth/fhir-bundle.ts';
import { findMarrowRoi } from '../../src/roi/marrow-roi.ts';
import type { SmartAuth } from '../../server/dev/smart-auth.ts';
import { startFhirServer } from '../../server/dev/fhir-server.ts';
import type { FhirTestServer } from '../../server/dev/fhir-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { phantomOf, startCdsStack } from './cds-stack.ts';
import type { CdsStack } from './cds-stack.ts';
import { storeCtStudy } from './ct-study.ts';
import type { StoredStudy } from './ct-study.ts';
import { freeLoopbackPort } from './orthanc.ts';

export const CLIENT_ID = 'bonemet-risk';

/** The patients of the tests, by role. */
export interface AppPatients {
  /** Event patient with the strongest marrow signal, Ki-67 high; her T6 drawn as a SEG. */
  readonly high: string;
  /** Non-event patient with the weakest signal the automatic ROI labels. */
  readonly low: string;
  /** The high patient's CT with the low patient's receptors (another point on the nomogram). */
  readonly mixed: string;
  /** A patient with a CT and no receptor results. */
  readonly noReceptors: string;
  /** A patient with receptor results and no CT. */
  readonly noCt: string;
  /** The low patient's receptors on a CT whose automatic ROI is one level off (see {@link levelOffPhantom}). */
  readonly levelOff: string;
  /** The low patient's receptors on a CT the automatic ROI refuses (see {@link refusedPhantom}). */
  readonly roiRefused: string;
}

/**
 * A CT whose automatic ROI is one level off: a lumbar rib on L1 (about 1 % of people) and the scan starting at
 * T3, so the count from the last rib names L1 T12 and the automatic "T6" is truly T7. Its `marrow` is the true T6.
 */
export const levelOffPhantom = (p: CohortPatient): ChestPhantom =>
  makeChestPhantom({ seed: p.phantomSeed, marrowFactor: p.marrowFactor, lumbarRib: true, firstLevel: 'T3' });

/** A CT the automatic ROI refuses: T3 to T10, neither end of the thoracic spine in view. */
export const refusedPhantom = (p: CohortPatient): ChestPhantom =>
  makeChestPhantom({ seed: p.phantomSeed, marrowFactor: p.marrowFactor, firstLevel: 'T3', lastLevel: 'T10' });

export interface AppStack {
  readonly cds: CdsStack;
  readonly auth: SmartAuth;
  readonly serviceUrl: string;
  readonly patients: AppPatients;
  /** A second FHIR server whose authorization server knows SMART v1 scopes only, holding the no-CT patient. */
  readonly v1Fhir: FhirTestServer;
  readonly v1NoCt: string;
  /** The service's JSON view of a patient (GET /api/risk with a valid token). */
  riskView(
    patientId: string,
  ): Promise<
    Record<string, unknown> & { status: string; risk?: { probability: number; totalPoints: number } }
  >;
  /** Stops the service (the app's API goes away); `startService` brings it back on the same port. */
  stopService(): Promise<void>;
  startService(): Promise<void>;
  stop(): Promise<void>;
}

type Variant = 'full' | 'no-receptors' | 'no-ct';

/** The patient's bundle, with the receptor Observations or the CT (ImagingStudy and Endpoint) left out. */
function bundleOf(p: CohortPatient, study: StoredStudy, wadoRsBase: string, variant: Variant): unknown {
  const bundle = makeFhirBundle(p, { ...study, wadoRsBase });
  const drop =
    variant === 'no-receptors' ? ['Observation'] : variant === 'no-ct' ? ['ImagingStudy', 'Endpoint'] : [];
  return { ...bundle, entry: bundle.entry.filter((e) => !drop.includes(e.resource.resourceType)) };
}

export async function startAppStack(): Promise<AppStack> {
  await ensureAppBuilt();
  const port = await freeLoopbackPort();
  const serviceUrl = `http://127.0.0.1:${port}`;
  const cds = await startCdsStack({
    smartAuth: { clients: [{ clientId: CLIENT_ID, redirectUris: [`${serviceUrl}/app/`] }] },
  });
  const auth = cds.fhir.auth;
  if (auth === undefined) throw new Error('the FHIR server started without SMART authorization');

  const cohort = makeCohort(1);
  const byFactor = [...cohort].sort((a, b) => b.marrowFactor - a.marrowFactor);
  const highP = byFactor.find((p) => p.event && p.ki67Percent >= 14);
  const lowP = [...byFactor]
    .reverse()
    .find((c) => !c.event && c.ki67Percent < 14 && findMarrowRoi(phantomOf(c).image).level === 'T6');
  if (highP === undefined || lowP === undefined) throw new Error('the cohort lacks the test patients');
  const { orthanc, fhir } = cds;
  const offP = cohort.find(
    (c) => !c.event && c.ki67Percent < 14 && findMarrowRoi(levelOffPhantom(c).image).level === 'T6',
  );
  if (offP === undefined) throw new Error('no level-off patient');
  const levelOff = levelOffPhantom(offP);
  const refused = refusedPhantom(offP);
  const offRoi = findMarrowRoi(levelOff.image);
  const offTruth = levelOff.truth.levels.find((l) => l.label === 'T7')?.zRangeMm;
  const offAuto = offRoi.levels.find((l) => l.label === 'T6')?.zRangeMm;
  if (
    offRoi.level !== 'T6' ||
    offTruth === undefined ||
    offAuto === undefined ||
    offAuto[1] > offTruth[1] + 3
  )
    throw new Error("the level-off phantom's automatic T6 is not its true T7");
  if (findMarrowRoi(refused.image).status !== 'refused') throw new Error('the refused phantom got an ROI');
  const [highStudy, lowStudy, levelOffStudy, refusedStudy] = await Promise.all([
    storeCtStudy(orthanc, phantomOf(highP), `app-${highP.id}`, { seg: true }),
    storeCtStudy(orthanc, phantomOf(lowP), `app-${lowP.id}`),
    storeCtStudy(orthanc, levelOff, `app-${lowP.id}-level-off`),
    storeCtStudy(orthanc, refused, `app-${lowP.id}-refused`),
  ]);
  const add = async (p: CohortPatient, study: StoredStudy, variant: Variant = 'full'): Promise<string> =>
    (await fhir.transaction(bundleOf(p, study, orthanc.dicomWebUrl, variant)))[0] ?? '';
  const mixedP: CohortPatient = { ...lowP, id: `${highP.id}-X`, phantomSeed: highP.phantomSeed };
  const patients: AppPatients = {
    high: await add(highP, highStudy),
    low: await add(lowP, lowStudy),
    mixed: await add(mixedP, highStudy),
    noReceptors: await add({ ...lowP, id: `${lowP.id}-NR` }, lowStudy, 'no-receptors'),
    noCt: await add({ ...highP, id: `${highP.id}-NC` }, highStudy, 'no-ct'),
    levelOff: await add({ ...offP, id: `${offP.id}-LO` }, levelOffStudy),
    roiRefused: await add({ ...offP, id: `${offP.id}-RF` }, refusedStudy),
  };

  const v1Fhir = await startFhirServer({
    smartAuth: {
      clients: [{ clientId: CLIENT_ID, redirectUris: [`${serviceUrl}/app/`] }],
      permissionV2: false,
    },
  });
  const [v1NoCt = ''] = await v1Fhir.transaction(
    bundleOf({ ...highP, id: `${highP.id}-V1` }, highStudy, orthanc.dicomWebUrl, 'no-ct'),
  );
  const app = cds.makeApp({
    env: {
      BONEMET_PUBLIC_URL: serviceUrl,
      BONEMET_FHIR_ALLOWLIST: [fhir.baseUrl, v1Fhir.baseUrl].map((u) => new URL(u).origin).join(','),
    },
  });
  let server: Server | undefined;
  const startService = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer(app);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });
  const stopService = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = undefined;
      if (s === undefined) return resolve();
      s.closeAllConnections();
      s.close(() => resolve());
    });
  await startService();
  return {
    cds,
    auth,
    serviceUrl,
    patients,
    v1Fhir,
    v1NoCt,
    async riskView(patientId) {
      const url = new URL('/api/risk', serviceUrl);
      url.searchParams.set('patient', patientId);
      url.searchParams.set('fhirServer', fhir.baseUrl);
      for (;;) {
        const res = await fetch(url, { headers: { authorization: `Bearer ${auth.adminToken}` } });
        const body = (await res.json()) as Awaited<ReturnType<AppStack['riskView']>>;
        if (res.status !== 202) return body;
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    stopService,
    startService,
    stop: async () => {
      await stopService();
      await Promise.all([cds.stop(), v1Fhir.stop()]);
    },
  };
}
