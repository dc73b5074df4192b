/**
 * The bone-metastasis risk cards (pure; no express): the risk card of a complete analysis, and the cards that
 * say why there is no risk yet (inputs missing, CT analysis in progress, the CT could not be analysed). Every
 * card names the model and, for a model trained on synthetic data, says so first.
 */
import { CLINICAL_VARIABLES, buildPetCtServiceRequest } from '../../src/index.ts';
import type {
  AnalysisComplete,
  AnalysisFailed,
  ArtifactScore,
  ClinicalInputs,
  RoiSource,
  ClinicalVariable,
  ModelArtifact,
} from '../../src/index.ts';
import type { CdsCard, CdsCoding, CdsLink } from './types.ts';

/** SNOMED CT 94222008 Secondary malignant neoplasm of bone (disorder): the card's topic. */
const TOPIC: CdsCoding = {
  system: 'http://snomed.info/sct',
  code: '94222008',
  display: 'Secondary malignant neoplasm of bone',
};
const OVERRIDE_SYSTEM = 'urn:bonemet:override-reason';
const OVERRIDE_REASONS: readonly CdsCoding[] = [
  { system: OVERRIDE_SYSTEM, code: 'recent-pet-ct', display: 'A recent PET-CT is already available' },
  { system: OVERRIDE_SYSTEM, code: 'known-bone-metastasis', display: 'Bone metastasis already known' },
  { system: OVERRIDE_SYSTEM, code: 'patient-declined', display: 'Patient declined further imaging' },
  { system: OVERRIDE_SYSTEM, code: 'not-relevant', display: 'Not clinically relevant for this patient' },
];
const SYNTHETIC = 'Demonstration model, synthetic data, not for clinical use.';

/** What every card needs besides the analysis. */
export interface CardContext {
  readonly patientId: string;
  readonly model: ModelArtifact;
  /** The SMART app's launch URL and the model card's URL (absolute). */
  readonly appLaunchUrl: string;
  readonly modelCardUrl: string;
  readonly newUuid: () => string;
}

const source = (ctx: CardContext): CdsCard['source'] => ({
  label: 'BoneMet Risk',
  url: ctx.modelCardUrl,
  topic: TOPIC,
});

function appLink(ctx: CardContext, resultId?: string): CdsLink {
  return {
    label: 'Open BoneMet Risk (nomogram, inputs, ROI)',
    url: ctx.appLaunchUrl,
    type: 'smart',
    ...(resultId === undefined ? {} : { appContext: JSON.stringify({ resultId }) }),
  };
}

const modelLine = (m: ModelArtifact): string =>
  `${m.trainingData.synthetic ? `**${SYNTHETIC}** ` : ''}Model ${m.id} ${m.version}, trained on ${m.trainingData.description} (n = ${m.trainingData.n}).`;

/** The highest category of the model's thresholds: the one that calls for a follow-up PET-CT. */
export function callsForFollowUp(model: ModelArtifact, category: string): boolean {
  const categories = model.thresholds.categories;
  return categories.length > 1 && categories[categories.length - 1].label === category;
}

/** A level code as a person reads it: `ge20` is ">= 20 %", `lt14` "< 14 %"; other values as they are. */
export function readableLevel(value: string | number): string {
  const m = /^(ge|lt)(\d+)$/.exec(String(value));
  if (m === null) return String(value);
  return `${m[1] === 'ge' ? '>=' : '<'} ${m[2]} %`;
}

/** A probability for a summary: whole percent, never "0 %" or "100 %" for what is only very low or very high. */
export function percentText(p: number): string {
  if (p >= 0.995) return '> 99 %';
  if (p < 0.005) return '< 1 %';
  return `${(p * 100).toFixed(0)} %`;
}

function inputsTable(inputs: ClinicalInputs): string {
  const rows = (Object.keys(CLINICAL_VARIABLES) as ClinicalVariable[]).map((v) => {
    const value = inputs[v];
    const shown =
      value.value === null
        ? `not available (${value.missingReason ?? 'not recorded'})`
        : readableLevel(value.value);
    const from = value.provenance?.reference ?? '';
    return `| ${CLINICAL_VARIABLES[v].label} | ${shown} | ${from} |`;
  });
  return ['| input | value | from |', '|---|---|---|', ...rows].join('\n');
}

