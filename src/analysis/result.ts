/**
 * What an analysis gives: a complete result (ROI, features, Rad-score and, with clinical inputs, the nomogram
 * risk) or a failure naming the stage and its findings, each a typed value the CDS card, the app and the CLI
 * render without parsing prose.
 */
import type { ErrorCategory } from '../errors.ts';
import type { ArtifactScore } from '../model/artifact-score.ts';
import type { FeatureVector } from '../radiomics/types.ts';
import type { LevelCue, RoiQc } from '../roi/types.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import type { Mask } from '../volume/types.ts';
import type { RoiPreview } from './roi-preview.ts';

/** One observation about the analysis: a stable kebab code, how serious, and a sentence a person can act on. */
export interface Finding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/** The stages of an analysis, in order. */
export type AnalysisStage = 'series' | 'roi' | 'features' | 'score';

/** Wall time of each stage that ran, in ms. */
export type StageTimings = Readonly<Partial<Record<AnalysisStage, number>>>;

/** Where the ROI came from: a segmentation series of the study (a person's, the study's method) or the automatic ROI. */
export type RoiSource =
  | { readonly kind: 'segmentation'; readonly seriesInstanceUid: string }
  | {
      readonly kind: 'automatic';
      /** The vertebra the ROI is on (T6, or the study's fallback). */
      readonly level: string;
      readonly qc: RoiQc;
      /** How sure the level names are, 0..1, and which anatomical cue said what. */
      readonly levelConfidence: number;
      readonly cues: readonly LevelCue[];
    };

interface AnalysisBase {
  /** Stable id of this analysis: the same CT series, ROI source, parameters and model give the same id. */
  readonly id: string;
  readonly studyInstanceUid: string;
  /** The CT series analysed (absent when the study had none to choose). */
  readonly ctSeriesInstanceUid?: string;
  readonly acquisition: AcquisitionInfo | null;
  /** Warnings along the way (series spacing, QC warnings of a passed ROI, a risk that could not be given). */
  readonly findings: readonly Finding[];
  readonly timingsMs: StageTimings;
}

/** Features were extracted; the risk is there when a model and its clinical inputs were given. */
export interface AnalysisComplete extends AnalysisBase {
  readonly status: 'complete';
  readonly roi: RoiSource;
  readonly mask: Mask;
  /** The ROI's largest axial cross-section on the CT, for people to check it (absent only for an empty mask). */
  readonly preview?: RoiPreview;
  readonly features: FeatureVector;
  /** Present with a model: the Rad-score from the features. */
  readonly radScore?: number;
  /** Present with a model and every clinical input its nomogram needs (else a finding says which is missing). */
  readonly risk?: ArtifactScore;
  readonly model?: { readonly id: string; readonly version: string; readonly synthetic: boolean };
}

/** No features: the stage that stopped, why (its findings), and the category the caller acts on. */
export interface AnalysisFailed extends AnalysisBase {
  readonly status: 'failed';
  readonly stage: AnalysisStage;
  readonly category: ErrorCategory;
  /** The automatic ROI's QC when it was the ROI that failed. */
  readonly roiQc?: RoiQc;
}

export type AnalysisResult = AnalysisComplete | AnalysisFailed;
