/**
 * The service's view of one patient's estimate (`GET /api/risk`), the contract between the service, which builds
 * it, and the SMART app, which shows it: the inputs with their provenance, the CT, the ROI and its findings, the
 * Rad-score, the nomogram's risk, the model and what trained it. Types only, browser-safe.
 */
import type { ClinicalInputs } from '../clinical/inputs.ts';
import type { ArtifactScore } from '../model/artifact-score.ts';
import type { RoiQc } from '../roi/types.ts';
import type { Finding, RoiSource, StageTimings } from './result.ts';

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
  };
  readonly radScore?: number;
  /** Path of the PNG of the ROI on its CT slice (GET it from the service). */
  readonly roiPreviewUrl?: string;
  readonly risk?: ArtifactScore;
  readonly riskAssessment?: Readonly<Record<string, unknown>>;
  /** Why there is no risk (when status is not complete). */
  readonly reasons: readonly string[];
}
