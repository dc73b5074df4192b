/**
 * Locates the spine: the bone column near the posterior midline on a coarse sampling of the whole volume, then
 * the vertebral body centre slice by slice in a window around it, with per-slice measurements (body fraction,
 * core density, ribs beside the spine) on the full-resolution pixels.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';

const BODY_HU = -400;
const COLUMN_BONE_HU = 200;
const TRACK_BONE_HU = 150;
const CORE_BONE_HU = 110;
const RIB_HU = 400;
const PELVIS_HU = 200;
/** Half-length (mm) of the median filter that smooths the body-centre track over discs and endplates. */
const TRACK_MEDIAN_MM = 12;
/** Half-width (mm) of the left-right search for the body centre around the column (keeps the aorta out). */
const TRACK_HALF_X_MM = 15;

/**
 * A per-slice search window for the body centre (index units), e.g. in front of the canal's centreline; the
 * window is +-15 mm left-right and +-halfYMm front-back around (x[z], y[z]).
 */
export interface SpineGuide {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly halfYMm: number;
}

/** Per-slice findings (index arrays of length nz; centres in full-resolution index units). */
export interface SpineTrack {
  readonly cx: Float64Array;
  readonly cy: Float64Array;
  /** Fraction of the body core (7 x 5 mm ellipse) above 110 HU: ~1 in a vertebral body, ~0 in a disc. */
  readonly bodyFraction: Float64Array;
  readonly coreMeanHu: Float64Array;
  /** Bone beside the spine where ribs leave it (48..80 mm lateral), per side. */
  readonly ribLeft: Uint8Array;
  readonly ribRight: Uint8Array;
  /** Bone (> 200 HU) 35..120 mm lateral of the body centre, the smaller of the two sides (mm^2): the iliac wings. */
  readonly pelvisMm2: Float64Array;
}

function boxSums(values: Float64Array, w: number, h: number, r: number): Float64Array {
  const tmp = new Float64Array(w * h);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) s += values[k + w * y];
      tmp[x + w * y] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) s += tmp[x + w * k];
      out[x + w * y] = s;
    }
  }
  return out;
}

/**
 * The spine column's (x, y) index: on every f-th pixel (f ~ 2.8 mm), the number of slices above 200 HU per
 * position, box-summed over ~20 mm, maximised within the central half (left-right) and the posterior half of
 * the body's extent (> -400 HU). Null with a reason when there is no body or no bone column.
 */
export function findSpineColumn(volume: Volume, f: AxialFrame): { x: number; y: number } | string {
  const step = Math.max(1, Math.round(2.8 / f.sxMm));
  const w = Math.ceil(f.nx / step);
  const h = Math.ceil(f.ny / step);
  const freq = new Float64Array(w * h);
  let x0 = w;
  let x1 = -1;
  let y0 = h;
  let y1 = -1;
  const d = volume.data;
  for (let z = 0; z < f.nz; z++) {
    for (let j = 0; j < h; j++) {
      const row = f.nx * (j * step + f.ny * z);
      for (let i = 0; i < w; i++) {
        const v = d[row + i * step];
        if (v > BODY_HU) {
          if (i < x0) x0 = i;
          if (i > x1) x1 = i;
          if (j < y0) y0 = j;
          if (j > y1) y1 = j;
          if (v > COLUMN_BONE_HU) freq[i + w * j] += 1;
        }
      }
    }
  }
  if (x1 < 0) return 'no body in the image (nothing above -400 HU)';
  const r = Math.max(1, Math.round(10 / (step * f.sxMm)));
  const smooth = boxSums(freq, w, h, r);
  const xm = (x0 + x1) / 2;
  const xr = (x1 - x0) / 4;
  const ym = (y0 + y1) / 2;
  let best = -1;
  let bx = 0;
  let by = 0;
  for (let j = y0; j <= y1; j++) {
    if ((j - ym) * f.posteriorSign < 0) continue;
    for (let i = Math.ceil(xm - xr); i <= Math.floor(xm + xr); i++) {
      const s = smooth[i + w * j];
      if (s > best) {
        best = s;
        bx = i;
        by = j;
      }
    }
  }
  const fill = best / ((2 * r + 1) ** 2 * f.nz);
  if (fill < 0.08)
    return `no spine in view (no bone column near the posterior midline; best fill ${fill.toFixed(2)})`;
  return { x: bx * step, y: by * step };
}

