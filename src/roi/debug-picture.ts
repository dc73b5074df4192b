/**
 * The ROI's debug picture (DESIGN section 6): two views along the tracked spine, so a person can count the
 * levels at a glance. Left, a curved sagittal plane through the vertebral bodies' centres (anterior left);
 * right, a curved coronal maximum-intensity slab from the body centre back through the pedicles and rib heads
 * (the patient's left on the right), where each rib meets its vertebra. Superior is up; one pixel is
 * `pixelMm` mm in both views, whatever the slice thickness. Overlays: the ROI in red; each named level's z
 * range and name in the left margin (white/yellow alternating); in the right margin, what each cue says at
 * its position (green: first rib T1, last rib T12, sacrum S1; cyan: carina K); yellow dots beside the coronal
 * spine where ribs were found on a slice.
 */
import type { Volume } from '../volume/types.ts';
import { axialFrame } from './axial-frame.ts';
import type { MarrowRoiResult } from './types.ts';
import { dottedRow, drawText, makeRaster, putPixel, zoomRaster } from './raster.ts';
import type { Raster, Rgb } from './raster.ts';

/** Options of {@link renderRoiDebug}. */
export interface DebugPictureOptions {
  /** Size of one picture pixel (mm); default 1. */
  readonly pixelMm?: number;
  /** Integer enlargement of the final picture; default 2. */
  readonly zoom?: number;
  /** Grey window (HU); default [-250, 1250] (bone and soft tissue both readable). */
  readonly windowHu?: readonly [number, number];
}

/** Half-width (mm) of the sagittal view, anterior and posterior of the body centre. */
const SAGITTAL_HALF_MM = 70;
/** Half-width (mm) of the coronal view, left and right of the body centre (rib heads and the first rib arcs). */
const CORONAL_HALF_MM = 110;
/** The coronal slab runs from this far in front of the body centre to SLAB_BACK_MM behind it (mm). */
const SLAB_FRONT_MM = 5;
const SLAB_BACK_MM = 35;
const MARGIN = 40;
const GAP = 6;

const ROI: Rgb = [255, 40, 40];
const LEVEL_COLOURS: readonly Rgb[] = [
  [255, 255, 255],
  [255, 200, 0],
];
const CUE_COLOUR: Rgb = [60, 230, 60];
const CARINA_COLOUR: Rgb = [0, 220, 255];
const RIB_DOT: Rgb = [255, 230, 0];

/**
 * Mean HU over (2 rx + 1) x (2 ry + 1) pixels around (x, y) of slice k, clipped to the image: a sharp kernel's
 * pixel noise (100 HU and more) would hide the bone on single pixels.
 */
function meanAround(volume: Volume, x: number, y: number, k: number, rx: number, ry: number): number {
  const [nx, ny] = volume.grid.size;
  let sum = 0;
  let n = 0;
  for (let j = Math.max(0, y - ry); j <= Math.min(ny - 1, y + ry); j++) {
    const row = nx * (j + ny * k);
    for (let i = Math.max(0, x - rx); i <= Math.min(nx - 1, x + rx); i++, n++) sum += volume.data[row + i];
  }
  return n === 0 ? -1000 : sum / n;
}

function grey(hu: number, lo: number, hi: number): Rgb {
  const g = Math.max(0, Math.min(255, Math.round(((hu - lo) / (hi - lo)) * 255)));
  return [g, g, g];
}

/** Where things lie in a debug picture (pixels of the final, enlarged picture). */
export interface DebugLayout {
  /** LPS z (mm) at the top edge of row 0; z falls by `mmPerRow` a row. */
  readonly zTopMm: number;
  readonly mmPerRow: number;
  /** Columns of the sagittal view (anterior on the left) and of the coronal view. */
  readonly sagittal: { readonly x: number; readonly width: number };
  readonly coronal: { readonly x: number; readonly width: number };
}

/** The debug picture and, when a spine was tracked, its layout (null for the small "no spine" picture). */
export interface DebugPicture extends Raster {
  readonly layout: DebugLayout | null;
}

/**
 * Renders the debug picture of `result` (from findMarrowRoi on `volume`) as an RGBA raster with its layout; a
 * result without a tracked spine gives a small "NO SPINE" picture. Pure: the caller encodes it.
 */
