import { DicomError, GeometryMismatchError } from '../errors.ts';
import type { Grid, Mask } from '../volume/types.ts';
import { lpsToIndex } from '../volume/grid.ts';
import type { DicomDataset } from './part10.ts';
import { describeTransferSyntax, readPart10 } from './part10.ts';
import {
  optionalNumber,
  optionalNumbers,
  optionalString,
  requireNumber,
  sequenceItem,
} from './dataset-values.ts';
import { pixelCodecOf } from './transfer-syntax.ts';
import { SEGMENTATION_STORAGE } from './seg-writer.ts';

/**
 * DICOM Segmentation Storage reader: BINARY (1-bit, frames packed back to back) and FRACTIONAL (8-bit,
 * a voxel is in when its value is at least half of MaximumFractionalValue) segmentations, mapped onto a
 * given CT grid through each frame's ImagePositionPatient. The SEG must share the grid's orientation,
 * in-plane size and spacing; frames must fall on its slices (PS3.3 C.8.20.2, C.7.6.16).
 */

/** One segment as described in the SEG's SegmentSequence. */
export interface SegmentInfo {
  readonly number: number;
  readonly label: string;
  readonly algorithmType: string | undefined;
}

/** A SEG read onto a grid: mask value = segment number (or 1 when one segment was selected). */
export interface Segmentation {
  readonly mask: Mask;
  readonly segments: readonly SegmentInfo[];
  readonly referencedSeriesInstanceUid: string | undefined;
  readonly frameOfReferenceUid: string | undefined;
  /** The content identification (PS3.3 C.10.9): label, description, creator, date (DA) and time (TM). */
  readonly content: {
    readonly label: string | undefined;
    readonly description: string | undefined;
    readonly creatorName: string | undefined;
    readonly date: string | undefined;
    readonly time: string | undefined;
  };
}

/** Options of {@link readSegmentation}. */
export interface SegReadOptions {
  /** Read only this segment number, as label 1. */
  readonly segment?: number;
  /** Largest distance of a frame from its slice position, in mm (default 0.01). */
  readonly toleranceMm?: number;
}

function groupValue(
  frame: DicomDataset | undefined,
  shared: DicomDataset | undefined,
  seq: string,
): DicomDataset | undefined {
  return (
    (frame === undefined ? undefined : sequenceItem(frame, seq)) ??
    (shared === undefined ? undefined : sequenceItem(shared, seq))
  );
}

function bad(source: string, why: string): DicomError {
  return new DicomError('invalid-segmentation', `${source}: ${why}`);
}

/**
 * Reads a DICOM SEG onto `grid` (the CT it was drawn on). Throws {@link DicomError}
 * `invalid-segmentation` for a malformed SEG and {@link GeometryMismatchError} when it does not lie on the grid.
 */
