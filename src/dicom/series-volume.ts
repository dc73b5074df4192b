import { DicomError } from '../errors.ts';
import type { Direction3, Grid, Volume } from '../volume/types.ts';
import { makeGrid } from '../volume/grid.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import type { CtSlice, CtSliceHeader } from './ct-slice.ts';
import { summariseAcquisition } from './acquisition.ts';

/**
 * CT slices to a Volume. Slices are ordered by their position along the slice normal (row x column
 * direction cosines), never by InstanceNumber; the z spacing comes from the positions; the direction
 * matrix has columns [row cosines, column cosines, normal] (ITK convention), in LPS. A series that a
 * regular grid cannot hold without resampling (mixed geometry, gantry tilt, duplicate positions, gaps,
 * irregular spacing) is refused with a {@link DicomError}, or, for gaps and irregular spacing when the
 * caller allows it, taken with its mean spacing and a warning in the result. Nothing is resampled.
 */

/** A condition the caller accepted but should show (QC). */
export interface SeriesWarning {
  readonly code: 'irregular-spacing' | 'missing-slices' | 'single-slice' | 'padding';
  readonly message: string;
}

/** Options of {@link slicesToVolume}. */
export interface SeriesVolumeOptions {
  /** Distance off the common line of slice positions, in mm, above which a series counts as tilted. Default 0.01. */
  readonly positionToleranceMm?: number;
  /** Allowed deviation of one gap from the median gap, as a fraction of it (at least 0.01 mm). Default 0.01. */
  readonly spacingTolerance?: number;
  /** What to do with gaps (missing slices) and irregular spacing: `error` (default) or `warn`. */
  readonly onIrregularSpacing?: 'error' | 'warn';
}

/** A series read as one volume, with the slices' identity in z order and any warnings. */
export interface SeriesVolume {
  readonly volume: Volume;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** SOP Instance UIDs in volume z order. */
  readonly sopInstanceUids: readonly string[];
  readonly warnings: readonly SeriesWarning[];
  /**
   * Modality, contrast/bolus, slice thickness, kernel, equipment and series description from the slices'
   * headers, summarised in z order (several values, or a thickness range, when the slices differ).
   */
  readonly acquisition: AcquisitionInfo;
}

const DIRECTION_TOLERANCE = 1e-4;

