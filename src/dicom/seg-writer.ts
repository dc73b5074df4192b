import { DicomError } from '../errors.ts';
import type { Mask } from '../volume/types.ts';
import { indexToLps } from '../volume/grid.ts';
import { CT_IMAGE_STORAGE } from './ct-slice.ts';
import { formatDs, writePart10 } from './ct-writer.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.ts';
import { deterministicUid, randomUid } from './uid.ts';

/**
 * DICOM Segmentation Storage (PS3.3 A.51, C.8.20) writer: a label Mask on a CT grid becomes one BINARY
 * SEG instance with one segment per label and one frame per (segment, slice holding that label). Frames
 * are 1-bit pixels packed without padding between frames, first pixel in the least significant bit
 * (PS3.5 8.1.1). Geometry goes in the shared (orientation, spacing) and per-frame (position) functional
 * groups; each frame cites its source CT slice when the slice UIDs are known.
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

/** Options of {@link writeSegmentation}. */
export interface SegWriterOptions {
  readonly seed?: string | number;
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly seriesDescription?: string;
  readonly contentLabel?: string;
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

/**
 * Writes `mask` as a BINARY DICOM SEG (Explicit VR Little Endian) referencing the CT series. Throws
 * {@link DicomError} `invalid-segmentation` when a described label is absent from the mask or labels repeat.
 */
export function writeSegmentation(
  mask: Mask,
  reference: SegReference,
  segments: readonly SegmentDescription[],
  options: SegWriterOptions = {},
): Uint8Array {
  const [nx, ny, nz] = mask.grid.size;
  const plane = nx * ny;
  if (segments.length === 0 || new Set(segments.map((s) => s.label)).size !== segments.length) {
    throw new DicomError('invalid-segmentation', 'give at least one segment, each with its own mask label');
  }
  if (reference.sopInstanceUids !== undefined && reference.sopInstanceUids.length !== nz) {
    throw new DicomError(
      'invalid-segmentation',
      `the reference lists ${reference.sopInstanceUids.length} CT slices for a mask of ${nz} slices`,
    );
  }
  const frames: { segment: number; k: number }[] = [];
  segments.forEach((s, si) => {
    const before = frames.length;
    for (let k = 0; k < nz; k++) {
      for (let i = k * plane; i < (k + 1) * plane; i++) {
        if (mask.data[i] === s.label) {
          frames.push({ segment: si + 1, k });
          break;
        }
      }
    }
    if (frames.length === before) {
      throw new DicomError(
        'invalid-segmentation',
        `label ${s.label} ("${s.name}") is not present in the mask`,
      );
    }
  });
  const bits = new Uint8Array(Math.ceil((frames.length * plane) / 8));
  frames.forEach((f, fi) => {
    const label = segments[f.segment - 1].label;
    const base = f.k * plane;
    for (let i = 0; i < plane; i++) {
      if (mask.data[base + i] === label) {
        const bit = fi * plane + i;
        bits[bit >> 3] |= 1 << (bit & 7);
      }
    }
  });
  const uid = (role: string): string =>
    options.seed === undefined ? randomUid() : deterministicUid(options.seed, `seg/${role}`);
  const d = mask.grid.direction;
  const [sx, sy, sz] = mask.grid.spacingMm;
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
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopUid,
    StudyDate: '20240101',
    StudyTime: '120000',
    ContentDate: '20240101',
    ContentTime: '120000',
    AccessionNumber: '',
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
    SeriesNumber: 300,
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
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    ContentLabel: options.contentLabel ?? 'ROI',
    ContentDescription: 'BoneMet Risk segmentation',
    ContentCreatorName: '',
    SegmentationType: 'BINARY',
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
      PlanePositionSequence: [{ ImagePositionPatient: indexToLps(mask.grid, [0, 0, f.k]).map(formatDs) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
      ...(reference.sopInstanceUids === undefined ? {} : { DerivationImageSequence: sourceRef(f.k) }),
    })),
    PixelData: bits.buffer,
    _vrMap: { PixelData: 'OB' },
  };
  return writePart10(dataset, EXPLICIT_VR_LITTLE_ENDIAN);
}