export function readSegmentation(
  bytes: Uint8Array,
  grid: Grid,
  source = 'SEG',
  options: SegReadOptions = {},
): Segmentation {
  const file = readPart10(bytes, source);
  const ds = file.dataset;
  if (optionalString(ds, 'SOPClassUID') !== SEGMENTATION_STORAGE) {
    throw new DicomError(
      'unsupported-sop-class',
      `${source} is not a DICOM Segmentation (SOP Class ${optionalString(ds, 'SOPClassUID') ?? 'none'})`,
    );
  }
  if (
    pixelCodecOf(file.transferSyntaxUid) !== 'native' ||
    file.pixelData === undefined ||
    file.pixelData.encapsulated
  ) {
    throw new DicomError(
      'unsupported-transfer-syntax',
      `${source}: SEG pixel data in ${describeTransferSyntax(file)} are not read; store it uncompressed`,
    );
  }
  const type = optionalString(ds, 'SegmentationType') ?? 'BINARY';
  const rows = requireNumber(ds, 'Rows', source);
  const columns = requireNumber(ds, 'Columns', source);
  const frames = optionalNumber(ds, 'NumberOfFrames') ?? 1;
  const [nx, ny, nz] = grid.size;
  if (rows !== ny || columns !== nx) {
    throw new GeometryMismatchError(
      `${source} has ${columns}x${rows} pixels per frame; the CT has ${nx}x${ny}`,
    );
  }
  const bitsAllocated = requireNumber(ds, 'BitsAllocated', source);
  if (!((type === 'BINARY' && bitsAllocated === 1) || (type === 'FRACTIONAL' && bitsAllocated === 8))) {
    throw bad(
      source,
      `SegmentationType ${type} with BitsAllocated ${bitsAllocated} is not a valid combination`,
    );
  }
  const plane = rows * columns;
  const pixels = file.pixelData.bytes;
  const need = type === 'BINARY' ? Math.ceil((frames * plane) / 8) : frames * plane;
  if (pixels.byteLength < need)
    throw bad(source, `PixelData holds ${pixels.byteLength} bytes, ${need} needed for ${frames} frames`);
  const maxFraction = type === 'FRACTIONAL' ? optionalNumber(ds, 'MaximumFractionalValue') : 1;
  if (maxFraction === undefined || !Number.isInteger(maxFraction) || maxFraction < 1) {
    const got = maxFraction ?? 'none';
    throw bad(
      source,
      `FRACTIONAL needs MaximumFractionalValue, the whole number (>= 1) meaning 1, got ${got}`,
    );
  }
  const threshold = maxFraction / 2;

  const segList = Array.isArray(ds.SegmentSequence) ? ds.SegmentSequence : [];
  const segments: SegmentInfo[] = segList.map((_, i) => {
    const item = sequenceItem(ds, 'SegmentSequence', i) ?? {};
    return {
      number: optionalNumber(item, 'SegmentNumber') ?? i + 1,
      label: optionalString(item, 'SegmentLabel') ?? '',
      algorithmType: optionalString(item, 'SegmentAlgorithmType'),
    };
  });
  if (options.segment !== undefined && !segments.some((s) => s.number === options.segment)) {
    throw bad(
      source,
      `segment ${options.segment} is not in the SEG (segments: ${segments.map((s) => s.number).join(', ') || 'none'})`,
    );
  }
  const shared = sequenceItem(ds, 'SharedFunctionalGroupsSequence');
  const tol = options.toleranceMm ?? 0.01;
  const data = new Uint8Array(nx * ny * nz);
  for (let f = 0; f < frames; f++) {
    const perFrame = sequenceItem(ds, 'PerFrameFunctionalGroupsSequence', f);
    const orientation = optionalNumbers(
      groupValue(perFrame, shared, 'PlaneOrientationSequence') ?? {},
      'ImageOrientationPatient',
    );
    const spacing = optionalNumbers(
      groupValue(perFrame, shared, 'PixelMeasuresSequence') ?? {},
      'PixelSpacing',
    );
    const position = optionalNumbers(
      groupValue(perFrame, shared, 'PlanePositionSequence') ?? {},
      'ImagePositionPatient',
    );
    const segNumber = optionalNumber(
      groupValue(perFrame, shared, 'SegmentIdentificationSequence') ?? {},
      'ReferencedSegmentNumber',
    );
    if (
      orientation?.length !== 6 ||
      spacing?.length !== 2 ||
      position?.length !== 3 ||
      segNumber === undefined
    ) {
      throw bad(source, `frame ${f + 1} lacks its orientation, pixel spacing, position or segment number`);
    }
    const d = grid.direction;
    const expected = [d[0], d[3], d[6], d[1], d[4], d[7]];
    if (orientation.some((v, i) => Math.abs(v - expected[i]) > 1e-4)) {
      throw new GeometryMismatchError(
        `${source} frame ${f + 1} has orientation ${orientation.join('\\')}, the CT ${expected.join('\\')}`,
      );
    }
    if (Math.abs(spacing[0] - grid.spacingMm[1]) > 1e-4 || Math.abs(spacing[1] - grid.spacingMm[0]) > 1e-4) {
      throw new GeometryMismatchError(
        `${source} has pixel spacing ${spacing.join('\\')}, the CT ${grid.spacingMm[1]}\\${grid.spacingMm[0]}`,
      );
    }
    const [i, j, kf] = lpsToIndex(grid, [position[0], position[1], position[2]]);
    const k = Math.round(kf);
    const off = Math.hypot(i * grid.spacingMm[0], j * grid.spacingMm[1], (kf - k) * grid.spacingMm[2]);
    if (off > tol || k < 0 || k >= nz) {
      throw new GeometryMismatchError(
        `${source} frame ${f + 1} at ${position.join('\\')} does not fall on a slice of the CT grid`,
      );
    }
    if (options.segment !== undefined && segNumber !== options.segment) continue;
    const value = options.segment !== undefined ? 1 : segNumber;
    if (value < 1 || value > 255)
      throw bad(source, `segment number ${segNumber} does not fit a label mask (1..255)`);
    const base = k * plane;
    for (let p = 0; p < plane; p++) {
      const bit = f * plane + p;
      const on = type === 'BINARY' ? (pixels[bit >> 3] >> (bit & 7)) & 1 : pixels[bit] >= threshold ? 1 : 0;
      if (on === 0) continue;
      const prev = data[base + p];
      if (prev !== 0 && prev !== value) {
        throw bad(
          source,
          `segments ${prev} and ${value} overlap; read one segment at a time with the segment option`,
        );
      }
      data[base + p] = value;
    }
  }
  return {
    mask: { grid, data },
    segments,
    referencedSeriesInstanceUid: optionalString(
      sequenceItem(ds, 'ReferencedSeriesSequence') ?? {},
      'SeriesInstanceUID',
    ),
    frameOfReferenceUid: optionalString(ds, 'FrameOfReferenceUID'),
    content: {
      label: optionalString(ds, 'ContentLabel'),
      description: optionalString(ds, 'ContentDescription'),
      creatorName: personName(ds, 'ContentCreatorName'),
      date: optionalString(ds, 'ContentDate'),
      time: optionalString(ds, 'ContentTime'),
    },
  };
}

/** A PN value as text: dcmjs gives a person name as a string or as `{Alphabetic}`. */
function personName(ds: DicomDataset, keyword: string): string | undefined {
  const v: unknown = ds[keyword];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first === '' ? undefined : first;
  if (typeof first === 'object' && first !== null && 'Alphabetic' in first) {
    const a: unknown = first.Alphabetic;
    return typeof a === 'string' && a !== '' ? a : undefined;
  }
  return undefined;
}
