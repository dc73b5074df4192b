/**
 * The steps the hook and the app's API share: read a patient from an allow-listed FHIR server with the
 * caller's token, and start (or join, or look up) the analysis of her chest CT on an allow-listed DICOMweb
 * server. Refusals are {@link Refusal}s with the HTTP status the route answers.
 */
import {
  analyseStudy,
  createDicomWebSource,
  createFhirSource,
  dicomWebImagingSource,
  errorCategory,
  fetchPatientData,
  isAllowedOrigin,
} from '../../src/index.ts';
import type {
  AnalysisResult,
  ChosenCtStudy,
  ImagingSource,
  PatientData,
  RadiomicsParams,
} from '../../src/index.ts';
import type { ServiceConfig } from '../config.ts';
import type { AnalysisJob, AnalysisRunner, ExecuteAnalysis } from './analysis-runner.ts';

/** An answer that is not a result: the HTTP status and a short reason (no detail of the patient). */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 422 | 502,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** What the shared steps need from the app. */
export interface AnalysisDeps {
  readonly config: ServiceConfig;
  readonly params: RadiomicsParams;
  readonly runner: AnalysisRunner;
  /** The DICOMweb reader of a base URL (allow-list checked before); tests may wrap it. */
  readonly imagingSource?: (baseUrl: string) => ImagingSource;
  /** Runs the analyses (default: analysisExecutor in this thread). */
  readonly execute?: ExecuteAnalysis;
}

/**
 * The patient's data from `fhirServer` with `token`. A server off the allow-list is a 400 before any request;
 * a server that cannot be read (refused token, down, erring, or silent past `timeoutMs` a request) is
 * `unreadable` (the hook answers 412, the API 401 for a refused token).
 */
export async function readPatientFromServer(
  fhirServer: string,
  patientId: string,
  token: string | undefined,
  deps: AnalysisDeps,
  unreadable: 401 | 412,
  timeoutMs = 10_000,
): Promise<PatientData> {
  if (!isAllowedOrigin(fhirServer, deps.config.fhirAllowList))
    throw new Refusal(400, 'the FHIR server is not on the service allow-list');
  const source = createFhirSource({
    baseUrl: fhirServer,
    allowedOrigins: deps.config.fhirAllowList,
    timeoutMs,
    ...(token === undefined ? {} : { token }),
  });
  let data: PatientData;
  try {
    data = await fetchPatientData(source, patientId);
  } catch (e) {
    if (errorCategory(e) === 'bad-request')
      throw new Refusal(400, 'a FHIR address of this patient is not allowed');
    throw new Refusal(unreadable, 'the FHIR server could not be read with the authorization given');
  }
  if (data.patient === undefined) throw new Refusal(404, 'no such patient on the FHIR server');
  return data;
}

/** The DICOMweb base of the study (its Endpoint, else the configured default), or undefined when there is none. */
export function dicomWebBaseOf(ct: ChosenCtStudy, config: ServiceConfig): string | undefined {
  const base = ct.dicomWebBase ?? config.dicomWebDefault;
  if (base !== undefined && !isAllowedOrigin(base, config.dicomWebAllowList)) {
    throw new Refusal(400, "the CT study's DICOMweb server is not on the service allow-list");
  }
  return base;
}

/**
 * Runs analysis jobs with the service's parameters and model. The DICOMweb reader checks the job's base against
 * the allow-list again (a typed bad-request error off it), since a job may come from a shared queue.
 */
export function analysisExecutor(deps: Omit<AnalysisDeps, 'runner'>): ExecuteAnalysis {
  const imagingSource =
    deps.imagingSource ??
    ((b: string) =>
      dicomWebImagingSource(
        createDicomWebSource({ baseUrl: b, allowedOrigins: deps.config.dicomWebAllowList }),
      ));
  return (job: AnalysisJob) =>
    analyseStudy(imagingSource(job.base), job.refs, {
      params: deps.params,
      model: deps.config.model,
      roi: 'prefer-segmentation',
    });
}

/** The analysis job of the study on `base`: kept by server, study, series and model. */
export function analysisJobOf(
  ct: ChosenCtStudy,
  base: string,
  deps: Pick<AnalysisDeps, 'config'>,
): AnalysisJob {
  const m = deps.config.model;
  const key = [
    base,
    ct.refs.studyInstanceUid,
    ct.refs.ctSeriesInstanceUid ?? '',
    ct.refs.segSeriesInstanceUid ?? 'auto',
    `${m.id}@${m.version}`,
  ].join('|');
  return { key, base, refs: ct.refs };
}

/** The analysis of the study on `base`, single-flight and kept by the runner (see {@link analysisJobOf}). */
export function startAnalysis(ct: ChosenCtStudy, base: string, deps: AnalysisDeps): Promise<AnalysisResult> {
  return deps.runner.run(analysisJobOf(ct, base, deps), deps.execute ?? analysisExecutor(deps));
}
