/**
 * The analysis as one call: a patient's chest CT study -> the CT series -> its volume -> the ROI (a
 * segmentation of the study takes precedence over the automatic T6 marrow ROI, the study's own method) ->
 * quality control -> 1197 PyRadiomics-compatible features -> Rad-score -> nomogram risk. The CLI's `extract`
 * and the CDS service call this same function. Pure apart from the {@link ImagingSource} it is given.
 *
 * A patient's data that cannot be analysed (no CT, no usable segmentation, a failed ROI QC, a series that does
 * not decode) is a failure value with findings, never an exception; bad requests, upstream failures and
 * defects are thrown (their category is in src/errors.ts).
 */
import { createHash } from 'node:crypto';
import { errorCategory, isBoneMetError } from '../errors.ts';
import type { ClinicalInputs } from '../clinical/inputs.ts';
import { radScores, scoreClinicalInputs } from '../model/artifact-score.ts';
import type { ModelArtifact } from '../model/artifact.ts';
import { canonicalJson } from '../radiomics/diagnostics.ts';
import { extractFeatures } from '../radiomics/extractor.ts';
import type { ExtractProgress } from '../radiomics/extractor.ts';
import type { RadiomicsParams } from '../radiomics/params.ts';
import type { FeatureVector } from '../radiomics/types.ts';
import { findMarrowRoi } from '../roi/marrow-roi.ts';
import type { MarrowRoiResult } from '../roi/types.ts';
import type { Mask } from '../volume/types.ts';
import type { ImagingSource, LoadedCt, SegmentationRef, SeriesRef, StudyRefs } from './imaging-source.ts';
import { indexToLps } from '../volume/grid.ts';
import { spineReviewOf } from './roi-review.ts';
import { roiPreview } from './roi-preview.ts';
import type {
  AnalysisFailed,
  AnalysisResult,
  AnalysisStage,
  Finding,
  RoiSource,
  SpineReview,
} from './result.ts';

/** Options of {@link analyseStudy}. */
export interface AnalysisOptions {
  readonly params: RadiomicsParams;
  /**
   * `prefer-segmentation` (default, the service): the study's segmentation when it has one, else the automatic
   * ROI; `segmentation`: a segmentation is required; `automatic`: always the automatic ROI.
   */
  readonly roi?: 'prefer-segmentation' | 'segmentation' | 'automatic';
  /** Vertebra of the automatic ROI (default T6; the study's fallback T7 then T5 applies). */
  readonly level?: string;
  /** Contrast-enhanced scans: `reject` (default) fails the automatic ROI's QC; `allow` keeps it with a warning. */
  readonly contrast?: 'reject' | 'allow';
  /** With a model: the Rad-score; with its clinical inputs too: the nomogram risk. */
  readonly model?: ModelArtifact;
  readonly clinical?: ClinicalInputs;
  readonly signal?: AbortSignal;
  readonly onProgress?: (stage: AnalysisStage, detail: string) => void;
  /** Clock for the stage timings (ms); default `performance.now`. */
  readonly now?: () => number;
}

class StageFailure {
  constructor(
    readonly stage: AnalysisStage,
    readonly findings: readonly Finding[],
    readonly roiQc?: MarrowRoiResult['qc'],
    readonly spineReview?: SpineReview,
  ) {}
}

/** LPS z (mm) of the centre of a mask's voxels along the slice axis; NaN for an empty mask. */
function maskCentreZ(mask: Mask): number {
  const [nx, ny, nz] = mask.grid.size;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < nz; k++) {
    let c = 0;
    const base = k * nx * ny;
    for (let i = 0; i < nx * ny; i++) if (mask.data[base + i] !== 0) c++;
    sum += c * k;
    n += c;
  }
  return n === 0 ? NaN : indexToLps(mask.grid, [nx / 2, ny / 2, sum / n])[2];
}

/** The segmentation to use: the newest reviewed ROI, else the study's only segmentation, else none. */
function chooseSegmentation(
  studyInstanceUid: string,
  segs: readonly SegmentationRef[],
): SeriesRef | undefined {
  const reviewed = segs
    .filter((s) => s.reviewedAt !== undefined)
    .sort((a, b) => (a.reviewedAt ?? '').localeCompare(b.reviewedAt ?? ''));
  if (reviewed.length > 0) return reviewed[reviewed.length - 1];
  if (segs.length > 1) {
    throw new StageFailure('roi', [
      {
        code: 'several-segmentations',
        severity: 'error',
        message: `study ${studyInstanceUid} has ${segs.length} segmentation series (${segs.map((s) => s.seriesInstanceUid).join(', ')}); name the one to use`,
      },
    ]);
  }
  return segs[0];
}