/** The risk card of a complete analysis with its nomogram risk. */
export function buildRiskCard(
  result: AnalysisComplete & { readonly risk: ArtifactScore; readonly radScore: number },
  inputs: ClinicalInputs,
  ctx: CardContext,
): CdsCard {
  const pct = percentText(result.risk.probability);
  const followUp = callsForFollowUp(ctx.model, result.risk.category);
  const demo = ctx.model.trainingData.synthetic ? 'Demo (synthetic) model: ' : '';
  const summary = `${demo}5-year bone-metastasis risk ${pct} (${result.risk.category})${followUp ? '; consider follow-up PET-CT' : ''}`;
  const roi = roiSourceText(result.roi);
  const warnings = result.findings.filter((f) => f.severity !== 'info').map((f) => `- ${f.message}`);
  const detail = [
    modelLine(ctx.model),
    `Rad-score ${result.radScore.toFixed(2)}, nomogram ${result.risk.totalPoints.toFixed(0)} points. ${roi}`,
    inputsTable(inputs),
    ...(warnings.length > 0 ? ['Notes:', ...warnings] : []),
  ].join('\n\n');
  return {
    uuid: ctx.newUuid(),
    summary,
    detail,
    indicator: followUp ? 'warning' : 'info',
    source: source(ctx),
    ...(followUp
      ? {
          suggestions: [
            {
              label: 'Propose a follow-up PET-CT (draft order)',
              uuid: ctx.newUuid(),
              isRecommended: true,
              actions: [
                {
                  type: 'create' as const,
                  description: 'Create a draft ServiceRequest for a PET-CT',
                  resource: buildPetCtServiceRequest({
                    patientId: ctx.patientId,
                    probability: result.risk.probability,
                    model: {
                      id: ctx.model.id,
                      version: ctx.model.version,
                      synthetic: ctx.model.trainingData.synthetic,
                    },
                  }),
                },
              ],
            },
          ],
          selectionBehavior: 'at-most-one' as const,
          overrideReasons: OVERRIDE_REASONS,
        }
      : {}),
    links: [appLink(ctx, result.id)],
  };
}

/** The info card naming the clinical inputs the nomogram needs and the record lacks. */
export function buildMissingInputsCard(
  missing: readonly { readonly variable: ClinicalVariable; readonly reason: string }[],
  ctx: CardContext,
): CdsCard {
  const names = missing.map((m) => CLINICAL_VARIABLES[m.variable].label).join(', ');
  return {
    uuid: ctx.newUuid(),
    summary: `Bone-metastasis risk not computed: ${names} missing`.slice(0, 139),
    detail: [
      modelLine(ctx.model),
      ...missing.map((m) => `- ${CLINICAL_VARIABLES[m.variable].label}: ${m.reason}`),
    ].join('\n\n'),
    indicator: 'info',
    source: source(ctx),
    links: [appLink(ctx)],
  };
}

/** The card for an analysis still running when the hook's time budget ran out. */
export function buildInProgressCard(ctx: CardContext, resultId?: string): CdsCard {
  return {
    uuid: ctx.newUuid(),
    summary: 'Bone-metastasis risk: CT analysis in progress; open the app for the result',
    detail: `${modelLine(ctx.model)}\n\nThe chest CT is being analysed; the app shows the result when it is ready.`,
    indicator: 'info',
    source: source(ctx),
    links: [appLink(ctx, resultId)],
  };
}

/** Why there is no risk, in a few words for the summary (the detail lists the findings). */
function failureSummary(result: AnalysisFailed): string {
  const codes = new Set(result.findings.map((f) => f.code));
  if (codes.has('no-ct-study')) return 'no chest CT on record';
  if (codes.has('no-dicomweb-endpoint')) return "the chest CT's imaging server is not known";
  if (result.category === 'upstream-failure')
    return 'the imaging server could not be reached; try again later';
  if (result.stage === 'roi') return 'the T6 marrow could not be located automatically; review it in the app';
  if (result.stage === 'series') return 'the chest CT could not be read';
  return `the chest CT could not be analysed (${result.stage})`;
}

/** Where the ROI came from, in a sentence: automatic (with its level confidence), or a person's. */
export function roiSourceText(roi: RoiSource): string {
  if (roi.kind === 'automatic')
    return `ROI: automatic ${roi.level} vertebral marrow (QC passed; level confidence ${Math.round(roi.levelConfidence * 100)} %).`;
  const r = roi.review;
  if (r === undefined) return `ROI: the study's segmentation (series ${roi.seriesInstanceUid}).`;
  const when = r.time.slice(0, 10);
  return r.action === 'confirmed'
    ? `ROI: ${r.level} vertebral marrow, level confirmed by ${r.reviewer} on ${when}.`
    : `ROI: ${r.level} vertebral marrow, corrected by ${r.reviewer} on ${when} (the vertebra counted as ${r.fromLevel ?? '?'} is ${r.level}).`;
}

/** The card for a CT that could not be analysed (no CT, ROI QC failed...), with the findings. */
export function buildAnalysisFailedCard(result: AnalysisFailed, ctx: CardContext): CdsCard {
  const errors = result.findings.filter((f) => f.severity === 'error');
  return {
    uuid: ctx.newUuid(),
    summary: `Bone-metastasis risk not computed: ${failureSummary(result)}`,
    detail: [modelLine(ctx.model), ...errors.map((f) => `- ${f.message} (${f.code})`)].join('\n\n'),
    indicator: 'info',
    source: source(ctx),
    links: [appLink(ctx, result.id)],
  };
}
