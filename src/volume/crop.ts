import type { Grid, IndexBox, IndexXYZ, Mask, Volume, VoxelArray } from './types.ts';
import { indexToLps } from './grid.ts';
import { MaskError } from '../errors.ts';

/** Inclusive bounding box of the voxels equal to `label`, or null when there are none. */
export function boundingBox(mask: Mask, label: number): IndexBox | null {
  const [nx, ny, nz] = mask.grid.size;
  const data = mask.data;
  let x0 = nx,
    y0 = ny,
    z0 = nz,
    x1 = -1,
    y1 = -1,
    z1 = -1;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (data[i] === label) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
          if (z < z0) z0 = z;
          if (z > z1) z1 = z;
        }
      }
    }
  }
  if (x1 < 0) return null;
  return { lo: [x0, y0, z0], hi: [x1, y1, z1] };
}

/**
 * Bounding box and voxel count of `label` in one pass over the mask; throws a {@link MaskError} naming the label
 * (or saying the mask is empty) when the label is absent.
 */
export function labelExtent(mask: Mask, label: number): { box: IndexBox; count: number } {
  const [nx, ny] = mask.grid.size;
  const data = mask.data;
  const plane = nx * ny;
  let x0 = Infinity,
    y0 = Infinity,
    z0 = Infinity,
    x1 = -1,
    y1 = -1,
    z1 = -1;
  let count = 0;
  const visit = (i: number): void => {
    if (data[i] !== label) return;
    count++;
    const z = Math.floor(i / plane);
    const r = i - z * plane;
    const y = Math.floor(r / nx);
    const x = r - y * nx;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  };
  // Most of a mask is background: test four voxels at a time through a 32-bit view and look closer only at
  // words that hold a non-zero byte.
  const head = Math.min(data.length, (4 - (data.byteOffset & 3)) & 3);
  for (let i = 0; i < head; i++) visit(i);
  const words = new Uint32Array(data.buffer, data.byteOffset + head, (data.length - head) >>> 2);
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 0) continue;
    const i = head + 4 * w;
    visit(i);
    visit(i + 1);
    visit(i + 2);
    visit(i + 3);
  }
  for (let i = head + 4 * words.length; i < data.length; i++) visit(i);
  if (count === 0) return { box: requireBoundingBox(mask, label), count: 0 };
  return { box: { lo: [x0, y0, z0], hi: [x1, y1, z1] }, count };
}

/** Like {@link boundingBox} but throws a {@link MaskError} naming the label when it is absent. */
export function requireBoundingBox(mask: Mask, label: number): IndexBox {
  const box = boundingBox(mask, label);
  if (box === null) {
    let any = false;
    for (let i = 0; i < mask.data.length && !any; i++) any = mask.data[i] !== 0;
    if (!any)
      throw new MaskError('empty-mask', 'the mask is empty (no non-zero voxel); draw or compute a ROI first');
    const present = presentLabels(mask);
    throw new MaskError(
      'label-absent',
      `label ${label} is not present in the mask (labels present: ${present.join(', ')}); set setting.label to one of them`,
    );
  }
  return box;
}

/** The distinct non-zero labels of a mask, ascending. */
function presentLabels(mask: Mask): number[] {
  const seen = new Uint8Array(256);
  for (let i = 0; i < mask.data.length; i++) seen[mask.data[i]] = 1;
  const out: number[] = [];
  for (let v = 1; v < 256; v++) if (seen[v]) out.push(v);
  return out;
}

/** Grows a box by `pad` voxels on every side (per axis when a triple), clamped to the grid. */
export function padBox(box: IndexBox, pad: number | IndexXYZ, size: IndexXYZ): IndexBox {
  const p: IndexXYZ = typeof pad === 'number' ? [pad, pad, pad] : pad;
  return {
    lo: [Math.max(0, box.lo[0] - p[0]), Math.max(0, box.lo[1] - p[1]), Math.max(0, box.lo[2] - p[2])],
    hi: [
      Math.min(size[0] - 1, box.hi[0] + p[0]),
      Math.min(size[1] - 1, box.hi[1] + p[1]),
      Math.min(size[2] - 1, box.hi[2] + p[2]),
    ],
  };
}

/** The grid of the sub-box: same spacing and direction, origin moved to the box's first voxel. */
export function cropGrid(grid: Grid, box: IndexBox): Grid {
  return {
    size: [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1],
    spacingMm: grid.spacingMm,
    originLpsMm: indexToLps(grid, box.lo),
    direction: grid.direction,
  };
}

function cropArray<T extends VoxelArray | Uint8Array>(src: T, size: IndexXYZ, box: IndexBox, out: T): T {
  const [nx, ny] = size;
  const cx = box.hi[0] - box.lo[0] + 1;
  let o = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const start = box.lo[0] + nx * (y + ny * z);
      out.set(src.subarray(start, start + cx), o);
      o += cx;
    }
  }
  return out;
}

/**
 * Copies the voxels of `box` (inclusive) of any array on a grid of `size` into `out` (box-sized, x fastest),
 * converting element types as it goes (e.g. float32 HU into a float64 crop).
 */
export function copyBox<T extends { [i: number]: number }>(
  src: ArrayLike<number>,
  size: IndexXYZ,
  box: IndexBox,
  out: T,
): T {
  const [nx, ny] = size;
  const cx = box.hi[0] - box.lo[0] + 1;
  let o = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const start = box.lo[0] + nx * (y + ny * z);
      for (let x = 0; x < cx; x++) out[o++] = src[start + x];
    }
  }
  return out;
}

/** Number of voxels in an inclusive box. */
export function boxVoxelCount(box: IndexBox): number {
  return (box.hi[0] - box.lo[0] + 1) * (box.hi[1] - box.lo[1] + 1) * (box.hi[2] - box.lo[2] + 1);
}

/** Copies the voxels of `box` (inclusive) into a new volume on the cropped grid. Keeps the array type. */
export function cropVolume(volume: Volume, box: IndexBox): Volume {
  const grid = cropGrid(volume.grid, box);
  const n = grid.size[0] * grid.size[1] * grid.size[2];
  const out = volume.data instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
  return { grid, data: cropArray(volume.data, volume.grid.size, box, out) };
}

/** Copies the voxels of `box` (inclusive) into a new mask on the cropped grid. */
export function cropMask(mask: Mask, box: IndexBox): Mask {
  const grid = cropGrid(mask.grid, box);
  const n = grid.size[0] * grid.size[1] * grid.size[2];
  return { grid, data: cropArray(mask.data, mask.grid.size, box, new Uint8Array(n)) };
}

/**
 * Pads an array by `pad` voxels on each side of each axis (lo and hi per axis) with a constant.
 * Returns the padded data and its size; the origin of the padded grid moves by -pad voxels.
 */
export function padVolume(volume: Volume, pad: IndexXYZ, value = 0): Volume {
  const [nx, ny, nz] = volume.grid.size;
  const size: IndexXYZ = [nx + 2 * pad[0], ny + 2 * pad[1], nz + 2 * pad[2]];
  const n = size[0] * size[1] * size[2];
  const out = volume.data instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
  if (value !== 0) out.fill(value);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = nx * (y + ny * z);
      const dst = pad[0] + size[0] * (y + pad[1] + size[1] * (z + pad[2]));
      out.set(volume.data.subarray(src, src + nx), dst);
    }
  }
  const grid: Grid = {
    size,
    spacingMm: volume.grid.spacingMm,
    originLpsMm: indexToLps(volume.grid, [-pad[0], -pad[1], -pad[2]]),
    direction: volume.grid.direction,
  };
  return { grid, data: out };
}
