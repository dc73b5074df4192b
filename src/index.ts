/**
 * The library's public API: the only path `server/` imports from (STYLE layout; lint enforces it). Named exports
 * grouped by what a caller does with them (the browser-safe part, itself a named list, re-exported whole from
 * `src/browser.ts`, which the SMART app imports); internals stay behind their folders.
 */

// The browser-safe part: every typed error and the table that says how a caller treats each, the version,
// the clinical inputs and their codes, model artifacts, scoring and the nomogram, the shapes of a result.
export * from './browser.ts';

// The analysis: one call from a CT study (and clinical inputs) to ROI, features, Rad-score and risk.
export { analyseStudy, analysisId } from './analysis/analyse-study.ts';
export type { AnalysisOptions } from './analysis/analyse-study.ts';
export { reviewRoi, spineReviewOf } from './analysis/roi-review.ts';
export type { ReviewDecision, ReviewedRoi } from './analysis/roi-review.ts';
export {
  REVIEW_CONTENT_LABEL,
  REVIEW_SERIES_DESCRIPTION,
  reviewDescription,
  reviewOfContent,
  writeReviewSegmentation,
} from './dicom/review-seg.ts';
export { roiPreview } from './analysis/roi-preview.ts';
export type { RoiPreview } from './analysis/roi-preview.ts';
export type {
  ImagingSource,
  LoadedCt,
  SeriesRef,
  SourceWarning,
  StudyRefs,
} from './analysis/imaging-source.ts';

// FHIR R4 -> the analysis's inputs (pure mappers; resources are fetched by the caller).
export { readClinicalInputs, ageYearsAt } from './fhir/clinical-record.ts';
export type { ClinicalResources } from './fhir/clinical-record.ts';
export { chooseChestCtStudy, wadoRsBase } from './fhir/imaging-study.ts';
export type { ChosenCtStudy, NoCtStudy } from './fhir/imaging-study.ts';
export { createFhirSource, FHIR } from './fhir/fhir-source.ts';
export { FHIR_ID } from './fhir/resources.ts';
export { isAllowedOrigin } from './http/request-policy.ts';
export type { FhirSource, FhirSourceOptions } from './fhir/fhir-source.ts';
export { createFhirResource, introspectToken } from './fhir/smart-authorization.ts';
export type { SmartServerOptions, TokenIntrospection } from './fhir/smart-authorization.ts';
export {
  PREFETCH_TEMPLATES,
  OBSERVATION_CODES,
  patientDataFromPrefetch,
  fetchPatientData,
  patientInputs,
  diagnosisDate,
} from './fhir/patient-data.ts';
export type { PatientData, PatientInputs } from './fhir/patient-data.ts';
export {
  buildRiskAssessment,
  buildPetCtServiceRequest,
  PET_CT,
  OUTCOME_TEXT,
} from './fhir/risk-resources.ts';
export type { FhirJson, RiskFacts } from './fhir/risk-resources.ts';

// Imaging adapters: DICOMweb (allow-listed, with timeouts and retries) and DICOM SEG.
export { createDicomWebSource, chooseCtSeries } from './dicom/dicomweb-source.ts';
export type { DicomWebSource, DicomWebSourceOptions } from './dicom/dicomweb-source.ts';
export { dicomWebImagingSource } from './dicom/imaging-source.ts';
export { readSegmentation } from './dicom/seg-reader.ts';
export type { Segmentation, SegmentInfo } from './dicom/seg-reader.ts';
export { writeSegmentation } from './dicom/seg-writer.ts';
export type { SegReference, SegmentDescription, SegWriterOptions } from './dicom/seg-writer.ts';
export { assertDicomUid } from './dicom/uid.ts';

// Training and model fitting.
export { trainStudyModel } from './model/training.ts';
export type { TrainingInput, TrainingResult } from './model/training.ts';
export { fitLogistic } from './model/logistic.ts';
export type { LogisticFit } from './model/logistic.ts';

// Radiomics: the PyRadiomics-compatible extractor and its parameter files.
export { extractFeatures } from './radiomics/extractor.ts';
export type { ExtractOptions, ExtractProgress } from './radiomics/extractor.ts';
export {
  parseParams,
  validateParams,
  validateSettings,
  paramsFromSettings,
  IMAGE_TYPE_NAMES,
  FEATURE_CLASS_NAMES,
} from './radiomics/params.ts';
export type { RadiomicsParams, ImageTypeName } from './radiomics/params.ts';
export { DEFAULT_SETTINGS } from './radiomics/settings.ts';
export type { RadiomicsSettings } from './radiomics/settings.ts';
export type { FeatureClassName, FeatureValue, FeatureVector } from './radiomics/types.ts';

// Synthetic patients (demonstration and tests only): the seeded cohort, its chest CTs and FHIR bundles.
export { makeCohort } from './synth/cohort.ts';
export type { CohortPatient } from './synth/cohort.ts';
export { makeFhirBundle } from './synth/fhir-bundle.ts';
export type { TransactionBundle } from './synth/fhir-bundle.ts';
export { renderSynthPatient } from './cli/synth.ts';
export type { ChestPhantomOptions } from './synth/chest-anatomy.ts';
export type { SynthPatientStudy } from './cli/synth.ts';

// The automatic vertebral marrow ROI.
export { findMarrowRoi } from './roi/marrow-roi.ts';
export type { MarrowRoiOptions, MarrowRoiResult, MarrowRoiFound, MarrowRoiRefused } from './roi/types.ts';

// Volumes and their files.
export type { Volume, Mask, Grid } from './volume/types.ts';
export { parseNrrd, writeNrrd } from './volume/io/nrrd.ts';
export { parseNifti } from './volume/io/nifti.ts';
export { rasterToVolume, rasterToMask } from './volume/io/raster.ts';
export { encodePng } from './volume/io/png.ts';
export type { RgbaRaster } from './volume/io/png.ts';

// Statistics (R-equal): discrimination, calibration, decision curves.
export { aucDeLong, rocCurve, delongPairedTest } from './stats/roc.ts';
export type { AucWithCi, RocCurve } from './stats/roc.ts';
export { youdenThreshold, thresholdMetrics } from './stats/roc-thresholds.ts';
export type { ThresholdMetrics } from './stats/roc-thresholds.ts';
export { hosmerLemeshow, calibrationCurve, brierScore } from './stats/calibration.ts';
export { decisionCurve, netBenefit } from './stats/dca.ts';
export type { DecisionCurve } from './stats/dca.ts';
