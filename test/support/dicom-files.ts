import { formatDs, writePart10 } from '../../src/dicom/ct-writer.ts';
import { ENHANCED_CT_IMAGE_STORAGE } from '../../src/dicom/enhanced-ct.ts';
import type { PixelFormat } from '../../src/dicom/pixel-data.ts';
import { encodeRleFrame } from '../../src/dicom/rle.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, RLE_LOSSLESS } from '../../src/dicom/transfer-syntax.ts';
import { indexToLps } from '../../src/volume/grid.ts';
import type { Volume } from '../../src/volume/types.ts';

/**
 * Builders of single DICOM files with chosen attributes and raw pixel words, for the decoder's edge cases
 * (garbage above BitsStored, padding, unsupported syntaxes, other modalities). Generated, never stored.
 */

/** 16-bit little-endian bytes of the given words (each taken modulo 2^16). */
export function words16(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  values.forEach((v, i) => {
    const w = v & 0xffff;
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >>> 8;
  });
  return out;
}

/** A naturalized CT dataset of `columns` x `rows` pixels whose PixelData are `pixelBytes`. */
export function ctDataset(
  columns: number,
  rows: number,
  pixelBytes: Uint8Array | undefined,
  overrides: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: '2.25.1001',
    StudyInstanceUID: '2.25.1002',
    SeriesInstanceUID: '2.25.1003',
    FrameOfReferenceUID: '2.25.1004',
    Modality: 'CT',
    PatientID: 'T1',
    InstanceNumber: 1,
    ImagePositionPatient: ['-10', '-20', '30'],
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    PixelSpacing: ['0.5', '0.75'],
    SliceThickness: '2',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    RescaleIntercept: '0',
    RescaleSlope: '1',
    ...overrides,
    ...(pixelBytes === undefined ? {} : { PixelData: pixelBytes.slice().buffer }),
    _vrMap: { PixelData: 'OW', PixelPaddingValue: overrides.PixelRepresentation === 0 ? 'US' : 'SS' },
  };
}

/** A Part 10 file of {@link ctDataset} in the given transfer syntax (Explicit VR Little Endian by default). */
export function ctFile(
  columns: number,
  rows: number,
  pixelBytes: Uint8Array | undefined,
  overrides: Readonly<Record<string, unknown>> = {},
  transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN,
): Uint8Array {
  return writePart10(ctDataset(columns, rows, pixelBytes, overrides), transferSyntaxUid);
}

/**
 * An Enhanced CT (multi-frame) file of a volume with integer HU: frames in `frameOrder` (z indices),
 * signed 16-bit, geometry and rescale in the functional groups; native or RLE pixel data. `extra.dataset`
 * adds top-level attributes, `extra.sharedGroups` functional groups to the shared item.
 */
export function enhancedCtFile(
  volume: Volume,
  frameOrder: readonly number[],
  encoding: 'explicit' | 'rle' = 'explicit',
  extra: {
    readonly dataset?: Readonly<Record<string, unknown>>;
    readonly sharedGroups?: Readonly<Record<string, unknown>>;
  } = {},
): Uint8Array {
  const [nx, ny] = volume.grid.size;
  const plane = nx * ny;
  const fmt: PixelFormat = {
    rows: ny,
    columns: nx,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 1,
  };
  const frames = frameOrder.map((k) => {
    const native = words16(Array.from(volume.data.subarray(k * plane, (k + 1) * plane), (hu) => hu + 1024));
    return encoding === 'rle' ? encodeRleFrame(native, fmt) : native;
  });
  const d = volume.grid.direction;
  const [sx, sy, sz] = volume.grid.spacingMm;
  const dataset = ctDataset(nx, ny, undefined, {
    SOPClassUID: ENHANCED_CT_IMAGE_STORAGE,
    NumberOfFrames: frameOrder.length,
    ImagePositionPatient: undefined,
    ImageOrientationPatient: undefined,
    PixelSpacing: undefined,
    RescaleIntercept: undefined,
    RescaleSlope: undefined,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [
          { ImageOrientationPatient: [d[0], d[3], d[6], d[1], d[4], d[7]].map(formatDs) },
        ],
        PixelMeasuresSequence: [{ PixelSpacing: [formatDs(sy), formatDs(sx)], SliceThickness: formatDs(sz) }],
        PixelValueTransformationSequence: [
          { RescaleIntercept: '-1024', RescaleSlope: '1', RescaleType: 'HU' },
        ],
        ...extra.sharedGroups,
      },
    ],
    PerFrameFunctionalGroupsSequence: frameOrder.map((k) => ({
      PlanePositionSequence: [{ ImagePositionPatient: indexToLps(volume.grid, [0, 0, k]).map(formatDs) }],
    })),
    ...extra.dataset,
  });
  if (encoding === 'rle') {
    dataset.PixelData = frames.map((f) => f.slice().buffer);
    dataset._vrMap = { PixelData: 'OB' };
  } else {
    const all = new Uint8Array(frames.length * plane * 2);
    frames.forEach((f, i) => all.set(f, i * plane * 2));
    dataset.PixelData = all.buffer;
  }
  return writePart10(dataset, encoding === 'rle' ? RLE_LOSSLESS : EXPLICIT_VR_LITTLE_ENDIAN);
}
