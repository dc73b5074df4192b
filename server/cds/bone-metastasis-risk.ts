/**
 * The `bone-metastasis-risk` CDS service on patient-view: its discovery entry and its handler. The handler
 * reads the patient's inputs (prefetch, else the FHIR server with the EHR's token), finds the chest CT, runs
 * (or joins, or looks up) the analysis within the hook's time budget and answers one card. A patient's missing
 * or unusable data gives an informative card, never an error; a FHIR server that cannot be read gives 412.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  clinicalTermsOf,
  errorCategory,
  FHIR_ID,
  missingClinicalInputs,
  patientDataFromPrefetch,
  patientInputs,
  PREFETCH_TEMPLATES,
  scoreClinicalInputs,
} from '../../src/index.ts';
import type { AnalysisFailed, AnalysisResult, ClinicalInputs, PatientData } from '../../src/index.ts';
import { withinBudget } from '../analysis/analysis-runner.ts';
import {
  dicomWebBaseOf,
  readPatientFromServer,
  Refusal,
  startAnalysis,
} from '../analysis/patient-analysis.ts';
import type { AnalysisDeps } from '../analysis/patient-analysis.ts';
import {
  buildAnalysisFailedCard,
  buildInProgressCard,
  buildMissingInputsCard,
  buildRiskCard,
} from './risk-card.ts';
import type { CardContext } from './risk-card.ts';
import type { CdsCard, CdsResponse } from './types.ts';

export const SERVICE_ID = 'bone-metastasis-risk';

/** The discovery entry (CDS Hooks 2.0). */
export const DEFINITION = {
  hook: 'patient-view',
  id: SERVICE_ID,
  title: 'BoneMet Risk: 5-year bone-metastasis risk',
  description:
    'Estimates the 5-year risk of bone metastasis of a breast-cancer patient from the marrow of the 6th thoracic vertebra on her chest CT and her receptor results, and suggests a follow-up PET-CT when the risk is high.',
  prefetch: PREFETCH_TEMPLATES,
  usageRequirements:
    'Needs read access to Patient, Observation, Condition, ImagingStudy and Endpoint, and the chest CT on an allow-listed DICOMweb server.',
} as const;

/** The patient-view request body (CDS Hooks 2.0), checked at the door. */
export const hookRequestSchema = z.object({
  hook: z.literal('patient-view'),
  hookInstance: z.string().min(1).max(100),
  fhirServer: z.url({ protocol: /^https?$/ }).optional(),
  fhirAuthorization: z
    .object({
      access_token: z.string().min(1).max(8192),
      token_type: z.string(),
      expires_in: z.number().optional(),
      scope: z.string().optional(),
      subject: z.string().optional(),
    })
    .optional(),
  context: z.object({
    userId: z.string().optional(),
    patientId: z.string().regex(FHIR_ID),
    encounterId: z.string().optional(),
  }),
  prefetch: z.record(z.string(), z.unknown()).optional(),
});
export type HookRequest = z.infer<typeof hookRequestSchema>;

/** What the handler needs from the app. */
export interface HookDeps extends AnalysisDeps {
  readonly today?: () => string;
  readonly newUuid?: () => string;
}

function cardContext(deps: HookDeps, patientId: string): CardContext {
  const base = deps.config.publicUrl;
  return {
    patientId,
    model: deps.config.model,
    appLaunchUrl: `${base}/app/launch.html`,
    modelCardUrl: `${base}/models/${encodeURIComponent(deps.config.model.id)}`,
    newUuid: deps.newUuid ?? randomUUID,
  };
}

/**
 * A FHIR server silent this long on one request of a hook is unreadable (412): the EHR is waiting. Generous
 * enough for a busy EHR (and for this process's own event loop while an analysis runs in it).
 */
const HOOK_FHIR_TIMEOUT_MS = 8000;