export function renderRoiDebug(
  volume: Volume,
  result: MarrowRoiResult,
  options: DebugPictureOptions = {},
): DebugPicture {
  const f = axialFrame(volume.grid);
  const spine = result.spine;
  if (typeof f === 'string' || spine.length !== f.nz) {
    const r = makeRaster(200, 20);
    drawText(r, 'NO SPINE', 4, 4, ROI);
    return { ...zoomRaster(r, options.zoom ?? 2), layout: null };
  }
  const p = options.pixelMm ?? 1;
  const [lo, hi] = options.windowHu ?? [-250, 1250];
  const { nx, ny, nz, sxMm, syMm } = f;
  const z0 = f.zLpsMm(0);
  const dz = nz > 1 ? f.zLpsMm(1) - z0 : 1;
  const zTop = Math.max(z0, f.zLpsMm(nz - 1)) + Math.abs(dz) / 2;
  const rows = Math.max(1, Math.round((nz * Math.abs(dz)) / p));
  const sagW = Math.round((2 * SAGITTAL_HALF_MM) / p);
  const corW = Math.round((2 * CORONAL_HALF_MM) / p);
  const sag0 = MARGIN;
  const cor0 = MARGIN + sagW + GAP;
  const r = makeRaster(cor0 + corW + MARGIN, rows);
  const sliceOfMm = (zMm: number): number => Math.min(nz - 1, Math.max(0, Math.round((zMm - z0) / dz)));
  const rowOfMm = (zMm: number): number => Math.round((zTop - zMm) / p);
  const mask = result.mask?.data;
  // Averaging half-widths (pixels) of the sagittal view: ~2 mm left-right (the plane's thickness), ~0.7 mm.
  const sx = Math.max(1, Math.round(2 / sxMm));
  const sy = Math.max(0, Math.round(0.7 / syMm));
  let lastK = -1;
  for (let row = 0; row < rows; row++) {
    const k = sliceOfMm(zTop - (row + 0.5) * p);
    // A row shows one slice: rows of the same (thick) slice are the same pixels, drawn once.
    if (k === lastK) {
      const bytes = 4 * r.width;
      r.rgba.copyWithin(row * bytes, (row - 1) * bytes, row * bytes);
      continue;
    }
    lastK = k;
    const { x: cx, y: cy } = spine[k];
    const xi = Math.round(cx);
    for (let c = 0; c < sagW; c++) {
      const y = Math.round(cy + ((c * p - SAGITTAL_HALF_MM) / syMm) * f.posteriorSign);
      if (y < 0 || y >= ny || xi < 0 || xi >= nx) continue;
      const i = xi + nx * (y + ny * k);
      let inRoi = false;
      if (mask !== undefined) for (let dx = -3; dx <= 3 && !inRoi; dx++) inRoi = mask[i + dx] === 1;
      putPixel(r, sag0 + c, row, inRoi ? ROI : grey(meanAround(volume, xi, y, k, sx, sy), lo, hi));
    }
    const ya = Math.round(cy - (SLAB_FRONT_MM / syMm) * f.posteriorSign);
    const yb = Math.round(cy + (SLAB_BACK_MM / syMm) * f.posteriorSign);
    for (let c = 0; c < corW; c++) {
      const x = Math.round(cx + (c * p - CORONAL_HALF_MM) / sxMm);
      if (x < 0 || x >= nx) continue;
      let top = -Infinity;
      let inRoi = false;
      for (let y = Math.max(0, Math.min(ya, yb)); y <= Math.min(ny - 1, Math.max(ya, yb)); y++) {
        const i = x + nx * (y + ny * k);
        const v = meanAround(volume, x, y, k, 1, 1);
        if (v > top) top = v;
        if (mask !== undefined && mask[i] === 1) inRoi = true;
      }
      putPixel(r, cor0 + c, row, inRoi ? ROI : grey(top, lo, hi));
    }
    const s = spine[k];
    const ribOff = Math.round(30 / p);
    const centre = cor0 + Math.round(CORONAL_HALF_MM / p);
    for (let t = 0; t < 6; t++) {
      if (s.ribRight) putPixel(r, centre - ribOff - t, row, RIB_DOT);
      if (s.ribLeft) putPixel(r, centre + ribOff + t, row, RIB_DOT);
    }
  }
  const half = Math.abs(dz) / 2;
  const shown = result.levels.length > 0 ? result.levels : result.bodies;
  shown.forEach((level, i) => {
    const colour = LEVEL_COLOURS[i % LEVEL_COLOURS.length];
    const top = rowOfMm(level.zRangeMm[1] + half);
    const bottom = rowOfMm(level.zRangeMm[0] - half) - 1;
    for (let row = top; row <= bottom; row++)
      for (let c = MARGIN - 6; c < MARGIN - 2; c++) putPixel(r, c, row, colour);
    dottedRow(r, top, MARGIN - 6, sag0 + sagW - 1, colour);
    dottedRow(r, bottom, MARGIN - 6, sag0 + sagW - 1, colour);
    drawText(r, level.label, 2, Math.round((top + bottom) / 2) - 5, colour);
  });
  for (const cue of result.cues) {
    if (!cue.found || cue.zMm === null || cue.says === null || cue.cue === 'rib-count') continue;
    const colour = cue.cue === 'carina' ? CARINA_COLOUR : CUE_COLOUR;
    const row = rowOfMm(cue.zMm);
    dottedRow(r, row, cor0, cor0 + corW + 4, colour);
    drawText(r, cue.cue === 'carina' ? 'K' : cue.says, cor0 + corW + 6, row - 5, colour);
  }
  const zoom = options.zoom ?? 2;
  return {
    ...zoomRaster(r, zoom),
    layout: {
      zTopMm: zTop,
      mmPerRow: p / zoom,
      sagittal: { x: sag0 * zoom, width: sagW * zoom },
      coronal: { x: cor0 * zoom, width: corW * zoom },
    },
  };
}
