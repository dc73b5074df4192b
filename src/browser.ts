/**
 * The browser-safe part of the public API, for the SMART app: nothing here reaches `node:*` (a test walks the
 * imports to keep it so). Clinical inputs and their rules, the model artifact and nomogram scoring, the shapes
 * of an analysis result, and the typed errors.
 */
export {
  BoneMetError,
  SettingsError,
  InputFileError,
  FileFormatError,
  GeometryMismatchError,
  MaskError,
  ImageDataError,
  UnsupportedError,
  StatsInputError,
  ModelFitError,
  DataTableError,
  DicomError,
  DicomWebError,
  FhirError,
  ModelArtifactError,
  RoiQcError,
  ClinicalInputError,
  AnalysisFailedError,
  RemoteJobError,
  NumericalError,
  isBoneMetError,
  errorCategory,
  errorCodeTable,
} from './errors.ts';
export type { ErrorCategory } from './errors.ts';
export { PACKAGE_VERSION } from './version.ts';

export {
  CLINICAL_VARIABLES,
  SUBTYPES,
  ER_POSITIVE_FROM_PERCENT,
  PR_HIGH_FROM_PERCENT,
  KI67_HIGH_FROM_PERCENT,
  HER2_AMPLIFIED_FROM_RATIO,
  deriveClinicalInputs,
  deriveSubtype,
  erStatus,
  prLevel,
  her2Status,
  ki67Level,
  clinicalTermValues,
  missingClinicalInputs,
} from './clinical/inputs.ts';
export type {
  ClinicalInputs,
  ClinicalRecord,
  ClinicalValue,
  ClinicalVariable,
  Provenance,
  RecordProvenance,
  Subtype,
} from './clinical/inputs.ts';
export * as clinicalCodes from './clinical/codes.ts';

export { parseModelArtifact } from './model/artifact.ts';
export type { ModelArtifact, ArtifactTerm, ArtifactMetrics } from './model/artifact.ts';
export {
  RAD_SCORE_TERM,
  clinicalTermsOf,
  categoryOf,
  scoreWithArtifact,
  scoreClinicalInputs,
} from './model/artifact-score.ts';
export type { ArtifactScore } from './model/artifact-score.ts';
export {
  buildNomogram,
  scoreNomogram,
  termPoints,
  totalPointsToRisk,
  riskToTotalPoints,
} from './model/nomogram.ts';
export type { Nomogram, NomogramAxis, NomogramTick, NomogramTermSpec } from './model/nomogram.ts';

export { buildPetCtServiceRequest, PET_CT } from './fhir/risk-resources.ts';
export type { FhirJson } from './fhir/risk-resources.ts';

export type {
  AnalysisComplete,
  AnalysisFailed,
  AnalysisResult,
  AnalysisStage,
  Finding,
  RoiReview,
  RoiSource,
  SpineBody,
  SpineReview,
  StageTimings,
} from './analysis/result.ts';
export type { RoiQc, LevelExtent } from './roi/types.ts';
export type { RiskView, RoiCorrectionRequest, RoiReviewView } from './analysis/risk-view.ts';
export { ROI_CORRECTION_SCOPE } from './analysis/risk-view.ts';
export { scopeAllowsCreate } from './fhir/smart-scopes.ts';
export type { AcquisitionInfo } from './volume/acquisition.ts';
