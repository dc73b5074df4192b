import dcmjs from 'dcmjs';
import { DicomError } from '../errors.ts';
import type { Volume } from '../volume/types.ts';
import { indexToLps } from '../volume/grid.ts';
import type { PixelFormat } from './pixel-data.ts';
import { CT_IMAGE_STORAGE } from './ct-slice.ts';

/** SOP Class UID of MR Image Storage (PS3.4 annex B.5). */
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  JPEG2000_LOSSLESS,
  JPEG_LS_LOSSLESS,
  RLE_LOSSLESS,
} from './transfer-syntax.ts';
import { encodeRleFrame } from './rle.ts';
import { encodeJpeg2000Lossless } from './jpeg2000.ts';
import { encodeJpegLsLossless } from './jpeg-ls.ts';
import { deterministicUid, randomUid } from './uid.ts';

/**
 * Writes a Volume as a DICOM CT Image Storage series (one Part 10 file per z slice) with dcmjs. Stored
 * values are round((HU - intercept) / slope) in the chosen pixel representation; geometry follows the
 * volume: ImageOrientationPatient = direction columns 0 and 1, ImagePositionPatient = LPS of voxel (0,0,k).
 */

/** Pixel encodings the writer produces. */
export type CtWriterEncoding = 'explicit' | 'implicit' | 'rle' | 'jpeg2000' | 'jpeg-ls';

/** Options of {@link writeCtSeries}. */
export interface CtWriterOptions {
  /** Seed of deterministic UIDs; without it and without explicit UIDs, UIDs are random. */
  readonly seed?: string | number;
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly frameOfReferenceUid?: string;
  readonly patientId?: string;
  readonly patientName?: string;
  readonly studyDate?: string;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  readonly encoding?: CtWriterEncoding;
  /** 1 = signed (default), 0 = unsigned. */
  readonly pixelRepresentation?: 0 | 1;
  /** BitsStored (default 16; HighBit = BitsStored - 1). */
  readonly bitsStored?: number;
  readonly rescaleSlope?: number;
  /** Default 0 for signed pixels, -1024 for unsigned. */
  readonly rescaleIntercept?: number;
  /** PixelPaddingValue to declare (stored value), if any. */
  readonly pixelPaddingValue?: number;
  /** InstanceNumber 1 at z index 0 (`ascending`, default) or at the last slice (`descending`). */
  readonly instanceNumbering?: 'ascending' | 'descending';
  /**
   * Modality (default `CT`). `MR` writes MR Image Storage instances (no KVP, no RescaleType HU) carrying the
   * same pixels, for tests of what a reader does with a series that is not CT.
   */
  readonly modality?: 'CT' | 'MR';
  /** ContrastBolusAgent (0018,0010), e.g. `OMNIPAQUE 350` or `NONE`; not written when absent. */
  readonly contrastBolusAgent?: string;
  /** ContrastBolusRoute (0018,1040), e.g. `IV`; not written when absent. */
  readonly contrastBolusRoute?: string;
  /** ContrastBolusVolume (0018,1041), ml; not written when absent. */
  readonly contrastBolusVolumeMl?: number;
  /** ContrastBolusStartTime (0018,1042), DICOM TM (HHMMSS); not written when absent. */
  readonly contrastBolusStartTime?: string;
  /** ConvolutionKernel (0018,1210), e.g. `B30f`; not written when absent. */
  readonly convolutionKernel?: string;
  /** SliceThickness (0018,0050), mm; default the z spacing. */
  readonly sliceThicknessMm?: number;
  /** Extra or overriding attributes (dcmjs keywords), for tests of unusual files. */
  readonly extraAttributes?: Readonly<Record<string, unknown>>;
}

