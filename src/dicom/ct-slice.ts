import { DicomError } from '../errors.ts';
import type { PointLpsMm } from '../volume/types.ts';
import type { Part10File } from './part10.ts';
import { concatBytes, describeTransferSyntax, readPart10 } from './part10.ts';
import { optionalNumber, optionalString, requireNumbers, requireString } from './dataset-values.ts';
import type { PixelFormat } from './pixel-data.ts';
import { frameToHuInto, readPaddingRange, readPixelFormat } from './pixel-data.ts';
import { pixelCodecOf, supportedTransferSyntaxes } from './transfer-syntax.ts';
import { decodeEncapsulatedFrame } from './frame-codecs.ts';
import type { SliceAcquisition } from './acquisition.ts';
import { readSliceAcquisition } from './acquisition.ts';

/** SOP Class UID of CT Image Storage (PS3.4 annex B.5). */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Options of CT decoding. */
export interface CtDecodeOptions {
  /**
   * HU given to padding pixels (PixelPaddingValue / PixelPaddingRangeLimit); null keeps their rescaled
   * value. Default -1024 (air), so padding outside the reconstruction circle reads as air.
   */
  readonly paddingHu?: number | null;
}

/** One decoded CT slice: identifiers, plane geometry and HU values (x = column index fastest). */
export interface CtSlice {
  readonly source: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly frameOfReferenceUid: string | undefined;
  readonly instanceNumber: number | undefined;
  readonly rows: number;
  readonly columns: number;
  /** PixelSpacing as DICOM orders it: [between rows (along the column direction), between columns]. */
  readonly pixelSpacingMm: readonly [number, number];
  /** ImagePositionPatient: LPS centre of the first transmitted pixel. */
  readonly positionLpsMm: PointLpsMm;
  /** ImageOrientationPatient: row direction cosines (index x) then column direction cosines (index y). */
  readonly orientation: readonly [number, number, number, number, number, number];
  readonly sliceThicknessMm: number | undefined;
  /** Modality, contrast/bolus, ConvolutionKernel, equipment and series description (no patient data). */
  readonly acquisition: SliceAcquisition;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  readonly transferSyntaxUid: string;
  /** HU values, rows * columns, row-major (x fastest). */
  readonly hu: Float32Array;
  /** How many pixels were padding. */
  readonly paddedCount: number;
}

/** Throws {@link DicomError} unless the dataset is a single-frame CT image this decoder reads. */
function assertCtImage(file: Part10File): void {
  const ds = file.dataset;
  const modality = optionalString(ds, 'Modality');
  if (modality !== 'CT') {
    throw new DicomError(
      'unsupported-modality',
      `${file.source} has Modality ${modality ?? '(none)'}; only CT series can be read as a HU volume`,
    );
  }
  const sopClass = optionalString(ds, 'SOPClassUID');
  if (sopClass !== CT_IMAGE_STORAGE) {
    throw new DicomError(
      'unsupported-sop-class',
      `${file.source} has SOP Class ${sopClass ?? '(none)'}; only CT Image Storage (${CT_IMAGE_STORAGE}) is read`,
    );
  }
  const frames = optionalNumber(ds, 'NumberOfFrames') ?? 1;
  if (frames !== 1) {
    throw new DicomError(
      'unsupported-pixel-format',
      `${file.source} holds ${frames} frames; a CT Image Storage instance is read one frame per file`,
    );
  }
}

async function frameBytes(file: Part10File, fmt: PixelFormat): Promise<Uint8Array> {
  const codec = pixelCodecOf(file.transferSyntaxUid);
  if (codec === 'unsupported') {
    throw new DicomError(
      'unsupported-transfer-syntax',
      `${file.source} is encoded as ${describeTransferSyntax(file)}, which this reader does not decode; ` +
        `ask the server for one of: ${supportedTransferSyntaxes().join('; ')}`,
    );
  }
  const pd = file.pixelData;
  if (pd === undefined) {
    throw new DicomError(
      'missing-pixel-data',
      `${file.source} has no PixelData (7FE0,0010); it holds no image`,
    );
  }
  if (!pd.encapsulated) return pd.bytes;
  // A single frame may be split across fragments without an offset table: join them.
  const frame = concatBytes(pd.frames);
  return decodeEncapsulatedFrame(codec, frame, fmt, file.source, describeTransferSyntax(file));
}

