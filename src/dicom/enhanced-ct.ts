import { DicomError } from '../errors.ts';
import type { CtDecodeOptions, CtSlice } from './ct-slice.ts';
import { decodeCtSlice } from './ct-slice.ts';
import type { DicomDataset, Part10File } from './part10.ts';
import { describeTransferSyntax, readPart10 } from './part10.ts';
import {
  optionalNumber,
  optionalNumbers,
  optionalString,
  requireString,
  sequenceItem,
} from './dataset-values.ts';
import {
  frameByteLength,
  readPaddingRange,
  readPixelFormat,
  storedToHu,
  storedValues,
} from './pixel-data.ts';
import type { PixelFormat } from './pixel-data.ts';
import { pixelCodecOf } from './transfer-syntax.ts';
import { decodeEncapsulatedFrame } from './frame-codecs.ts';
import { readEnhancedFrameAcquisition } from './acquisition.ts';

/**
 * Enhanced CT Image Storage (PS3.3 A.38): one instance holds every slice as a frame; geometry and
 * rescale live in the functional groups (PS3.3 C.7.6.16): per-frame PlanePositionSequence, shared or
 * per-frame PlaneOrientationSequence, PixelMeasuresSequence and PixelValueTransformationSequence. Each
 * frame becomes a {@link CtSlice}, so a multi-frame instance stacks like a classic series.
 */

/** SOP Class UID of Enhanced CT Image Storage. */
export const ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1';

function group(frame: DicomDataset | undefined, shared: DicomDataset | undefined, seq: string): DicomDataset {
  return (
    (frame === undefined ? undefined : sequenceItem(frame, seq)) ??
    (shared === undefined ? undefined : sequenceItem(shared, seq)) ??
    {}
  );
}

async function frameBytes(
  file: Part10File,
  fmt: PixelFormat,
  f: number,
  frames: number,
): Promise<Uint8Array> {
  const pd = file.pixelData;
  if (pd === undefined) {
    throw new DicomError(
      'missing-pixel-data',
      `${file.source} has no PixelData (7FE0,0010); it holds no image`,
    );
  }
  const codec = pixelCodecOf(file.transferSyntaxUid);
  if (!pd.encapsulated) {
    const size = frameByteLength(fmt);
    return pd.bytes.subarray(f * size, (f + 1) * size);
  }
  if (pd.frames.length !== frames) {
    throw new DicomError(
      'pixel-decode-failed',
      `${file.source} has ${pd.frames.length} encapsulated frames for NumberOfFrames ${frames} (a basic offset table is needed)`,
    );
  }
  if (codec === 'native' || codec === 'unsupported') {
    throw new DicomError(
      'unsupported-transfer-syntax',
      `${file.source} is encoded as ${describeTransferSyntax(file)}, which this reader does not decode`,
    );
  }
  return decodeEncapsulatedFrame(codec, pd.frames[f], fmt, file.source, describeTransferSyntax(file));
}

/** Decodes every frame of an Enhanced CT instance to a CT slice (HU, geometry from the functional groups). */
async function decodeEnhancedCt(file: Part10File, options: CtDecodeOptions = {}): Promise<CtSlice[]> {
  const ds = file.dataset;
  const src = file.source;
  if (optionalString(ds, 'Modality') !== 'CT') {
    throw new DicomError(
      'unsupported-modality',
      `${src} has Modality ${optionalString(ds, 'Modality') ?? '(none)'}; only CT can be read as a HU volume`,
    );
  }
  if (pixelCodecOf(file.transferSyntaxUid) === 'unsupported') {
    throw new DicomError(
      'unsupported-transfer-syntax',
      `${src} is encoded as ${describeTransferSyntax(file)}, which this reader does not decode`,
    );
  }
  const fmt = readPixelFormat(ds, src);
  const frames = optionalNumber(ds, 'NumberOfFrames') ?? 1;
  const shared = sequenceItem(ds, 'SharedFunctionalGroupsSequence');
  const padding = readPaddingRange(ds, fmt);
  const paddingHu = options.paddingHu === undefined ? -1024 : options.paddingHu;
  const slices: CtSlice[] = [];
  for (let f = 0; f < frames; f++) {
    const perFrame = sequenceItem(ds, 'PerFrameFunctionalGroupsSequence', f);
    const where = `${src} frame ${f + 1}`;
    const position = optionalNumbers(
      group(perFrame, shared, 'PlanePositionSequence'),
      'ImagePositionPatient',
    );
    const o = optionalNumbers(group(perFrame, shared, 'PlaneOrientationSequence'), 'ImageOrientationPatient');
    const measures = group(perFrame, shared, 'PixelMeasuresSequence');
    const spacing = optionalNumbers(measures, 'PixelSpacing');
    if (position?.length !== 3 || o?.length !== 6 || spacing?.length !== 2) {
      throw new DicomError(
        'missing-attribute',
        `${where} lacks ImagePositionPatient, ImageOrientationPatient or PixelSpacing in its functional groups`,
      );
    }
    const transform = group(perFrame, shared, 'PixelValueTransformationSequence');
    const slope = optionalNumber(transform, 'RescaleSlope') ?? optionalNumber(ds, 'RescaleSlope') ?? 1;
    const intercept =
      optionalNumber(transform, 'RescaleIntercept') ?? optionalNumber(ds, 'RescaleIntercept') ?? 0;
    const stored = storedValues(await frameBytes(file, fmt, f, frames), fmt, where);
    const { hu, paddedCount } = storedToHu(stored, slope, intercept, padding, paddingHu);
    slices.push({
      source: where,
      studyInstanceUid: requireString(ds, 'StudyInstanceUID', src),
      seriesInstanceUid: requireString(ds, 'SeriesInstanceUID', src),
      sopInstanceUid: requireString(ds, 'SOPInstanceUID', src),
      frameOfReferenceUid: optionalString(ds, 'FrameOfReferenceUID'),
      instanceNumber: f + 1,
      rows: fmt.rows,
      columns: fmt.columns,
      pixelSpacingMm: [spacing[0], spacing[1]],
      positionLpsMm: [position[0], position[1], position[2]],
      orientation: [o[0], o[1], o[2], o[3], o[4], o[5]],
      sliceThicknessMm: optionalNumber(measures, 'SliceThickness') ?? optionalNumber(ds, 'SliceThickness'),
      acquisition: readEnhancedFrameAcquisition(ds, group(perFrame, shared, 'CTReconstructionSequence')),
      rescaleSlope: slope,
      rescaleIntercept: intercept,
      transferSyntaxUid: file.transferSyntaxUid,
      hu,
      paddedCount,
    });
  }
  return slices;
}

/** The CT slices of one instance: every frame of an Enhanced CT, or the single slice of a CT Image. */
export async function decodeCtInstance(file: Part10File, options: CtDecodeOptions = {}): Promise<CtSlice[]> {
  if (optionalString(file.dataset, 'SOPClassUID') === ENHANCED_CT_IMAGE_STORAGE)
    return decodeEnhancedCt(file, options);
  return [await decodeCtSlice(file, options)];
}

/** Parses Part 10 bytes and decodes all their CT slices ({@link readPart10} then {@link decodeCtInstance}). */
export async function readCtInstance(
  bytes: Uint8Array,
  source: string,
  options: CtDecodeOptions = {},
): Promise<CtSlice[]> {
  return decodeCtInstance(readPart10(bytes, source), options);
}
