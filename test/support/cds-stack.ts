import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { parseParams } from '../../src/radiomics/params.ts';
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import type { ChestPhantom } from '../../src/synth/chest-phantom.ts';
import type { CohortPatient } from '../../src/synth/cohort.ts';
import { makeFhirBundle } from '../../src/synth/fhir-bundle.ts';
import { InProcessRunner } from '../../server/analysis/analysis-runner.ts';
import type { AnalysisRunner } from '../../server/analysis/analysis-runner.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { startFhirServer } from './fhir-server.ts';
import type { FhirServerOptions, FhirTestServer } from './fhir-server.ts';
import { startOrthanc } from './orthanc.ts';
import { storeCtStudy } from './ct-study.ts';
import type { OrthancServer } from './orthanc.ts';
import { PROJECT_ROOT } from './reference.ts';

export const PUBLIC_URL = 'https://bonemet.test';
export const HOOK = '/cds-services/bone-metastasis-risk';
const ISS = 'https://ehr.test';

/**
 * The CDS service's world on loopback, for tests and benchmarks: a real FHIR server (Medplum) and a real
 * DICOMweb server (Orthanc) to hold synthetic patients, an EHR signing key trusted by the service, and the app.
 */
export interface CdsStack {
  readonly orthanc: OrthancServer;
  readonly fhir: FhirTestServer;
  /** A fresh client JWT (new jti) for `aud` (default: the hook's URL). */
  jwt(aud?: string): Promise<string>;
  /** Stores a synthetic patient's chest CT (and her T6 marrow as a SEG) in Orthanc and her bundle in FHIR; her FHIR id. */
  store(
    p: CohortPatient,
    seg: boolean,
    phantom?: ChestPhantom,
    header?: { contrastBolusAgent?: string },
  ): Promise<string>;
  /** A patient-view body for the FHIR server, with the EHR's token. */
  hookBody(patientId: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** The service's environment: the EHR's key trusted, the two servers allow-listed, a 30 s hook budget. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** The app, allow-listing the two servers, with its own analysis runner unless one is given. */
  makeApp(options?: { env?: Record<string, string>; runner?: AnalysisRunner }): ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

export const phantomOf = (p: CohortPatient): ChestPhantom =>
  makeChestPhantom({ seed: p.phantomSeed, marrowFactor: p.marrowFactor });

export async function startCdsStack(options: FhirServerOptions = {}): Promise<CdsStack> {
  const [orthanc, fhir] = await Promise.all([startOrthanc(), startFhirServer(options)]);
  const pair = await generateKeyPair('ES384', { extractable: true });
  const key: CryptoKey = pair.privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'ehr-1', alg: 'ES384' };
  const params = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    BONEMET_PUBLIC_URL: PUBLIC_URL,
    BONEMET_CDS_CLIENTS: JSON.stringify([{ iss: ISS, jwks: { keys: [publicJwk] } }]),
    BONEMET_FHIR_ALLOWLIST: new URL(fhir.baseUrl).origin,
    BONEMET_DICOMWEB_ALLOWLIST: new URL(orthanc.dicomWebUrl).origin,
    BONEMET_HOOK_BUDGET_MS: '30000',
    ...extra,
  });
  return {
    orthanc,
    fhir,
    jwt(aud = `${PUBLIC_URL}${HOOK}`) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'ehr-1' })
        .setIssuer(ISS)
        .setAudience(aud)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(key);
    },
    async store(p, seg, phantom = phantomOf(p), header = {}) {
      const stored = await storeCtStudy(orthanc, phantom, `app-${p.id}`, { seg, header });
      const ids = await fhir.transaction(makeFhirBundle(p, { ...stored, wadoRsBase: orthanc.dicomWebUrl }));
      return ids[0];
    },
    hookBody: (patientId, extra = {}) => ({
      hook: 'patient-view',
      hookInstance: crypto.randomUUID(),
      fhirServer: fhir.baseUrl,
      fhirAuthorization: {
        access_token: 'ehr-token',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.read',
        subject: 'bonemet',
      },
      context: { userId: 'Practitioner/1', patientId },
      ...extra,
    }),
    env,
    makeApp: ({ env: extra = {}, runner = new InProcessRunner() } = {}) =>
      createApp({
        config: loadConfig(env(extra)),
        params,
        runner,
        logger: pino({ level: 'silent' }),
        rateLimitPerMinute: 1_000_000,
      }),
    stop: async () => {
      await Promise.all([orthanc.stop(), fhir.stop()]);
    },
  };
}