/** The findings of an error a patient's data caused (its code and message), or undefined to rethrow it. */
function patientDataFindings(e: unknown): Finding[] | undefined {
  if (!isBoneMetError(e) || errorCategory(e) !== 'patient-data-missing') return undefined;
  return [{ code: e.code, severity: 'error', message: e.message }];
}

/** The automatic ROI's QC findings, as they come: errors when it failed, warnings and notes when it passed. */
function roiFindings(roi: MarrowRoiResult): Finding[] {
  return roi.qc.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message }));
}

/** Stable id of an analysis: SHA-256 over the CT series, the ROI source, the parameters and the model. */
export function analysisId(
  ct: SeriesRef,
  roi: string,
  params: RadiomicsParams,
  model?: ModelArtifact,
): string {
  const key = canonicalJson({
    study: ct.studyInstanceUid,
    series: ct.seriesInstanceUid,
    roi,
    params,
    model: model === undefined ? null : `${model.id}@${model.version}`,
  });
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

async function chooseRoi(
  source: ImagingSource,
  refs: StudyRefs,
  ct: LoadedCt,
  options: AnalysisOptions,
): Promise<{ roi: RoiSource; mask: Mask; findings: Finding[]; spineReview?: SpineReview }> {
  const mode = options.roi ?? 'prefer-segmentation';
  if (mode !== 'automatic') {
    let seg: SeriesRef | undefined;
    if (refs.segSeriesInstanceUid !== undefined) {
      seg = { studyInstanceUid: refs.studyInstanceUid, seriesInstanceUid: refs.segSeriesInstanceUid };
    } else {
      const segs = await source.findSegmentations(refs.studyInstanceUid, options.signal);
      seg = chooseSegmentation(refs.studyInstanceUid, segs);
    }
    if (seg !== undefined) {
      options.onProgress?.('roi', `reading segmentation ${seg.seriesInstanceUid}`);
      const loaded = await source.loadSegmentation(seg, ct.volume.grid, options.signal);
      const mask: Mask = { grid: loaded.grid, data: loaded.data };
      const review = loaded.review;
      if (review === undefined) {
        return {
          roi: { kind: 'segmentation', seriesInstanceUid: seg.seriesInstanceUid },
          mask,
          findings: [],
        };
      }
      // The spine as the reviewer named it, with the reviewed ROI drawn, for the next person to check.
      const named = findMarrowRoi(ct.volume, {
        contrast: 'allow',
        level: review.level,
        levelAt: { zMm: maskCentreZ(mask), level: review.level },
        ...(ct.acquisition === null ? {} : { acquisition: ct.acquisition }),
      });
      const spineReview = spineReviewOf(ct.volume, named, mask);
      return {
        roi: { kind: 'segmentation', seriesInstanceUid: seg.seriesInstanceUid, review },
        mask,
        findings: [],
        ...(spineReview === undefined ? {} : { spineReview }),
      };
    }
    if (mode === 'segmentation') {
      throw new StageFailure('roi', [
        {
          code: 'no-segmentation',
          severity: 'error',
          message: `study ${refs.studyInstanceUid} has no segmentation series; draw the ROI, or use the automatic ROI`,
        },
      ]);
    }
  }
  options.onProgress?.('roi', 'automatic vertebral marrow ROI');
  const roi = findMarrowRoi(ct.volume, {
    contrast: options.contrast ?? 'reject',
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(ct.acquisition === null ? {} : { acquisition: ct.acquisition }),
  });
  const spineReview = spineReviewOf(ct.volume, roi);
  if (roi.status === 'refused') throw new StageFailure('roi', roiFindings(roi), roi.qc, spineReview);
  return {
    ...(spineReview === undefined ? {} : { spineReview }),
    roi: {
      kind: 'automatic',
      level: roi.level,
      qc: roi.qc,
      levelConfidence: roi.levelConfidence,
      cues: roi.cues,
    },
    mask: roi.mask,
    findings: roiFindings(roi),
  };
}

function score(
  features: FeatureVector,
  model: ModelArtifact,
  clinical: ClinicalInputs | undefined,
): { radScore: number; risk?: ReturnType<typeof scoreClinicalInputs>; findings: Finding[] } {
  const absent = model.features.filter((f) => typeof features.get(f) !== 'number');
  if (absent.length > 0) {
    throw new StageFailure('score', [
      {
        code: 'features-missing-for-model',
        severity: 'error',
        message: `the model needs ${absent.length} feature(s) the parameters did not produce (${absent.slice(0, 3).join(', ')}${absent.length > 3 ? ', ...' : ''}); extract with the model's parameter file ${model.radiomics.params}`,
      },
    ]);
  }
  const radScore = radScores(
    model,
    model.features,
    model.features.map((f) => [features.get(f) as number]),
  )[0];
  if (clinical === undefined) {
    return {
      radScore,
      findings: [
        {
          code: 'no-clinical-inputs',
          severity: 'info',
          message: 'no clinical inputs given: Rad-score only, no nomogram risk',
        },
      ],
    };
  }
  try {
    return { radScore, risk: scoreClinicalInputs(model, radScore, clinical), findings: [] };
  } catch (e) {
    const findings = patientDataFindings(e);
    if (findings === undefined) throw e;
    return { radScore, findings: findings.map((f) => ({ ...f, severity: 'warning' })) };
  }
}

/**
 * Analyses one CT study of a patient; see the module comment. `refs` names the study and, optionally, the CT
 * and segmentation series to use.
 */
export async function analyseStudy(
  source: ImagingSource,
  refs: StudyRefs,
  options: AnalysisOptions,
): Promise<AnalysisResult> {
  const now = options.now ?? (() => performance.now());
  const timings: Partial<Record<AnalysisStage, number>> = {};
  let stage: AnalysisStage = 'series';
  let started = now();
  const enter = (next: AnalysisStage): void => {
    timings[stage] = now() - started;
    stage = next;
    started = now();
  };
  const findings: Finding[] = [];
  let ctRef: SeriesRef | undefined;
  let ct: LoadedCt | undefined;
  let roiKey = 'none';
  try {
    options.onProgress?.('series', 'choosing the CT series');
    ctRef =
      refs.ctSeriesInstanceUid === undefined
        ? await source.chooseCtSeries(refs.studyInstanceUid, options.signal)
        : { studyInstanceUid: refs.studyInstanceUid, seriesInstanceUid: refs.ctSeriesInstanceUid };
    options.onProgress?.('series', `reading CT series ${ctRef.seriesInstanceUid}`);
    ct = await source.loadCt(ctRef, options.signal);
    findings.push(
      ...ct.warnings.map((w): Finding => ({ code: w.code, severity: 'warning', message: w.message })),
    );

    enter('roi');
    const chosen = await chooseRoi(source, refs, ct, options);
    findings.push(...chosen.findings);
    roiKey =
      chosen.roi.kind === 'segmentation'
        ? `seg:${chosen.roi.seriesInstanceUid}`
        : `auto:${chosen.roi.level}:${options.contrast ?? 'reject'}`;

    enter('features');
    const features = extractFeatures(ct.volume, chosen.mask, options.params, {
      onProgress: (p: ExtractProgress) =>
        options.onProgress?.('features', `[${p.done}/${p.total}] ${p.label}`),
    });

    const preview = roiPreview(ct.volume, chosen.mask, 80, options.params.settings.label);
    const model = options.model;
    let scored: ReturnType<typeof score> | undefined;
    if (model !== undefined) {
      enter('score');
      scored = score(features, model, options.clinical);
      findings.push(...scored.findings);
    }
    timings[stage] = now() - started;
    return {
      status: 'complete',
      id: analysisId(ctRef, roiKey, options.params, model),
      studyInstanceUid: refs.studyInstanceUid,
      ctSeriesInstanceUid: ctRef.seriesInstanceUid,
      acquisition: ct.acquisition,
      findings,
      timingsMs: timings,
      roi: chosen.roi,
      mask: chosen.mask,
      ...(chosen.spineReview === undefined ? {} : { spineReview: chosen.spineReview }),
      ...(preview === undefined ? {} : { preview }),
      features,
      ...(scored === undefined ? {} : { radScore: scored.radScore }),
      ...(scored?.risk === undefined ? {} : { risk: scored.risk }),
      ...(model === undefined
        ? {}
        : { model: { id: model.id, version: model.version, synthetic: model.trainingData.synthetic } }),
    };
  } catch (e) {
    const failure = e instanceof StageFailure ? e : undefined;
    const failed = failure?.findings ?? patientDataFindings(e);
    if (failed === undefined) throw e;
    timings[stage] = now() - started;
    const result: AnalysisFailed = {
      status: 'failed',
      id: analysisId(
        ctRef ?? { studyInstanceUid: refs.studyInstanceUid, seriesInstanceUid: '' },
        roiKey,
        options.params,
        options.model,
      ),
      studyInstanceUid: refs.studyInstanceUid,
      ...(ctRef === undefined ? {} : { ctSeriesInstanceUid: ctRef.seriesInstanceUid }),
      acquisition: ct?.acquisition ?? null,
      findings: [...findings, ...failed],
      timingsMs: timings,
      stage: failure?.stage ?? stage,
      category: 'patient-data-missing',
      ...(failure?.roiQc === undefined ? {} : { roiQc: failure.roiQc }),
      ...(failure?.spineReview === undefined ? {} : { spineReview: failure.spineReview }),
    };
    return result;
  }
}