function cross(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function unit(a: readonly number[]): [number, number, number] {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** Row, column and normal unit vectors of ImageOrientationPatient; throws unless the two cosines are orthonormal. */
function axesOf(s: CtSliceHeader): { row: number[]; col: number[]; normal: number[] } {
  const o = s.orientation;
  const rowRaw = [o[0], o[1], o[2]];
  const colRaw = [o[3], o[4], o[5]];
  const nr = Math.hypot(o[0], o[1], o[2]);
  const nc = Math.hypot(o[3], o[4], o[5]);
  if (Math.abs(nr - 1) > 1e-3 || Math.abs(nc - 1) > 1e-3 || Math.abs(dot(rowRaw, colRaw)) > 1e-3) {
    throw new DicomError(
      'mixed-geometry',
      `${s.source}: ImageOrientationPatient ${o.join('\\')} is not two orthogonal unit vectors`,
    );
  }
  const row = unit(rowRaw);
  // Remove the small non-orthogonal part the stored decimals leave, so the direction is orthonormal.
  const d = dot(row, colRaw);
  const col = unit([colRaw[0] - d * row[0], colRaw[1] - d * row[1], colRaw[2] - d * row[2]]);
  return { row, col, normal: cross(row, col) };
}

function assertSameSeries(slices: readonly CtSliceHeader[]): void {
  const a = slices[0];
  for (const s of slices) {
    if (s.seriesInstanceUid !== a.seriesInstanceUid) {
      throw new DicomError(
        'mixed-series',
        `the instances belong to more than one series (${a.seriesInstanceUid} and ${s.seriesInstanceUid}); read one series at a time`,
      );
    }
    const what =
      s.rows !== a.rows || s.columns !== a.columns
        ? `size ${s.columns}x${s.rows} vs ${a.columns}x${a.rows}`
        : Math.abs(s.pixelSpacingMm[0] - a.pixelSpacingMm[0]) > 1e-4 ||
            Math.abs(s.pixelSpacingMm[1] - a.pixelSpacingMm[1]) > 1e-4
          ? `PixelSpacing ${s.pixelSpacingMm.join('\\')} vs ${a.pixelSpacingMm.join('\\')}`
          : s.orientation.some((v, i) => Math.abs(v - a.orientation[i]) > DIRECTION_TOLERANCE)
            ? `ImageOrientationPatient ${s.orientation.join('\\')} vs ${a.orientation.join('\\')}`
            : s.frameOfReferenceUid !== undefined &&
                a.frameOfReferenceUid !== undefined &&
                s.frameOfReferenceUid !== a.frameOfReferenceUid
              ? `FrameOfReferenceUID ${s.frameOfReferenceUid} vs ${a.frameOfReferenceUid}`
              : undefined;
    if (what !== undefined) {
      throw new DicomError(
        'mixed-geometry',
        `series ${a.seriesInstanceUid} mixes slice geometries (${s.source}: ${what}); a volume needs one grid, so this series cannot be read as is`,
      );
    }
  }
}

function median(values: readonly number[]): number {
  const v = [...values].sort((x, y) => x - y);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Where each slice goes in the volume and the volume's grid, from the slices' headers alone. */
export interface SeriesPlan {
  /** Indices into the planned slices, in volume z order. */
  readonly order: readonly number[];
  readonly grid: Grid;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Warnings about geometry (padding is counted when the pixels are stacked). */
  readonly warnings: readonly SeriesWarning[];
}

/**
 * Orders CT slices of one series along the slice normal and derives the volume grid (LPS, ITK direction
 * columns [row cosines, column cosines, normal]). Throws {@link DicomError} (`empty-series`,
 * `mixed-series`, `mixed-geometry`, `gantry-tilt`, `duplicate-slice`, `missing-slices`,
 * `irregular-spacing`) when the slices do not form one regular grid.
 */
export function planSeriesVolume(
  slices: readonly CtSliceHeader[],
  options: SeriesVolumeOptions = {},
): SeriesPlan {
  if (slices.length === 0) throw new DicomError('empty-series', 'the series holds no CT image to read');
  assertSameSeries(slices);
  const first = slices[0];
  const { row, col, normal } = axesOf(first);
  const posTol = options.positionToleranceMm ?? 0.01;
  const warnings: SeriesWarning[] = [];

  const order = slices
    .map((s, i) => ({ s, i, d: dot(s.positionLpsMm, normal) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const p0 = order[0].s.positionLpsMm;
  for (const { s, d } of order) {
    // Offset of this slice's position from the line through the first one along the normal.
    const along = d - order[0].d;
    const off = Math.hypot(
      s.positionLpsMm[0] - p0[0] - along * normal[0],
      s.positionLpsMm[1] - p0[1] - along * normal[1],
      s.positionLpsMm[2] - p0[2] - along * normal[2],
    );
    if (off > posTol) {
      const angle = along === 0 ? 90 : (Math.atan2(off, Math.abs(along)) * 180) / Math.PI;
      throw new DicomError(
        'gantry-tilt',
        `series ${first.seriesInstanceUid}: slice positions do not lie along the slice normal (${s.source} is ${off.toFixed(3)} mm off it, about ${angle.toFixed(2)} degrees of gantry tilt or shear); a tilted series needs resampling, which is not done silently`,
      );
    }
  }
  const gaps: number[] = [];
  for (let k = 1; k < order.length; k++) {
    const gap = order[k].d - order[k - 1].d;
    if (gap <= posTol) {
      throw new DicomError(
        'duplicate-slice',
        `series ${first.seriesInstanceUid}: ${order[k - 1].s.source} and ${order[k].s.source} share the position ${order[k].d.toFixed(3)} mm along the normal; remove the duplicate instance`,
      );
    }
    gaps.push(gap);
  }
  let dz: number;
  if (gaps.length === 0) {
    dz = first.sliceThicknessMm ?? 1;
    warnings.push({
      code: 'single-slice',
      message: `series ${first.seriesInstanceUid} has one slice; its z spacing is taken from SliceThickness (${dz} mm)`,
    });
  } else {
    const nominal = median(gaps);
    const tol = Math.max(0.01, (options.spacingTolerance ?? 0.01) * nominal);
    dz = (order[order.length - 1].d - order[0].d) / gaps.length;
    let worst = 0;
    let worstAt = 0;
    gaps.forEach((g, k) => {
      if (Math.abs(g - nominal) > Math.abs(worst)) {
        worst = g - nominal;
        worstAt = k;
      }
    });
    if (Math.abs(worst) > tol) {
      const g = gaps[worstAt];
      const ratio = g / nominal;
      const missing = Math.abs(ratio - Math.round(ratio)) * nominal <= tol && Math.round(ratio) >= 2;
      const code = missing ? 'missing-slices' : 'irregular-spacing';
      const message = missing
        ? `series ${first.seriesInstanceUid}: about ${Math.round(ratio) - 1} slice(s) missing between ${order[worstAt].s.source} and ${order[worstAt + 1].s.source} (gap ${g.toFixed(3)} mm, usual ${nominal.toFixed(3)} mm)`
        : `series ${first.seriesInstanceUid}: slice spacing varies (gap ${g.toFixed(3)} mm after ${order[worstAt].s.source}, usual ${nominal.toFixed(3)} mm)`;
      if ((options.onIrregularSpacing ?? 'error') === 'error') {
        throw new DicomError(code, `${message}; a regular grid cannot hold it without resampling`);
      }
      warnings.push({ code, message: `${message}; read with the mean spacing ${dz.toFixed(4)} mm` });
    }
  }

  const direction: Direction3 = [
    row[0],
    col[0],
    normal[0],
    row[1],
    col[1],
    normal[1],
    row[2],
    col[2],
    normal[2],
  ];
  const o = order[0].s.positionLpsMm;
  const grid = makeGrid(
    [first.columns, first.rows, order.length],
    [first.pixelSpacingMm[1], first.pixelSpacingMm[0], dz],
    [o[0], o[1], o[2]],
    direction,
  );
  return {
    order: order.map(({ i }) => i),
    grid,
    studyInstanceUid: first.studyInstanceUid,
    seriesInstanceUid: first.seriesInstanceUid,
    warnings,
  };
}

/** The warning for `padded` padding pixels, if any. */
export function paddingWarnings(padded: number): SeriesWarning[] {
  return padded > 0
    ? [{ code: 'padding', message: `${padded} padding pixels (PixelPaddingValue) were set apart` }]
    : [];
}

/**
 * Stacks CT slices of one series into a Volume (HU, Float32Array, LPS geometry) in the order of
 * {@link planSeriesVolume}, which throws when the slices do not form one regular grid.
 */
export function slicesToVolume(slices: readonly CtSlice[], options: SeriesVolumeOptions = {}): SeriesVolume {
  const plan = planSeriesVolume(slices, options);
  const plane = plan.grid.size[0] * plan.grid.size[1];
  const data = new Float32Array(plane * slices.length);
  let padded = 0;
  plan.order.forEach((i, k) => {
    data.set(slices[i].hu, k * plane);
    padded += slices[i].paddedCount;
  });
  return {
    volume: { grid: plan.grid, data },
    studyInstanceUid: plan.studyInstanceUid,
    seriesInstanceUid: plan.seriesInstanceUid,
    sopInstanceUids: plan.order.map((i) => slices[i].sopInstanceUid),
    warnings: [...plan.warnings, ...paddingWarnings(padded)],
    acquisition: summariseAcquisition(plan.order.map((i) => slices[i])),
  };
}