/** Median over slices k - half..k + half of the found centres (the value itself when none is found). */
function medianFilter(a: Float64Array, found: Uint8Array, half: number): Float64Array {
  const out = new Float64Array(a.length);
  const buf: number[] = [];
  for (let k = 0; k < a.length; k++) {
    buf.length = 0;
    for (let j = Math.max(0, k - half); j <= Math.min(a.length - 1, k + half); j++)
      if (found[j] === 1) buf.push(a[j]);
    if (buf.length === 0) out[k] = a[k];
    else {
      buf.sort((p, q) => p - q);
      out[k] = buf[buf.length >> 1];
    }
  }
  return out;
}

/** Area (mm^2) of bone > 200 HU 35..120 mm to each side of the centre, 40 mm anterior to 70 mm posterior; the smaller side. */
function pelvisArea(volume: Volume, f: AxialFrame, z: number, cx: number, cy: number): number {
  const { sxMm, syMm } = f;
  const yBox = [cy - (40 / syMm) * f.posteriorSign, cy + (70 / syMm) * f.posteriorSign];
  const near = 35 / sxMm;
  const far = 120 / sxMm;
  const right = countAbove(volume, f, z, [cx - far, cx - near, yBox[0], yBox[1]], PELVIS_HU);
  const left = countAbove(volume, f, z, [cx + near, cx + far, yBox[0], yBox[1]], PELVIS_HU);
  return Math.min(left, right) * sxMm * syMm;
}

/** Counts pixels above `hu` in the index box, clipped to the slice. */
function countAbove(volume: Volume, f: AxialFrame, z: number, box: readonly number[], hu: number): number {
  const xa = Math.max(0, Math.round(box[0]));
  const xb = Math.min(f.nx - 1, Math.round(box[1]));
  const ya = Math.max(0, Math.round(Math.min(box[2], box[3])));
  const yb = Math.min(f.ny - 1, Math.round(Math.max(box[2], box[3])));
  let n = 0;
  for (let y = ya; y <= yb; y++) {
    const row = f.nx * (y + f.ny * z);
    for (let x = xa; x <= xb; x++) if (volume.data[row + x] > hu) n++;
  }
  return n;
}

/**
 * Tracks the vertebral body centre through the slices: in a window of +-15 x +-45 mm around the column (the
 * narrow left-right window keeps a contrast-filled aorta out), the
 * position maximising the fraction of pixels above 150 HU in a 12 mm box (sampled every ~1.4 mm) is the
 * centre (the centroid of the best boxes) when that fraction is >= 0.6; other slices (discs) take the nearest
 * found centre; a median over +-12 mm smooths the track. Then measures each slice's body core, the rib regions
 * beside it and the iliac bone further out.
 */
