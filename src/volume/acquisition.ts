/**
 * How a volume was acquired, as its source's headers say (DICOM for a CT series; absent for NRRD and NIfTI):
 * a plain summary the pure core reads (the ROI's QC) without depending on the DICOM adapter that fills it.
 * No patient identity and no dates: modality, contrast, slice thickness, kernel, equipment and the series
 * description only.
 */

/** The smallest and largest value of a number over a series' slices (equal when every slice agrees). */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Acquisition information of a series, summarised over its slices. A string attribute is the list of its
 * distinct values in slice order (empty when no slice carries it; more than one when the slices differ); a
 * numeric one is its range (null when no slice carries it).
 */
export interface AcquisitionInfo {
  /** Slices summarised. */
  readonly sliceCount: number;
  /** Modality (0008,0060), e.g. ['CT'] or ['MR']. */
  readonly modality: readonly string[];
  /** ContrastBolusAgent (0018,0010) as written, e.g. ['OMNIPAQUE 350'] or ['NONE']. */
  readonly contrastBolusAgent: readonly string[];
  /** ContrastBolusRoute (0018,1040), e.g. ['IV']. */
  readonly contrastBolusRoute: readonly string[];
  /** ContrastBolusVolume (0018,1041), ml. */
  readonly contrastBolusVolumeMl: NumberRange | null;
  /** ContrastBolusStartTime (0018,1042), DICOM TM (HHMMSS.FFFFFF). */
  readonly contrastBolusStartTime: readonly string[];
  /** SliceThickness (0018,0050), mm. */
  readonly sliceThicknessMm: NumberRange | null;
  /** ConvolutionKernel (0018,1210); several values of one slice joined by a backslash, as DICOM writes them. */
  readonly convolutionKernel: readonly string[];
  /** Manufacturer (0008,0070). */
  readonly manufacturer: readonly string[];
  /** ManufacturerModelName (0008,1090). */
  readonly manufacturerModelName: readonly string[];
  /** SeriesDescription (0008,103E). */
  readonly seriesDescription: readonly string[];
}