/** A decimal string (DS, at most 16 characters) for a number. */
export function formatDs(x: number): string {
  if (!Number.isFinite(x)) throw new DicomError('value-out-of-range', `cannot write ${x} as a DICOM decimal`);
  const v = Math.abs(x) < 1e-10 ? 0 : x;
  for (let p = 16; p >= 1; p--) {
    const s = String(Number(v.toPrecision(p)));
    if (s.length <= 16) return s;
  }
  return v.toExponential(6);
}

function encodingSyntax(e: CtWriterEncoding): string {
  return e === 'implicit'
    ? IMPLICIT_VR_LITTLE_ENDIAN
    : e === 'rle'
      ? RLE_LOSSLESS
      : e === 'jpeg2000'
        ? JPEG2000_LOSSLESS
        : e === 'jpeg-ls'
          ? JPEG_LS_LOSSLESS
          : EXPLICIT_VR_LITTLE_ENDIAN;
}

function sliceBytes(
  volume: Volume,
  k: number,
  fmt: PixelFormat,
  slope: number,
  intercept: number,
): Uint8Array {
  const plane = fmt.rows * fmt.columns;
  const out = new Uint8Array(plane * 2);
  const signed = fmt.pixelRepresentation === 1;
  const lo = signed ? -(2 ** (fmt.bitsStored - 1)) : 0;
  const hi = signed ? 2 ** (fmt.bitsStored - 1) - 1 : 2 ** fmt.bitsStored - 1;
  for (let i = 0; i < plane; i++) {
    const hu = volume.data[k * plane + i];
    const s = Math.round((hu - intercept) / slope);
    if (!(s >= lo && s <= hi)) {
      throw new DicomError(
        'value-out-of-range',
        `voxel ${i} of slice ${k} (${hu} HU) is stored as ${s}, outside ${lo}..${hi} for ${fmt.bitsStored} ${signed ? 'signed' : 'unsigned'} bits; change RescaleIntercept/Slope or BitsStored`,
      );
    }
    const word = s & 0xffff;
    out[2 * i] = word & 0xff;
    out[2 * i + 1] = word >>> 8;
  }
  return out;
}

/**
 * Writes `volume` (HU) as CT Image Storage Part 10 files, one per z slice, returned in z-index order.
 * Throws {@link DicomError} `value-out-of-range` when a voxel does not fit the stored representation.
 */