export function trackSpine(
  volume: Volume,
  f: AxialFrame,
  column: { x: number; y: number } | SpineGuide,
): SpineTrack {
  const { nx, ny, nz, sxMm, syMm } = f;
  const step = Math.max(1, Math.round(1.4 / sxMm));
  const guide: SpineGuide =
    'halfYMm' in column
      ? column
      : { x: new Float64Array(nz).fill(column.x), y: new Float64Array(nz).fill(column.y), halfYMm: 45 };
  const halfY = guide.halfYMm;
  const win = (z: number): { xa: number; ya: number; w: number; h: number } => {
    const gx = guide.x[z];
    const gy = guide.y[z];
    const xa = Math.max(0, Math.round(gx - TRACK_HALF_X_MM / sxMm));
    const xb = Math.min(nx - 1, Math.round(gx + TRACK_HALF_X_MM / sxMm));
    const ya = Math.max(0, Math.round(gy - halfY / syMm));
    const yb = Math.min(ny - 1, Math.round(gy + halfY / syMm));
    return { xa, ya, w: Math.floor((xb - xa) / step) + 1, h: Math.floor((yb - ya) / step) + 1 };
  };
  const r = Math.max(1, Math.round(6 / (step * sxMm)));
  const cx = new Float64Array(nz);
  const cy = new Float64Array(nz);
  const found = new Uint8Array(nz);
  const d = volume.data;
  for (let z = 0; z < nz; z++) {
    const { xa, ya, w, h } = win(z);
    const ind = new Float64Array(w * h);
    for (let j = 0; j < h; j++) {
      const row = nx * (ya + j * step + ny * z) + xa;
      for (let i = 0; i < w; i++) ind[i + w * j] = d[row + i * step] > TRACK_BONE_HU ? 1 : 0;
    }
    const s = boxSums(ind, w, h, r);
    let best = -1;
    for (let i = 0; i < w * h; i++) if (s[i] > best) best = s[i];
    // Centroid of the best positions: a large body fills many boxes, and its centre is their centroid.
    let si = 0;
    let sj = 0;
    let sn = 0;
    for (let i = 0; i < w * h; i++) {
      if (s[i] < best) continue;
      si += i % w;
      sj += Math.floor(i / w);
      sn++;
    }
    cx[z] = xa + (si / sn) * step;
    cy[z] = ya + (sj / sn) * step;
    found[z] = best / (2 * r + 1) ** 2 >= 0.6 ? 1 : 0;
  }
  for (let z = 0; z < nz; z++) {
    if (found[z] === 1) continue;
    for (let k = 1; k < nz; k++) {
      const q = [z - k, z + k].find((j) => j >= 0 && j < nz && found[j] === 1);
      if (q !== undefined) {
        cx[z] = cx[q];
        cy[z] = cy[q];
        break;
      }
    }
  }
  const half = Math.max(2, Math.round(TRACK_MEDIAN_MM / f.szMm));
  const mx = medianFilter(cx, found, half);
  const my = medianFilter(cy, found, half);
  const bodyFraction = new Float64Array(nz);
  const coreMeanHu = new Float64Array(nz);
  const ribLeft = new Uint8Array(nz);
  const ribRight = new Uint8Array(nz);
  const pelvisMm2 = new Float64Array(nz);
  const ra = 7 / sxMm;
  const rb = 5 / syMm;
  const ribMin = 10 / (sxMm * syMm);
  for (let z = 0; z < nz; z++) {
    let n = 0;
    let above = 0;
    let sum = 0;
    for (let y = Math.ceil(my[z] - rb); y <= my[z] + rb; y++) {
      for (let x = Math.ceil(mx[z] - ra); x <= mx[z] + ra; x++) {
        if (x < 0 || y < 0 || x >= nx || y >= ny) continue;
        if (((x - mx[z]) / ra) ** 2 + ((y - my[z]) / rb) ** 2 > 1) continue;
        const v = d[x + nx * (y + ny * z)];
        n++;
        sum += v;
        if (v > CORE_BONE_HU) above++;
      }
    }
    bodyFraction[z] = n === 0 ? 0 : above / n;
    coreMeanHu[z] = n === 0 ? 0 : sum / n;
    const yBack = [my[z] - (10 / syMm) * f.posteriorSign, my[z] + (45 / syMm) * f.posteriorSign];
    const lat = [48 / sxMm, 80 / sxMm];
    const right = countAbove(volume, f, z, [mx[z] - lat[1], mx[z] - lat[0], yBack[0], yBack[1]], RIB_HU);
    const left = countAbove(volume, f, z, [mx[z] + lat[0], mx[z] + lat[1], yBack[0], yBack[1]], RIB_HU);
    ribRight[z] = right >= ribMin ? 1 : 0;
    ribLeft[z] = left >= ribMin ? 1 : 0;
    pelvisMm2[z] = pelvisArea(volume, f, z, mx[z], my[z]);
  }
  return { cx: mx, cy: my, bodyFraction, coreMeanHu, ribLeft, ribRight, pelvisMm2 };
}