/**
 * A CT slice's identifiers, geometry and acquisition attributes without its pixels, and how many of them
 * were padding.
 */
export type CtSliceHeader = Omit<CtSlice, 'hu'>;

/**
 * Where a slice's HU values go: a Float32Array and the index of its first pixel, chosen once the
 * header has been read and validated (`header.paddedCount` is 0 until the pixels are decoded).
 */
export type SlicePlacement = (header: CtSliceHeader) => {
  readonly out: Float32Array;
  readonly offset: number;
};

/**
 * Decodes a parsed CT Image Storage instance into `place`'s array: validates modality, SOP class, pixel
 * format and geometry, decodes the frame (native, RLE, JPEG 2000, JPEG-LS or JPEG lossless), applies
 * BitsStored/HighBit, sign, RescaleSlope/Intercept (PS3.3 C.11.1.1.2) and pixel padding. Throws
 * {@link DicomError} with a code naming what is wrong.
 */
export async function decodeCtSliceInto(
  file: Part10File,
  place: SlicePlacement,
  options: CtDecodeOptions = {},
): Promise<CtSliceHeader> {
  assertCtImage(file);
  const ds = file.dataset;
  const src = file.source;
  const fmt = readPixelFormat(ds, src);
  const slope = optionalNumber(ds, 'RescaleSlope') ?? 1;
  const intercept = optionalNumber(ds, 'RescaleIntercept') ?? 0;
  if (slope === 0) throw new DicomError('unsupported-pixel-format', `${src}: RescaleSlope is 0`);
  const spacing = requireNumbers(ds, 'PixelSpacing', 2, src);
  const position = requireNumbers(ds, 'ImagePositionPatient', 3, src);
  const o = requireNumbers(ds, 'ImageOrientationPatient', 6, src);
  if (spacing[0] <= 0 || spacing[1] <= 0) {
    throw new DicomError('missing-attribute', `${src}: PixelSpacing ${spacing.join('\\')} must be positive`);
  }
  const header: CtSliceHeader = {
    source: src,
    studyInstanceUid: requireString(ds, 'StudyInstanceUID', src),
    seriesInstanceUid: requireString(ds, 'SeriesInstanceUID', src),
    sopInstanceUid: requireString(ds, 'SOPInstanceUID', src),
    frameOfReferenceUid: optionalString(ds, 'FrameOfReferenceUID'),
    instanceNumber: optionalNumber(ds, 'InstanceNumber'),
    rows: fmt.rows,
    columns: fmt.columns,
    pixelSpacingMm: [spacing[0], spacing[1]],
    positionLpsMm: [position[0], position[1], position[2]],
    orientation: [o[0], o[1], o[2], o[3], o[4], o[5]],
    sliceThicknessMm: optionalNumber(ds, 'SliceThickness'),
    acquisition: readSliceAcquisition(ds),
    rescaleSlope: slope,
    rescaleIntercept: intercept,
    transferSyntaxUid: file.transferSyntaxUid,
    paddedCount: 0,
  };
  const bytes = await frameBytes(file, fmt);
  const { out, offset } = place(header);
  const paddedCount = frameToHuInto(
    bytes,
    fmt,
    slope,
    intercept,
    readPaddingRange(ds, fmt),
    options.paddingHu === undefined ? -1024 : options.paddingHu,
    src,
    out,
    offset,
  );
  return { ...header, paddedCount };
}

/** Decodes a parsed CT Image Storage instance to a slice with its own HU array ({@link decodeCtSliceInto}). */
export async function decodeCtSlice(file: Part10File, options: CtDecodeOptions = {}): Promise<CtSlice> {
  let hu = new Float32Array(0);
  const header = await decodeCtSliceInto(
    file,
    (h) => {
      hu = new Float32Array(h.rows * h.columns);
      return { out: hu, offset: 0 };
    },
    options,
  );
  return { ...header, hu };
}

/** Parses Part 10 bytes and decodes them as a CT slice ({@link readPart10} then {@link decodeCtSlice}). */
export async function readCtSlice(
  bytes: Uint8Array,
  source: string,
  options: CtDecodeOptions = {},
): Promise<CtSlice> {
  return decodeCtSlice(readPart10(bytes, source), options);
}