async function readPatient(req: HookRequest, deps: HookDeps): Promise<PatientData> {
  const fromPrefetch = patientDataFromPrefetch(req.prefetch, req.context.patientId);
  if (fromPrefetch !== undefined) return fromPrefetch;
  if (req.fhirServer === undefined)
    throw new Refusal(412, 'no prefetch and no fhirServer to read the patient from');
  try {
    return await readPatientFromServer(
      req.fhirServer,
      req.context.patientId,
      req.fhirAuthorization?.access_token,
      deps,
      412,
      HOOK_FHIR_TIMEOUT_MS,
    );
  } catch (e) {
    // A patient the server does not know has no data: an informative card, as for any missing data.
    if (e instanceof Refusal && e.status === 404) {
      return { patient: undefined, observations: [], conditions: [], imaging: [] };
    }
    throw e;
  }
}

/** The card for a CT that could not be analysed before any analysis ran (no study, no endpoint, unreachable). */
function notAnalysedCard(
  ctx: CardContext,
  studyInstanceUid: string,
  code: string,
  message: string,
  category: AnalysisFailed['category'] = 'patient-data-missing',
): CdsCard {
  return buildAnalysisFailedCard(
    {
      status: 'failed',
      id: '',
      studyInstanceUid,
      acquisition: null,
      findings: [{ code, severity: 'error', message }],
      timingsMs: {},
      stage: 'series',
      category,
    },
    ctx,
  );
}

function riskCard(result: AnalysisResult, inputs: ClinicalInputs, ctx: CardContext, deps: HookDeps): CdsCard {
  if (result.status === 'failed') return buildAnalysisFailedCard(result, ctx);
  if (result.radScore === undefined)
    return buildAnalysisFailedCard(
      { ...result, status: 'failed', stage: 'score', category: 'internal' },
      ctx,
    );
  const risk = scoreClinicalInputs(deps.config.model, result.radScore, inputs);
  return buildRiskCard({ ...result, radScore: result.radScore, risk }, inputs, ctx);
}

/** Answers one patient-view call. Throws {@link Refusal} for 400/412; never for a patient's data. */
export async function handlePatientView(body: unknown, deps: HookDeps): Promise<CdsResponse> {
  const parsed = hookRequestSchema.safeParse(body);
  if (!parsed.success)
    throw new Refusal(
      400,
      `not a patient-view request: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ').slice(0, 300)}`,
    );
  const req = parsed.data;
  const ctx = cardContext(deps, req.context.patientId);
  const data = await readPatient(req, deps);
  const today = (deps.today ?? (() => new Date().toISOString().slice(0, 10)))();
  const { inputs, ct } = patientInputs(data, today);

  const needed = clinicalTermsOf(deps.config.model);
  const missing = missingClinicalInputs(inputs, needed);
  if (missing.length > 0)
    return { cards: deps.config.missingInputs === 'card' ? [buildMissingInputsCard(missing, ctx)] : [] };
  if (!('refs' in ct)) return { cards: [notAnalysedCard(ctx, '', 'no-ct-study', ct.reason)] };
  const base = dicomWebBaseOf(ct, deps.config);
  if (base === undefined) {
    const why = 'the CT study names no DICOMweb endpoint and none is configured';
    return { cards: [notAnalysedCard(ctx, ct.refs.studyInstanceUid, 'no-dicomweb-endpoint', why)] };
  }
  const job = startAnalysis(ct, base, deps);
  let result: AnalysisResult | undefined;
  try {
    result = await withinBudget(job, deps.config.hookBudgetMs);
  } catch (e) {
    const category = errorCategory(e);
    if (category === 'internal') throw e;
    const message =
      category === 'upstream-failure'
        ? 'the CT could not be retrieved from the imaging server; try again later'
        : 'the CT could not be read';
    return { cards: [notAnalysedCard(ctx, ct.refs.studyInstanceUid, category, message, category)] };
  }
  if (result === undefined) return { cards: [buildInProgressCard(ctx)] };
  return { cards: [riskCard(result, inputs, ctx, deps)] };
}
