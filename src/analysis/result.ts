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

/**
 * A person's review of the automatic ROI, stored with the DICOM SEG it produced: the level confirmed as the
 * automatic ROI gave it, or corrected (the vertebra the automatic count named `fromLevel` is `level`).
 */
export interface RoiReview {
  readonly action: 'confirmed' | 'corrected';
  /** The level of the reviewed ROI (T6, or the study's fallback). */
  readonly level: string;
  /** Of a correction: what the automatic count named the vertebra the reviewer chose ('?' when unnamed). */
  readonly fromLevel?: string;
  /** Who reviewed it, as the EHR's authorization server names the user (a FHIR reference or a user name). */
  readonly reviewer: string;
  /** When (ISO 8601, UTC). */
  readonly time: string;
}

/**
 * Where the ROI came from: a segmentation series of the study (a person's: drawn by a radiologist, the study's
 * method, or the automatic ROI reviewed in the app, with `review`) or the automatic ROI.
 */
export type RoiSource =
  | { readonly kind: 'segmentation'; readonly seriesInstanceUid: string; readonly review?: RoiReview }
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
  /** The spine as found, for a person to check or correct the ROI's level (see {@link SpineReview}). */
  readonly spineReview?: SpineReview;
}

/** A vertebral body found along the spine, superior first: its name ('?' when unnamed) and LPS z range (mm). */
export interface SpineBody {
  readonly label: string;
  readonly zRangeMm: readonly [number, number];
}

/**
 * What a person needs to check or correct the level of the ROI: the debug picture (a curved sagittal and a
 * coronal view along the spine, superior up, with the level labels, the cues and the ROI) as PNG, where its rows
 * lie in z, and the bodies found. Present when the automatic ROI ran (found or refused with a tracked spine) and
 * for a reviewed segmentation.
 */
export interface SpineReview {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** LPS z (mm) at the top edge of the picture's first row, and mm per picture row (z falls going down). */
  readonly zTopMm: number;
  readonly mmPerRow: number;
  /** Columns of the sagittal view (anterior on the left) and of the coronal view in the picture. */
  readonly sagittal: { readonly x: number; readonly width: number };
  readonly coronal: { readonly x: number; readonly width: number };
  readonly bodies: readonly SpineBody[];
  /** The ROI's level (null when the automatic ROI refused the scan) and how sure its name is (0..1). */
  readonly level: string | null;
  readonly levelConfidence: number;
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