export async function writeCtSeries(volume: Volume, options: CtWriterOptions = {}): Promise<Uint8Array[]> {
  const [nx, ny, nz] = volume.grid.size;
  const signed = options.pixelRepresentation ?? 1;
  const bitsStored = options.bitsStored ?? 16;
  const slope = options.rescaleSlope ?? 1;
  const intercept = options.rescaleIntercept ?? (signed === 1 ? 0 : -1024);
  const encoding = options.encoding ?? 'explicit';
  const fmt: PixelFormat = {
    rows: ny,
    columns: nx,
    bitsAllocated: 16,
    bitsStored,
    highBit: bitsStored - 1,
    pixelRepresentation: signed,
  };
  const uid = (role: string): string =>
    options.seed === undefined ? randomUid() : deterministicUid(options.seed, role);
  const studyUid = options.studyInstanceUid ?? uid('study');
  const seriesUid = options.seriesInstanceUid ?? uid('series');
  const forUid = options.frameOfReferenceUid ?? uid('frame-of-reference');
  const d = volume.grid.direction;
  const orientation = [d[0], d[3], d[6], d[1], d[4], d[7]].map(formatDs);
  const [sx, sy, sz] = volume.grid.spacingMm;
  const syntax = encodingSyntax(encoding);
  const mr = options.modality === 'MR';
  // Written only when given, so a series written without them is byte for byte what it was before.
  const contrast: Record<string, unknown> = {
    ...(options.contrastBolusAgent === undefined ? {} : { ContrastBolusAgent: options.contrastBolusAgent }),
    ...(options.contrastBolusRoute === undefined ? {} : { ContrastBolusRoute: options.contrastBolusRoute }),
    ...(options.contrastBolusVolumeMl === undefined
      ? {}
      : { ContrastBolusVolume: formatDs(options.contrastBolusVolumeMl) }),
    ...(options.contrastBolusStartTime === undefined
      ? {}
      : { ContrastBolusStartTime: options.contrastBolusStartTime }),
  };
  const files: Uint8Array[] = [];
  for (let k = 0; k < nz; k++) {
    const sopUid =
      options.seed === undefined ? randomUid() : deterministicUid(options.seed, `${seriesUid}/instance/${k}`);
    const native = sliceBytes(volume, k, fmt, slope, intercept);
    const pixelData =
      encoding === 'rle'
        ? encodeRleFrame(native, fmt)
        : encoding === 'jpeg2000'
          ? await encodeJpeg2000Lossless(native, fmt)
          : encoding === 'jpeg-ls'
            ? await encodeJpegLsLossless(native, fmt)
            : native;
    const position = indexToLps(volume.grid, [0, 0, k]);
    const instanceNumber = options.instanceNumbering === 'descending' ? nz - k : k + 1;
    const dataset: Record<string, unknown> = {
      SpecificCharacterSet: 'ISO_IR 100',
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      SOPClassUID: mr ? MR_IMAGE_STORAGE : CT_IMAGE_STORAGE,
      SOPInstanceUID: sopUid,
      StudyDate: options.studyDate ?? '20240101',
      StudyTime: '120000',
      AccessionNumber: '',
      Modality: mr ? 'MR' : 'CT',
      Manufacturer: 'BoneMet Risk synthetic',
      ReferringPhysicianName: '',
      SeriesDescription: options.seriesDescription ?? 'synthetic CT',
      PatientName: options.patientName ?? 'Synthetic^Patient',
      PatientID: options.patientId ?? 'SYNTH-0001',
      PatientBirthDate: '',
      PatientSex: 'F',
      ...contrast,
      SliceThickness: formatDs(options.sliceThicknessMm ?? sz),
      ...(mr ? {} : { KVP: '120' }),
      ...(options.convolutionKernel === undefined ? {} : { ConvolutionKernel: options.convolutionKernel }),
      PatientPosition: 'HFS',
      StudyInstanceUID: studyUid,
      SeriesInstanceUID: seriesUid,
      StudyID: '1',
      SeriesNumber: options.seriesNumber ?? 1,
      InstanceNumber: instanceNumber,
      ImagePositionPatient: position.map(formatDs),
      ImageOrientationPatient: orientation,
      FrameOfReferenceUID: forUid,
      PositionReferenceIndicator: '',
      SliceLocation: formatDs(position[2]),
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: ny,
      Columns: nx,
      PixelSpacing: [formatDs(sy), formatDs(sx)],
      BitsAllocated: 16,
      BitsStored: bitsStored,
      HighBit: bitsStored - 1,
      PixelRepresentation: signed,
      RescaleIntercept: formatDs(intercept),
      RescaleSlope: formatDs(slope),
      ...(mr ? {} : { RescaleType: 'HU' }),
      ...(options.pixelPaddingValue !== undefined ? { PixelPaddingValue: options.pixelPaddingValue } : {}),
      ...options.extraAttributes,
      PixelData: pixelData.slice().buffer,
      _vrMap: {
        PixelData: encoding === 'explicit' || encoding === 'implicit' ? 'OW' : 'OB',
        PixelPaddingValue: signed === 1 ? 'SS' : 'US',
      },
    };
    files.push(writePart10(dataset, syntax));
  }
  return files;
}

/** Serialises a naturalized dataset as a Part 10 file in the given transfer syntax. */
export function writePart10(
  dataset: Readonly<Record<string, unknown>>,
  transferSyntaxUid: string,
): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: '2.25.80302813137786398554742050926734630921',
    ImplementationVersionName: 'BONEMET_0_1',
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ ...dataset });
  return new Uint8Array(dict.write());
}
