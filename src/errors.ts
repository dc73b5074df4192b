/**
 * The project's typed errors. Every error thrown by the library is a {@link BoneMetError} with a stable
 * kebab-case `code` (for machines: logs, HTTP mapping, tests) and a message a person can act on: what went
 * wrong, with which input, and what to do about it.
 */

/** Base class of every error the project throws on purpose. */
export abstract class BoneMetError extends Error {
  /** Stable machine-readable code, e.g. `invalid-setting`. Never changes once published. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): { name: string; code: string; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** A radiomics or configuration setting is unknown, malformed or out of range. */
export class SettingsError extends BoneMetError {
  readonly code:
    | 'invalid-setting'
    | 'unknown-setting'
    | 'unknown-feature-class'
    | 'unknown-feature'
    | 'unknown-image-type';
  constructor(code: SettingsError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A file or byte buffer could not be read as the format it claims to be. */
export class FileFormatError extends BoneMetError {
  readonly code = 'bad-file-format';
}

/**
 * A file or folder given as input does not exist, or exists but cannot be read (permissions, a folder where a
 * file is wanted). The message names the path and, where known, the option that gave it.
 */
export class InputFileError extends BoneMetError {
  readonly code: 'file-not-found' | 'file-unreadable';
  constructor(code: InputFileError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Image and mask (or two volumes) do not share a grid within the geometry tolerance. */
export class GeometryMismatchError extends BoneMetError {
  readonly code = 'geometry-mismatch';
}

/** The mask is unusable for the requested computation: empty, label absent, too small, wrong dimensionality. */
export class MaskError extends BoneMetError {
  readonly code: 'empty-mask' | 'label-absent' | 'roi-too-small' | 'roi-dimensionality';
  constructor(code: MaskError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The image holds values the computation cannot use (NaN or infinite voxels in the ROI, and the like). */
export class ImageDataError extends BoneMetError {
  readonly code: 'non-finite-voxels' | 'invalid-image';
  constructor(code: ImageDataError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A computation asked for something this implementation deliberately does not do (and says so). */
export class UnsupportedError extends BoneMetError {
  readonly code = 'unsupported';
}

/** Data given to a statistical function cannot be used: empty, non-finite, mismatched lengths, one class only. */
export class StatsInputError extends BoneMetError {
  readonly code:
    | 'empty-input'
    | 'non-finite-value'
    | 'length-mismatch'
    | 'one-class'
    | 'invalid-value'
    | 'too-few-observations'
    | 'singular-design';
  constructor(code: StatsInputError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A model was fitted but its estimates are not trustworthy (no convergence, or separation), and the caller asked to fail. */
export class ModelFitError extends BoneMetError {
  readonly code: 'not-converged' | 'separation';
  constructor(code: ModelFitError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * A data table (CSV input, feature matrix) cannot be used as given: a named column is absent or duplicated,
 * a cell is not a number, an id repeats, or a column is constant or entirely missing. The message names the
 * column and, for a cell, the row.
 */
export class DataTableError extends BoneMetError {
  readonly code:
    | 'malformed-table'
    | 'missing-column'
    | 'duplicate-column'
    | 'duplicate-id'
    | 'non-numeric-value'
    | 'missing-value'
    | 'constant-column'
    | 'all-missing-column';
  constructor(code: DataTableError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A DICOM file or series cannot be turned into a CT volume: not DICOM, truncated, unsupported encoding, or unusable geometry. */
export class DicomError extends BoneMetError {
  readonly code:
    | 'not-dicom'
    | 'truncated-file'
    | 'unsupported-transfer-syntax'
    | 'unsupported-modality'
    | 'unsupported-sop-class'
    | 'unsupported-pixel-format'
    | 'missing-attribute'
    | 'missing-pixel-data'
    | 'pixel-decode-failed'
    | 'empty-series'
    | 'mixed-series'
    | 'mixed-geometry'
    | 'gantry-tilt'
    | 'duplicate-slice'
    | 'irregular-spacing'
    | 'missing-slices'
    | 'value-out-of-range'
    | 'invalid-segmentation'
    | 'invalid-uid';
  constructor(code: DicomError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A DICOMweb request was refused, failed or answered with something unusable. */
export class DicomWebError extends BoneMetError {
  readonly code:
    | 'host-not-allowed'
    | 'invalid-url'
    | 'invalid-token'
    | 'upstream-status'
    | 'timeout'
    | 'aborted'
    | 'network'
    | 'bad-multipart'
    | 'bad-response'
    | 'not-found';
  /** HTTP status when the server answered, else undefined. */
  readonly status: number | undefined;
  constructor(code: DicomWebError['code'], message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.code = code;
    this.status = options?.status;
  }
}

/** A FHIR request was refused, failed, or answered with something that is not the FHIR it should be. */
export class FhirError extends BoneMetError {
  readonly code:
    | 'host-not-allowed'
    | 'invalid-url'
    | 'invalid-token'
    | 'upstream-status'
    | 'not-found'
    | 'timeout'
    | 'aborted'
    | 'network'
    | 'bad-response';
  /** HTTP status when the server answered, else undefined. */
  readonly status: number | undefined;
  constructor(code: FhirError['code'], message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.code = code;
    this.status = options?.status;
  }
}

/**
 * A model artifact (`models/*.json`) cannot be used: wrong format tag, unsupported schema version, or a field
 * missing or malformed. The message names the field (`metrics.test.auc`).
 */
export class ModelArtifactError extends BoneMetError {
  readonly code: 'wrong-format' | 'unsupported-version' | 'invalid-field';
  constructor(code: ModelArtifactError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The automatic marrow ROI failed its quality control: no ROI, so no features and no Rad-score. `findings`
 * carries the QC reasons as given (the codes, where the ROI gives them, are in the analysis result).
 */
export class RoiQcError extends BoneMetError {
  readonly code = 'roi-qc-failed';
  readonly findings: readonly string[];
  constructor(message: string, findings: readonly string[], options?: { cause?: unknown }) {
    super(message, options);
    this.findings = findings;
  }
}

/**
 * A clinical input of the nomogram (age, ER, PR, HER-2, Ki-67, subtype) is missing (`missing-clinical-value`:
 * the patient's record lacks it) or present but unusable (`invalid-clinical-value`: out of range, unknown
 * level). The message names the input and what would fix it.
 */
export class ClinicalInputError extends BoneMetError {
  readonly code: 'missing-clinical-value' | 'invalid-clinical-value';
  constructor(code: ClinicalInputError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * An analysis stopped on the patient's data at `stage` (no CT series, no usable segmentation, an undecodable
 * series); `findings` are its findings' messages. A failed automatic ROI QC is a {@link RoiQcError} instead.
 */
export class AnalysisFailedError extends BoneMetError {
  readonly code = 'analysis-failed';
  readonly stage: string;
  readonly findings: readonly string[];
  constructor(stage: string, message: string, findings: readonly string[], options?: { cause?: unknown }) {
    super(message, options);
    this.stage = stage;
    this.findings = findings;
  }
}

/**
 * An error raised where a job ran (another replica of the service, say) and carried back as its category and
 * message: the caller treats it as the original (a retry later for an upstream failure, and so on).
 */
export class RemoteJobError extends BoneMetError {
  readonly code:
    'remote-bad-request' | 'remote-patient-data-missing' | 'remote-upstream-failure' | 'remote-internal';
  constructor(category: ErrorCategory, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = `remote-${category}`;
  }

  /** What crosses to the other process: `e`'s category and message. */
  static partsOf(e: unknown): { readonly category: ErrorCategory; readonly message: string } {
    return { category: errorCategory(e), message: e instanceof Error ? e.message : String(e) };
  }

  /** The error again from its parts as they arrived (an unknown category is `internal`). */
  static fromParts(parts: unknown): RemoteJobError {
    const p = (typeof parts === 'object' && parts !== null ? parts : {}) as Record<string, unknown>;
    const categories: readonly ErrorCategory[] = [
      'bad-request',
      'patient-data-missing',
      'upstream-failure',
      'internal',
    ];
    const category = categories.find((c) => c === p.category) ?? 'internal';
    return new RemoteJobError(category, typeof p.message === 'string' ? p.message : 'the job failed');
  }
}

/** A numerical method did not converge on the data it was given (an eigenvalue iteration, say). */
export class NumericalError extends BoneMetError {
  readonly code = 'not-converged';
}

/**
 * How a caller (the CDS service, the app API, the CLI) should treat an error, decided once here:
 * - `bad-request`: the request or configuration is wrong (bad option, unknown setting, host off the allow-list);
 *   fix the call;
 * - `patient-data-missing`: this patient's data is missing or unusable (no CT, ROI QC failed, an Observation
 *   absent, a series that cannot be decoded); an informative answer, never a server error;
 * - `upstream-failure`: a server we depend on failed or timed out; worth a retry later;
 * - `internal`: a defect or a deployment fault (a broken model artifact, an untyped error); a server error.
 */
export type ErrorCategory = 'bad-request' | 'patient-data-missing' | 'upstream-failure' | 'internal';

/** Category of each code of each error class (exhaustive: a new code fails to compile until it is placed). */
const CATEGORIES: {
  readonly [K in BoneMetErrorName]: Readonly<Record<BoneMetErrorCode<K>, ErrorCategory>>;
} = {
  SettingsError: {
    'invalid-setting': 'bad-request',
    'unknown-setting': 'bad-request',
    'unknown-feature-class': 'bad-request',
    'unknown-feature': 'bad-request',
    'unknown-image-type': 'bad-request',
  },
  InputFileError: { 'file-not-found': 'bad-request', 'file-unreadable': 'bad-request' },
  FileFormatError: { 'bad-file-format': 'bad-request' },
  GeometryMismatchError: { 'geometry-mismatch': 'patient-data-missing' },
  MaskError: {
    'empty-mask': 'patient-data-missing',
    'label-absent': 'patient-data-missing',
    'roi-too-small': 'patient-data-missing',
    'roi-dimensionality': 'patient-data-missing',
  },
  ImageDataError: { 'non-finite-voxels': 'patient-data-missing', 'invalid-image': 'patient-data-missing' },
  UnsupportedError: { unsupported: 'bad-request' },
  StatsInputError: {
    'empty-input': 'bad-request',
    'non-finite-value': 'bad-request',
    'length-mismatch': 'bad-request',
    'one-class': 'bad-request',
    'invalid-value': 'bad-request',
    'too-few-observations': 'bad-request',
    'singular-design': 'bad-request',
  },
  ModelFitError: { 'not-converged': 'bad-request', separation: 'bad-request' },
  DataTableError: {
    'malformed-table': 'bad-request',
    'missing-column': 'bad-request',
    'duplicate-column': 'bad-request',
    'duplicate-id': 'bad-request',
    'non-numeric-value': 'bad-request',
    'missing-value': 'bad-request',
    'constant-column': 'bad-request',
    'all-missing-column': 'bad-request',
  },
  DicomError: {
    'not-dicom': 'patient-data-missing',
    'truncated-file': 'patient-data-missing',
    'unsupported-transfer-syntax': 'patient-data-missing',
    'unsupported-modality': 'patient-data-missing',
    'unsupported-sop-class': 'patient-data-missing',
    'unsupported-pixel-format': 'patient-data-missing',
    'missing-attribute': 'patient-data-missing',
    'missing-pixel-data': 'patient-data-missing',
    'pixel-decode-failed': 'patient-data-missing',
    'empty-series': 'patient-data-missing',
    'mixed-series': 'patient-data-missing',
    'mixed-geometry': 'patient-data-missing',
    'gantry-tilt': 'patient-data-missing',
    'duplicate-slice': 'patient-data-missing',
    'irregular-spacing': 'patient-data-missing',
    'missing-slices': 'patient-data-missing',
    'value-out-of-range': 'patient-data-missing',
    'invalid-segmentation': 'patient-data-missing',
    'invalid-uid': 'bad-request',
  },
  DicomWebError: {
    'host-not-allowed': 'bad-request',
    'invalid-url': 'bad-request',
    'invalid-token': 'bad-request',
    'upstream-status': 'upstream-failure',
    timeout: 'upstream-failure',
    aborted: 'upstream-failure',
    network: 'upstream-failure',
    'bad-multipart': 'upstream-failure',
    'bad-response': 'upstream-failure',
    'not-found': 'patient-data-missing',
  },
  FhirError: {
    'host-not-allowed': 'bad-request',
    'invalid-url': 'bad-request',
    'invalid-token': 'bad-request',
    'upstream-status': 'upstream-failure',
    'not-found': 'patient-data-missing',
    timeout: 'upstream-failure',
    aborted: 'upstream-failure',
    network: 'upstream-failure',
    'bad-response': 'upstream-failure',
  },
  ModelArtifactError: {
    'wrong-format': 'internal',
    'unsupported-version': 'internal',
    'invalid-field': 'internal',
  },
  RoiQcError: { 'roi-qc-failed': 'patient-data-missing' },
  ClinicalInputError: {
    'missing-clinical-value': 'patient-data-missing',
    'invalid-clinical-value': 'patient-data-missing',
  },
  NumericalError: { 'not-converged': 'patient-data-missing' },
  AnalysisFailedError: { 'analysis-failed': 'patient-data-missing' },
  RemoteJobError: {
    'remote-bad-request': 'bad-request',
    'remote-patient-data-missing': 'patient-data-missing',
    'remote-upstream-failure': 'upstream-failure',
    'remote-internal': 'internal',
  },
};

/** The project's error classes by name. */
interface BoneMetErrors {
  SettingsError: SettingsError;
  InputFileError: InputFileError;
  FileFormatError: FileFormatError;
  GeometryMismatchError: GeometryMismatchError;
  MaskError: MaskError;
  ImageDataError: ImageDataError;
  UnsupportedError: UnsupportedError;
  StatsInputError: StatsInputError;
  ModelFitError: ModelFitError;
  DataTableError: DataTableError;
  DicomError: DicomError;
  DicomWebError: DicomWebError;
  FhirError: FhirError;
  ModelArtifactError: ModelArtifactError;
  RoiQcError: RoiQcError;
  ClinicalInputError: ClinicalInputError;
  NumericalError: NumericalError;
  AnalysisFailedError: AnalysisFailedError;
  RemoteJobError: RemoteJobError;
}
type BoneMetErrorName = keyof BoneMetErrors;
type BoneMetErrorCode<K extends BoneMetErrorName> = BoneMetErrors[K]['code'];

/** Every error class name with its codes (for documentation and tests). */
export function errorCodeTable(): Readonly<Record<string, Readonly<Record<string, ErrorCategory>>>> {
  return CATEGORIES;
}

/**
 * The category of any thrown value: a project error by its class and code (the table above); anything else
 * (a defect, a raw `Error`) is `internal`.
 */
export function errorCategory(e: unknown): ErrorCategory {
  if (!isBoneMetError(e)) return 'internal';
  const byCode: Readonly<Record<string, ErrorCategory>> | undefined = (
    CATEGORIES as Readonly<Record<string, Readonly<Record<string, ErrorCategory>>>>
  )[e.name];
  return byCode?.[e.code] ?? 'internal';
}

/** True when `e` is one of the project's typed errors. */
export function isBoneMetError(e: unknown): e is BoneMetError {
  return e instanceof BoneMetError;
}
