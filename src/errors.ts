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
    | 'invalid-segmentation';
  constructor(code: DicomError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A DICOMweb request was refused, failed or answered with something unusable. */
export class DicomWebError extends BoneMetError {
  readonly code:
    | 'host-not-allowed'
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

/** True when `e` is one of the project's typed errors. */
export function isBoneMetError(e: unknown): e is BoneMetError {
  return e instanceof BoneMetError;
}
