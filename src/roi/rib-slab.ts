/**
 * The straightened posterior slab the rib heads are looked for in (DESIGN section 6, steps 2 and 4): the bone
 * around the spine resampled in a frame that follows the tracked body centre (1.5 mm pixels, every slice), from
 * 120 mm right to 120 mm left of it and from 30 mm in front to 60 mm behind, with the vertebra itself cut out.
 */
import type { Volume } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';
import type { SpineTrack } from './spine-track.ts';

/** Pixel of the straightened slab (mm). */
export const PIXEL_MM = 1.5;
/** Lateral half-extent of the slab (mm): the ribs' posterior arcs. */
const HALF_U_MM = 120;
/** Front and back of the slab relative to the body centre (mm): rib heads, necks and posterior arcs. */
export const FRONT_MM = 30;
const BACK_MM = 60;
/** Bone (HU, on a 3x3 pixel mean): rib cortex and marrow above muscle, below it osteoporotic marrow. */
const BONE_HU = 200;
/** The body is cut out to its measured half-width plus this (mm); the posterior arch out to LAMINA_MM. */
const BODY_MARGIN_MM = 3;
const LAMINA_MM = 22;
/** The arch starts this far behind the body centre (mm). */
const ARCH_FROM_MM = 8;

/** Half-width (mm) of the body at slice z: the bone run left and right of its centre, the larger side. */
function bodyHalfWidth(sample: (z: number, u: number, v: number) => number, z: number): number {
  let best = 8;
  for (const sign of [-1, 1]) {
    let u = 0;
    while (u < 35 && sample(z, sign * u, 0) > 120) u += 1;
    best = Math.max(best, u);
  }
  return best;
}

/**
 * The straightened posterior slab's bone (1 = bone), `w` pixels from the patient's right (-120 mm) to left
 * (+120 mm) of the body centre, `h` rows from 30 mm in front of it to 60 mm behind, one plane a slice, the
 * vertebra itself cut out.
 */
export interface RibSlab {
  readonly bone: Uint8Array;
  readonly w: number;
  readonly h: number;
  readonly nz: number;
}

/** The posterior slab's bone (see RibSlab). */
export function ribSlab(volume: Volume, f: AxialFrame, track: SpineTrack): RibSlab {
  const { nx, ny, nz, sxMm, syMm } = f;
  const d = volume.data;
  const sample = (z: number, u: number, v: number): number => {
    const x = Math.round(track.cx[z] + u / sxMm);
    const y = Math.round(track.cy[z] + (v / syMm) * f.posteriorSign);
    if (x < 1 || y < 1 || x >= nx - 1 || y >= ny - 1) return -1000;
    let s = 0;
    for (let j = -1; j <= 1; j++) {
      const row = nx * (y + j + ny * z) + x;
      s += d[row - 1] + d[row] + d[row + 1];
    }
    return s / 9;
  };
  const w = Math.round((2 * HALF_U_MM) / PIXEL_MM) + 1;
  const h = Math.round((FRONT_MM + BACK_MM) / PIXEL_MM) + 1;
  const plane = w * h;
  const bone = new Uint8Array(plane * nz);
  // The slab's pixel columns and rows in image indices, per slice (the same rounding as `sample`).
  const xs = new Int32Array(w);
  const ys = new Int32Array(h);
  const limit = 9 * BONE_HU;
  for (let z = 0; z < nz; z++) {
    const half = bodyHalfWidth(sample, z) + BODY_MARGIN_MM;
    for (let i = 0; i < w; i++) xs[i] = Math.round(track.cx[z] + (i * PIXEL_MM - HALF_U_MM) / sxMm);
    for (let j = 0; j < h; j++)
      ys[j] = Math.round(track.cy[z] + ((j * PIXEL_MM - FRONT_MM) / syMm) * f.posteriorSign);
    for (let j = 0; j < h; j++) {
      const v = j * PIXEL_MM - FRONT_MM;
      const cut = v < ARCH_FROM_MM ? half : Math.max(half, LAMINA_MM);
      const y = ys[j];
      if (y < 1 || y >= ny - 1) continue;
      const r0 = nx * (y - 1 + ny * z);
      const r1 = r0 + nx;
      const r2 = r1 + nx;
      for (let i = 0; i < w; i++) {
        if (Math.abs(i * PIXEL_MM - HALF_U_MM) < cut) continue;
        const x = xs[i];
        if (x < 1 || x >= nx - 1) continue;
        const sum =
          d[r0 + x - 1] +
          d[r0 + x] +
          d[r0 + x + 1] +
          d[r1 + x - 1] +
          d[r1 + x] +
          d[r1 + x + 1] +
          d[r2 + x - 1] +
          d[r2 + x] +
          d[r2 + x + 1];
        if (sum > limit) bone[i + w * j + plane * z] = 1;
      }
    }
  }
  return { bone, w, h, nz };
}
