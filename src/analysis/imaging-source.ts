/**
 * The one thing the analysis needs from the outside world: a place that holds a patient's CT studies and any
 * segmentations drawn on them. Implemented over DICOMweb (`src/dicom/imaging-source.ts`) and over local files
 * (`src/cli/file-imaging-source.ts`); tests may implement it in memory.
 */
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import type { Grid, Mask, Volume } from '../volume/types.ts';
import type { RoiReview } from './result.ts';

/** A series of a study. For a file source, the "UIDs" are the paths. */
export interface SeriesRef {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/** A condition met while reading the CT that a reader of the result should see (irregular spacing, padding). */
export interface SourceWarning {
  readonly code: string;
  readonly message: string;
}

/** The CT read as a volume in HU (LPS), with its acquisition headers (null for NRRD/NIfTI files). */
export interface LoadedCt {
  readonly volume: Volume;
  readonly acquisition: AcquisitionInfo | null;
  readonly warnings: readonly SourceWarning[];
  /** SOP Instance UIDs of the slices in volume z order (DICOM sources). */
  readonly sopInstanceUids?: readonly string[];
}

/** A segmentation series of a study; `reviewedAt` (ISO 8601) marks an ROI reviewed in the app, and when. */
export interface SegmentationRef extends SeriesRef {
  readonly reviewedAt?: string;
}

/** A segmentation read onto the CT's grid, with the review it records when it is a reviewed ROI. */
export interface LoadedSegmentation extends Mask {
  readonly review?: RoiReview;
}

/** Read access to a patient's imaging. Every method may throw the project's typed errors. */
export interface ImagingSource {
  /** The CT series to analyse when none is named: for DICOMweb, the study's CT series with the most instances. */
  chooseCtSeries(studyInstanceUid: string, signal?: AbortSignal): Promise<SeriesRef>;
  loadCt(ref: SeriesRef, signal?: AbortSignal): Promise<LoadedCt>;
  /** The segmentation series (DICOM SEG) of the study, possibly none. */
  findSegmentations(studyInstanceUid: string, signal?: AbortSignal): Promise<readonly SegmentationRef[]>;
  /** A segmentation read onto the CT's grid (mask value = segment number, or 1). */
  loadSegmentation(ref: SeriesRef, grid: Grid, signal?: AbortSignal): Promise<LoadedSegmentation>;
}

/** The study to analyse; a named CT or SEG series is used as given, else the source chooses. */
export interface StudyRefs {
  readonly studyInstanceUid: string;
  readonly ctSeriesInstanceUid?: string;
  readonly segSeriesInstanceUid?: string;
}
