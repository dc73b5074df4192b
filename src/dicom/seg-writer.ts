import { DicomError } from '../errors.ts';
import type { Grid, Mask } from '../volume/types.ts';
import { indexToLps } from '../volume/grid.ts';
import { CT_IMAGE_STORAGE } from './ct-slice.ts';
import { formatDs, writePart10 } from './ct-writer.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.ts';
import { deterministicUid, randomUid } from './uid.ts';

/**
 * DICOM Segmentation Storage (PS3.3 A.51, C.8.20) writer: a label Mask on a CT grid becomes one BINARY
 * SEG instance with one segment per label and one frame per (segment, slice holding that label). Frames
 * are 1-bit pixels packed without padding between frames, first pixel in the least significant bit
 * (PS3.5 8.1.1). A FRACTIONAL SEG (C.8.20.2.3) stores 8-bit pixels instead, 0..MaximumFractionalValue,
 * written from a Mask (label voxels at the maximum) or from a per-voxel fraction map. Geometry goes in the
 * shared (orientation, spacing) and per-frame (position) functional groups; each frame cites its source CT
 * slice when the slice UIDs are known.
 */

/** Segmentation Storage SOP Class UID. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** A coded concept (code value, scheme, meaning). */
export interface CodedConcept {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

/** One segment to write: which mask label, and how it is described. */
export interface SegmentDescription {
  readonly label: number;
  readonly name: string;
  readonly algorithmType: 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';
  /** Required unless MANUAL. */
  readonly algorithmName?: string;
  /** Default SNOMED CT 91723000 "Anatomical Structure". */
  readonly category?: CodedConcept;
  /** Default SNOMED CT 14016003 "Bone marrow". */
  readonly type?: CodedConcept;
}

/** The CT series the mask was drawn on. */
export interface SegReference {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  /** SOP Instance UIDs of the CT slices in volume z order, when known. */
  readonly sopInstanceUids?: readonly string[];
  readonly patientId?: string;
  readonly patientName?: string;
}

/** Per-voxel fractions (0..1) of one segment on the CT grid, in Mask voxel order (x fastest, then y, z). */
export interface FractionMap {
  readonly grid: Grid;
  /** The probability, or the occupied proportion, of the segment at each voxel. */
  readonly fractions: Float32Array | Uint8Array;
}

/** How a FRACTIONAL SEG is written (PS3.3 C.8.20.2.3). */
export interface FractionalOptions {
  /** SegmentationFractionalType: what a value means (default PROBABILITY). */
  readonly fractionalType?: 'PROBABILITY' | 'OCCUPANCY';
  /** MaximumFractionalValue, the stored value of a fraction of 1: a whole number 1..255 (default 255). */
  readonly maximumFractionalValue?: number;
}

/** Options of {@link writeSegmentation}. */
export interface SegWriterOptions {
  readonly seed?: string | number;
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly seriesDescription?: string;
  readonly contentLabel?: string;
  /** ContentDescription (LO, at most 64 characters); default "BoneMet Risk segmentation". */
  readonly contentDescription?: string;
  /** ContentCreatorName (PN): who made or reviewed the segmentation; default empty. */
  readonly contentCreatorName?: string;
  /** When it was made (written in UTC as ContentDate/Time and SeriesDate/Time); default 2024-01-01 12:00. */
  readonly contentTime?: Date;
  /** SeriesNumber; default 300. */
  readonly seriesNumber?: number;
  /** Of the study the CT belongs to (a SEG stored into it must name the same patient); default empty. */
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly accessionNumber?: string;
  /** Write a FRACTIONAL SEG instead of BINARY (always so for a FractionMap). */
  readonly fractional?: FractionalOptions;
}

const ANATOMICAL_STRUCTURE: CodedConcept = {
  value: '91723000',
  scheme: 'SCT',
  meaning: 'Anatomical Structure',
};
const BONE_MARROW: CodedConcept = { value: '14016003', scheme: 'SCT', meaning: 'Bone marrow' };

function code(c: CodedConcept): Record<string, string> {
  return { CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}

function invalid(why: string): DicomError {
  return new DicomError('invalid-segmentation', why);
}

/** Checks `o` and fills in the defaults (PROBABILITY, 255). */
function fractionalSettings(o: FractionalOptions): { type: string; max: number } {
  const type: string = o.fractionalType ?? 'PROBABILITY';
  const max = o.maximumFractionalValue ?? 255;
  if (type !== 'PROBABILITY' && type !== 'OCCUPANCY')
    throw invalid(`fractionalType must be PROBABILITY or OCCUPANCY (PS3.3 C.8.20.2.3), got "${type}"`);
  if (!Number.isInteger(max) || max < 1 || max > 255) {
    const why = 'the stored value of a fraction of 1; 255 is usual';
    throw invalid(`maximumFractionalValue must be a whole number from 1 to 255 (${why}), got ${max}`);
  }
  return { type, max };
}

/**
 * The stored pixel value of segment `s` (index into `segments`) at voxel `i`: `max` on the segment's mask
 * label, else 0; for a fraction map, round(fraction * max). Checks a fraction map against the grid first.
 */
function storedValues(
  source: Mask | FractionMap,
  segments: readonly SegmentDescription[],
  max: number,
): (s: number, i: number) => number {
  if (!('fractions' in source)) return (s, i) => (source.data[i] === segments[s].label ? max : 0);
  const [nx, ny, nz] = source.grid.size;
  const f = source.fractions;
  if (segments.length !== 1)
    throw invalid(`a fraction map is one segment; describe exactly one, not ${segments.length}`);
  if (f.length !== nx * ny * nz) {
    const need = `its ${nx}x${ny}x${nz} grid needs ${nx * ny * nz}, one per voxel with x fastest`;
    throw invalid(`the fraction map holds ${f.length} values; ${need}`);
  }
  const scaled = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) {
    if (!(f[i] >= 0 && f[i] <= 1)) {
      const at = `voxel ${i} (x ${i % nx}, y ${Math.floor(i / nx) % ny}, z ${Math.floor(i / (nx * ny))})`;
      throw invalid(`fraction ${f[i]} at ${at} is outside 0..1; clamp or rescale the map before writing`);
    }
    scaled[i] = Math.round(f[i] * max);
  }
  if (!scaled.some((v) => v > 0)) {
    const least = `${(0.5 / max).toPrecision(3)}, the least stored as 1 of ${max}`;
    throw invalid(`the fraction map of "${segments[0].name}" is empty: no fraction reaches ${least}`);
  }
  return (_s, i) => scaled[i];
}

/**
 * Writes `source` as a DICOM SEG (Explicit VR Little Endian) referencing the CT series: BINARY from a Mask,
 * FRACTIONAL with `options.fractional` or from a FractionMap (one segment, whose label selects nothing).
 * A stored value v = round(fraction * MaximumFractionalValue) reads as inside when v >= the maximum / 2;
 * with an odd maximum (255, the default) that is exactly fraction >= 0.5.
 * Throws {@link DicomError} `invalid-segmentation` when a described label is absent from the mask, labels
 * repeat, or the fraction map or fractional options are unusable.
 */
export function writeSegmentation(
  source: Mask | FractionMap,
  reference: SegReference,
  segments: readonly SegmentDescription[],
  options: SegWriterOptions = {},
): Uint8Array {
  const grid = source.grid;
  const [nx, ny, nz] = grid.size;
  const plane = nx * ny;
  if (segments.length === 0 || new Set(segments.map((s) => s.label)).size !== segments.length) {
    throw invalid('give at least one segment, each with its own mask label');
  }
  if (reference.sopInstanceUids !== undefined && reference.sopInstanceUids.length !== nz) {
    throw invalid(
      `the reference lists ${reference.sopInstanceUids.length} CT slices for a segmentation of ${nz} slices`,
    );
  }
  const fractional =
    'fractions' in source || options.fractional !== undefined
      ? fractionalSettings(options.fractional ?? {})
      : undefined;
  const stored = storedValues(source, segments, fractional?.max ?? 1);
  const frames: { segment: number; k: number }[] = [];
  segments.forEach((s, si) => {
    const before = frames.length;
    for (let k = 0; k < nz; k++) {
      for (let i = k * plane; i < (k + 1) * plane; i++) {
        if (stored(si, i) > 0) {
          frames.push({ segment: si + 1, k });
          break;
        }
      }
    }
    if (frames.length === before) throw invalid(`label ${s.label} ("${s.name}") is not present in the mask`);
  });
  const bitsAllocated = fractional === undefined ? 1 : 8;
  const pixels = new Uint8Array(Math.ceil((frames.length * plane * bitsAllocated) / 8));
  frames.forEach((f, fi) => {
    const base = f.k * plane;
    for (let i = 0; i < plane; i++) {
      const v = stored(f.segment - 1, base + i);
      const p = fi * plane + i;
      if (v === 0) continue;
      if (fractional === undefined) pixels[p >> 3] |= 1 << (p & 7);
      else pixels[p] = v;
    }
  });
  const uid = (role: string): string =>
    options.seed === undefined ? randomUid() : deterministicUid(options.seed, `seg/${role}`);
  const d = grid.direction;
  const [sx, sy, sz] = grid.spacingMm;
  const sopUid = options.sopInstanceUid ?? uid('instance');
  const dimensionUid = uid('dimension-organization');
  const sourceRef = (k: number): Record<string, unknown>[] =>
    reference.sopInstanceUids === undefined
      ? []
      : [
          {
            DerivationCodeSequence: [code({ value: '113076', scheme: 'DCM', meaning: 'Segmentation' })],
            SourceImageSequence: [
              {
                ReferencedSOPClassUID: CT_IMAGE_STORAGE,
                ReferencedSOPInstanceUID: reference.sopInstanceUids[k],
                PurposeOfReferenceCodeSequence: [
                  code({
                    value: '121322',
                    scheme: 'DCM',
                    meaning: 'Source image for image processing operation',
                  }),
                ],
              },
            ],
          },
        ];
  const when = options.contentTime?.toISOString();
  const contentDate = when === undefined ? '20240101' : when.slice(0, 10).replace(/-/g, '');
  const contentTime = when === undefined ? '120000' : when.slice(11, 19).replace(/:/g, '');
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopUid,
    StudyDate: options.studyDate ?? '20240101',
    StudyTime: options.studyTime ?? '120000',
    ContentDate: contentDate,
    ContentTime: contentTime,
    SeriesDate: contentDate,
    SeriesTime: contentTime,
    ...(options.contentTime === undefined ? {} : { TimezoneOffsetFromUTC: '+0000' }),
    AccessionNumber: options.accessionNumber ?? '',
    Modality: 'SEG',
    Manufacturer: 'BoneMet Risk',
    ReferringPhysicianName: '',
    SeriesDescription: options.seriesDescription ?? 'marrow ROI',
    ManufacturerModelName: 'BoneMet Risk',
    DeviceSerialNumber: '0',
    SoftwareVersions: '0.1',
    PatientName: reference.patientName ?? '',
    PatientID: reference.patientId ?? '',
    PatientBirthDate: '',
    PatientSex: '',
    StudyInstanceUID: reference.studyInstanceUid,
    SeriesInstanceUID: options.seriesInstanceUid ?? uid('series'),
    StudyID: '',
    SeriesNumber: options.seriesNumber ?? 300,
    InstanceNumber: 1,
    FrameOfReferenceUID: reference.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: reference.seriesInstanceUid,
        ReferencedInstanceSequence: (reference.sopInstanceUids ?? []).map((u) => ({
          ReferencedSOPClassUID: CT_IMAGE_STORAGE,
          ReferencedSOPInstanceUID: u,
        })),
      },
    ],
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionUid }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionUid,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
      },
      {
        DimensionOrganizationUID: dimensionUid,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
      },
    ],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: frames.length,
    Rows: ny,
    Columns: nx,
    BitsAllocated: bitsAllocated,
    BitsStored: bitsAllocated,
    HighBit: bitsAllocated - 1,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    ContentLabel: options.contentLabel ?? 'ROI',
    ContentDescription: options.contentDescription ?? 'BoneMet Risk segmentation',
    ContentCreatorName: options.contentCreatorName ?? '',
    SegmentationType: fractional === undefined ? 'BINARY' : 'FRACTIONAL',
    ...(fractional === undefined
      ? {}
      : { SegmentationFractionalType: fractional.type, MaximumFractionalValue: fractional.max }),
    SegmentSequence: segments.map((s, si) => ({
      SegmentNumber: si + 1,
      SegmentLabel: s.name,
      SegmentAlgorithmType: s.algorithmType,
      ...(s.algorithmType === 'MANUAL' ? {} : { SegmentAlgorithmName: s.algorithmName ?? 'BoneMet Risk' }),
      SegmentedPropertyCategoryCodeSequence: [code(s.category ?? ANATOMICAL_STRUCTURE)],
      SegmentedPropertyTypeCodeSequence: [code(s.type ?? BONE_MARROW)],
    })),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [
          { ImageOrientationPatient: [d[0], d[3], d[6], d[1], d[4], d[7]].map(formatDs) },
        ],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [formatDs(sy), formatDs(sx)],
            SliceThickness: formatDs(sz),
            SpacingBetweenSlices: formatDs(sz),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => ({
      FrameContentSequence: [{ DimensionIndexValues: [f.segment, f.k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: indexToLps(grid, [0, 0, f.k]).map(formatDs) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
      ...(reference.sopInstanceUids === undefined ? {} : { DerivationImageSequence: sourceRef(f.k) }),
    })),
    PixelData: pixels.buffer,
    _vrMap: { PixelData: 'OB' },
  };
  return writePart10(dataset, EXPLICIT_VR_LITTLE_ENDIAN);
}
