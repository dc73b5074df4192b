/**
 * The service's view of one patient's estimate (`GET /api/risk`), the contract between the service, which builds
 * it, and the SMART app, which shows it: the inputs with their provenance, the CT, the ROI and its findings, the
 * Rad-score, the nomogram's risk, the model and what trained it. Types only, browser-safe.
 */
import type { ClinicalInputs } from '../clinical/inputs.ts';
import type { ArtifactScore } from '../model/artifact-score.ts';
import type { RoiQc } from '../roi/types.ts';
import type { Finding, RoiSource, SpineReview, StageTimings } from './result.ts';

export interface RiskView {
  readonly status: 'complete' | 'pending' | 'unavailable';
  readonly patientId: string;
  readonly model: {
    readonly id: string;
    readonly version: string;
    readonly synthetic: boolean;
    readonly intendedUse: string;
    readonly disclaimer: string;
    readonly trainingData: string;
  };
  readonly inputs: ClinicalInputs;
  readonly missingInputs: readonly { readonly variable: string; readonly reason: string }[];
  readonly ct: {
    readonly studyInstanceUid: string;
    readonly started?: string | undefined;
    readonly reference: string;
  } | null;
  readonly analysis?: {
    readonly id: string;
    /** The ROI of a complete analysis, the automatic ROI's QC of a failed one, or null. */
    readonly roi: RoiSource | RoiQc | null;
    readonly findings: readonly Finding[];
    readonly timingsMs?: StageTimings;
    readonly stage?: string;
    /** The spine picture and bodies, for checking or correcting the ROI's level (see {@link RoiReviewView}). */
    readonly review?: RoiReviewView;
  };
  readonly radScore?: number;
  /** Path of the PNG of the ROI on its CT slice (GET it from the service). */
  readonly roiPreviewUrl?: string;
  readonly risk?: ArtifactScore;
  readonly riskAssessment?: Readonly<Record<string, unknown>>;
  /** Why there is no risk (when status is not complete). */
  readonly reasons: readonly string[];
}

/** The spine as the analysis found it, for the app's level review: {@link SpineReview} without its bytes. */
export interface RoiReviewView extends Omit<SpineReview, 'png'> {
  /** Path of the PNG (GET it from the service with the app's bearer token). */
  readonly pictureUrl: string;
  /**
   * Whether a person may confirm or correct the level here: true for the automatic ROI (found or refused) and for
   * a reviewed segmentation; false for a segmentation drawn elsewhere (`reason` says so).
   */
  readonly correctable: boolean;
  readonly reason?: string;
}

/**
 * `POST /api/roi/<analysis id>` (bearer token with a write scope): confirm the automatic ROI's level, or name the
 * vertebra whose z range holds `zMm` as `level` (the app sends T6; the study's fallback applies when it fails
 * QC). Answered with the new {@link RiskView}.
 */
export type RoiCorrectionRequest = {
  readonly patient: string;
  readonly fhirServer: string;
} & (
  | { readonly action: 'confirm' }
  | { readonly action: 'set-level'; readonly zMm: number; readonly level: string }
);

/** The SMART scope a correction needs (or its `user/` form, or SMART v1 `Provenance.write`). */
export const ROI_CORRECTION_SCOPE = 'patient/Provenance.c';
