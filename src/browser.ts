/**
 * The browser-safe part of the public API, for the SMART app: nothing here reaches `node:*` (a test walks the
 * imports to keep it so). Clinical inputs and their rules, the model artifact and nomogram scoring, the shapes
 * of an analysis result, and the typed errors.
 */
export {
  BoneMetError,
  ClinicalInputError,
  ModelArtifactError,
  StatsInputError,
  isBoneMetError,
  errorCategory,
} from './errors.ts';
export type { ErrorCategory } from './errors.ts';
export { PACKAGE_VERSION } from './version.ts';

export {
  CLINICAL_VARIABLES,
  SUBTYPES,
  deriveClinicalInputs,
  deriveSubtype,
  clinicalTermValues,
  missingClinicalInputs,
} from './clinical/inputs.ts';
export type {
  ClinicalInputs,
  ClinicalRecord,
  ClinicalValue,
  ClinicalVariable,
  Provenance,
  Subtype,
} from './clinical/inputs.ts';

export { parseModelArtifact } from './model/artifact.ts';
export type { ModelArtifact, ArtifactTerm, ArtifactMetrics } from './model/artifact.ts';
export {
  RAD_SCORE_TERM,
  categoryOf,
  scoreWithArtifact,
  scoreClinicalInputs,
} from './model/artifact-score.ts';
export type { ArtifactScore } from './model/artifact-score.ts';
export { scoreNomogram, termPoints, totalPointsToRisk, riskToTotalPoints } from './model/nomogram.ts';
export type { Nomogram, NomogramAxis, NomogramTick, NomogramTermSpec } from './model/nomogram.ts';

export type {
  AnalysisComplete,
  AnalysisFailed,
  AnalysisResult,
  AnalysisStage,
  Finding,
  RoiSource,
  StageTimings,
} from './analysis/result.ts';
export type { RoiQc, LevelExtent } from './roi/types.ts';
