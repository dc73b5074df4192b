/**
 * `POST /api/precompute` `{ "fhirServer": <FHIR base>, "patients": [<id>, ...] }` with a bearer token: analyses
 * the patients' chest CTs ahead of their visits (a clinic list the night before, say), so that the hook answers
 * from the cache. The token proves itself as the app's does, by reading each Patient from the allow-listed FHIR
 * server. Answers 202 at once with what happens to each patient; the analyses go on (queued with Redis).
 */
import { errorCategory, FHIR_ID, patientInputs } from '../../src/index.ts';
import type { Logger } from 'pino';
import {
  dicomWebBaseOf,
  readPatientFromServer,
  Refusal,
  startAnalysis,
} from '../analysis/patient-analysis.ts';
import type { AnalysisDeps } from '../analysis/patient-analysis.ts';

/** At most this many patients a request. */
export const PRECOMPUTE_MAX_PATIENTS = 100;

export type PrecomputeStatus =
  'started' | 'no-ct-study' | 'no-dicomweb-endpoint' | 'not-found' | 'unreadable' | 'refused';

export interface PrecomputeAnswer {
  readonly patients: readonly { readonly patient: string; readonly status: PrecomputeStatus }[];
}

export async function precompute(
  body: unknown,
  authorization: string | undefined,
  deps: AnalysisDeps & { readonly logger: Logger },
): Promise<PrecomputeAnswer> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fhirServer = typeof b.fhirServer === 'string' ? b.fhirServer : '';
  const ids = Array.isArray(b.patients) ? b.patients : [];
  if (ids.length === 0 || ids.length > PRECOMPUTE_MAX_PATIENTS)
    throw new Refusal(400, `patients must list 1 to ${PRECOMPUTE_MAX_PATIENTS} FHIR ids`);
  if (!ids.every((id): id is string => typeof id === 'string' && FHIR_ID.test(id)))
    throw new Refusal(400, 'patients must be FHIR ids');
  const token = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new Refusal(401, 'a bearer token is required');
  const today = new Date().toISOString().slice(0, 10);
  const patients: { patient: string; status: PrecomputeStatus }[] = [];
  for (const patient of [...new Set(ids)]) {
    let status: PrecomputeStatus;
    try {
      const data = await readPatientFromServer(fhirServer, patient, token, deps, 401);
      const { ct } = patientInputs(data, today);
      if (!('refs' in ct)) status = 'no-ct-study';
      else {
        const base = dicomWebBaseOf(ct, deps.config);
        if (base === undefined) status = 'no-dicomweb-endpoint';
        else {
          status = 'started';
          startAnalysis(ct, base, deps).catch((e: unknown) =>
            deps.logger.warn({ category: errorCategory(e) }, 'precomputed analysis failed'),
          );
        }
      }
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      // A server off the allow-list or a token the server refuses fails the whole request, as for one patient.
      if (e.status === 400 || (e.status === 401 && patients.length === 0)) throw e;
      status = e.status === 404 ? 'not-found' : e.status === 401 ? 'unreadable' : 'refused';
    }
    patients.push({ patient, status });
  }
  return { patients };
}
