/**
 * A small picture of the ROI for people to check it: the axial slice through the ROI's largest cross-section,
 * cropped to a square around the ROI (at least `minSideMm` wide, so the whole vertebral body and its
 * surroundings show), with the CT in HU and the ROI mask on the same pixels. Pure; a few tens of kilobytes, so
 * it can be kept with the analysis result.
 */
import { indexToLps } from '../volume/grid.ts';
import type { Mask, Volume } from '../volume/types.ts';

/** The preview slice: row-major (x fastest), `width` x `height` pixels of `spacingMm`. */
export interface RoiPreview {
  /** Slice index in the volume and its LPS z (mm). */
  readonly zIndex: number;
  readonly zMm: number;
  readonly width: number;
  readonly height: number;
  readonly spacingMm: readonly [number, number];
  /** HU, rounded and clamped to Int16. */
  readonly hu: Int16Array;
  /** 1 inside the ROI. */
  readonly mask: Uint8Array;
}

/** The preview of `mask` (label `label`, default any non-zero) on `volume`; undefined for an empty mask. */
export function roiPreview(
  volume: Volume,
  mask: Mask,
  minSideMm = 80,
  label?: number,
): RoiPreview | undefined {
  const [nx, ny, nz] = volume.grid.size;
  const inRoi = (v: number): boolean => (label === undefined ? v !== 0 : v === label);
  let bestZ = -1;
  let bestCount = 0;
  for (let z = 0; z < nz; z++) {
    let count = 0;
    const base = z * nx * ny;
    for (let i = 0; i < nx * ny; i++) if (inRoi(mask.data[base + i])) count++;
    if (count > bestCount) {
      bestCount = count;
      bestZ = z;
    }
  }
  if (bestZ < 0) return undefined;
  let x0 = nx;
  let x1 = -1;
  let y0 = ny;
  let y1 = -1;
  const base = bestZ * nx * ny;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      if (!inRoi(mask.data[base + y * nx + x])) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const [sx, sy] = volume.grid.spacingMm;
  const side = Math.max(minSideMm, (x1 - x0 + 1) * sx * 1.5, (y1 - y0 + 1) * sy * 1.5);
  const w = Math.min(nx, Math.round(side / sx));
  const h = Math.min(ny, Math.round(side / sy));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const left = Math.max(0, Math.min(nx - w, Math.round(cx - w / 2)));
  const top = Math.max(0, Math.min(ny - h, Math.round(cy - h / 2)));
  const hu = new Int16Array(w * h);
  const roi = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = base + (top + y) * nx + left + x;
      hu[y * w + x] = Math.max(-32768, Math.min(32767, Math.round(volume.data[i])));
      roi[y * w + x] = inRoi(mask.data[i]) ? 1 : 0;
    }
  }
  const zMm = indexToLps(volume.grid, [left + w / 2, top + h / 2, bestZ])[2];
  return { zIndex: bestZ, zMm, width: w, height: h, spacingMm: [sx, sy], hu, mask: roi };
}
