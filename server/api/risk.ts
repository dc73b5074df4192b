/**
 * `GET /api/risk?patient=<id>&fhirServer=<FHIR base>` for the SMART app: the app's own bearer token proves its
 * access by reading the Patient from the (allow-listed) FHIR server; then the same inputs, CT and analysis as the
 * hook, waited for a little longer, as one JSON view: the inputs with their provenance, the CT, the ROI and its
 * QC, the Rad-score, the nomogram's points and risk, the model and what trained it, and the RiskAssessment. An
 * analysis still running answers 202 with `status: "pending"` (the app asks again).
 */
import {
  buildRiskAssessment,
  clinicalTermsOf,
  errorCategory,
  FHIR_ID,
  missingClinicalInputs,
  patientInputs,
  scoreClinicalInputs,
} from '../../src/index.ts';
import type { AnalysisResult, RiskView, RoiReviewView } from '../../src/index.ts';
import { withinBudget } from '../analysis/analysis-runner.ts';
import {
  dicomWebBaseOf,
  readPatientFromServer,
  Refusal,
  startAnalysis,
} from '../analysis/patient-analysis.ts';
import type { AnalysisDeps } from '../analysis/patient-analysis.ts';

/**
 * The spine picture and bodies of `result` for the app's level review, with whether a person may correct the
 * level here: not for a contrast-enhanced scan the ROI refused (the level is not what stops it).
 */
export function reviewViewOf(result: AnalysisResult): RoiReviewView | undefined {
  const s = result.spineReview;
  if (s === undefined) return undefined;
  const rest: Omit<typeof s, 'png'> & { png?: Uint8Array } = { ...s };
  delete rest.png;
  const blocking =
    result.status === 'failed'
      ? result.findings.find((f) => f.severity === 'error' && f.code === 'contrast-enhanced')
      : undefined;
  return {
    ...rest,
    pictureUrl: `/api/roi-review/${result.id}.png`,
    correctable: blocking === undefined,
    ...(blocking === undefined
      ? {}
      : { reason: `${blocking.message}; choosing another level does not change that` }),
  };
}

/** Builds the view; throws {@link Refusal} for a bad request, an unreadable FHIR server (401) or an unknown patient. */
export async function getRiskView(
  query: Readonly<Record<string, unknown>>,
  authorization: string | undefined,
  deps: AnalysisDeps & { readonly waitMs: number; readonly now?: () => Date },
): Promise<{ status: 200 | 202; body: RiskView }> {
  const patientId = typeof query.patient === 'string' ? query.patient : '';
  const fhirServer = typeof query.fhirServer === 'string' ? query.fhirServer : '';
  if (!FHIR_ID.test(patientId)) throw new Refusal(400, 'patient must be a FHIR id');
  const token = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new Refusal(401, 'a SMART bearer token is required');
  const data = await readPatientFromServer(fhirServer, patientId, token, deps, 401);
  const now = (deps.now ?? (() => new Date()))();
  const { inputs, ct } = patientInputs(data, now.toISOString().slice(0, 10));
  const m = deps.config.model;
  const needed = clinicalTermsOf(m);
  const base: Omit<RiskView, 'status' | 'reasons'> = {
    patientId,
    model: {
      id: m.id,
      version: m.version,
      synthetic: m.trainingData.synthetic,
      intendedUse: m.intendedUse,
      disclaimer: m.disclaimer,
      trainingData: m.trainingData.description,
    },
    inputs,
    missingInputs: missingClinicalInputs(inputs, needed),
    ct:
      'refs' in ct
        ? { studyInstanceUid: ct.refs.studyInstanceUid, started: ct.started, reference: ct.reference }
        : null,
  };
  if (!('refs' in ct)) return { status: 200, body: { ...base, status: 'unavailable', reasons: [ct.reason] } };
  const dicomWeb = dicomWebBaseOf(ct, deps.config);
  if (dicomWeb === undefined) {
    return {
      status: 200,
      body: {
        ...base,
        status: 'unavailable',
        reasons: ['the CT study names no DICOMweb endpoint and none is configured'],
      },
    };
  }
  let result: AnalysisResult | undefined;
  try {
    result = await withinBudget(startAnalysis(ct, dicomWeb, deps), deps.waitMs);
  } catch (e) {
    if (errorCategory(e) === 'internal') throw e;
    return {
      status: 200,
      body: {
        ...base,
        status: 'unavailable',
        reasons: ['the CT could not be retrieved from the imaging server; try again later'],
      },
    };
  }
  if (result === undefined)
    return { status: 202, body: { ...base, status: 'pending', reasons: ['the CT analysis is in progress'] } };
  const preview =
    result.status === 'complete' && result.preview !== undefined
      ? { roiPreviewUrl: `/api/roi-preview/${result.id}.png` }
      : {};
  const review = reviewViewOf(result);
  const analysis = {
    id: result.id,
    ...(review === undefined ? {} : { review }),
    roi: result.status === 'complete' ? result.roi : (result.roiQc ?? null),
    // The analysis runs without clinical inputs (the risk is scored here, from the record): not a finding.
    findings: result.findings.filter((f) => f.code !== 'no-clinical-inputs'),
    timingsMs: result.timingsMs,
    ...(result.status === 'failed' ? { stage: result.stage } : {}),
  };
  if (result.status === 'failed' || result.radScore === undefined) {
    const reasons = result.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    return { status: 200, body: { ...base, status: 'unavailable', analysis, reasons } };
  }
  if (base.missingInputs.length > 0) {
    return {
      status: 200,
      body: {
        ...base,
        status: 'unavailable',
        analysis,
        ...preview,
        radScore: result.radScore,
        reasons: base.missingInputs.map((x) => `${x.variable}: ${x.reason}`),
      },
    };
  }
  const risk = scoreClinicalInputs(m, result.radScore, inputs);
  const riskAssessment = buildRiskAssessment({
    patientId,
    probability: risk.probability,
    category: risk.category,
    model: { id: m.id, version: m.version, synthetic: m.trainingData.synthetic },
    inputs,
    imagingStudy: ct.reference,
    occurrence: now.toISOString(),
  });
  return {
    status: 200,
    body: {
      ...base,
      status: 'complete',
      analysis,
      ...preview,
      radScore: result.radScore,
      risk,
      riskAssessment,
      reasons: [],
    },
  };
}
