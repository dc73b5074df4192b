/**
 * PyRadiomics' resampling (`imageoperations.resampleImage`): the image and the mask are resampled to
 * `resampledPixelSpacing` on a grid aligned to the corner of the mask's first voxel, covering only the ROI's
 * bounding box plus `padDistance` output voxels, with SimpleITK's ResampleImageFilter conventions:
 * - output voxel k sits at origin' + D diag(spacing') k; its input continuous index is
 *   (D diag(spacing))^-1 (p - origin); points outside [-0.5, size - 0.5) on any axis get 0;
 * - sitkLinear: ITK LinearInterpolateImageFunction (trilinear; the lower corner clamped to index 0 and the upper
 *   neighbour to size - 1 at the borders; lerps along x, then y, then z);
 * - sitkNearestNeighbor (always for the mask): round half up of the continuous index;
 * - sitkBSpline: ITK's cubic B-spline with its mirror-boundary prefilter ({@link bsplineInterpolator});
 * - the interpolated value is cast to the image's pixel type as ITK does (integers: clamp to the type's range,
 *   then truncate toward zero; float32: round to float32).
 * The other SimpleITK interpolators are not implemented (UnsupportedError).
 */
import type { Grid, IndexBox, Mask, Vec3, Volume } from './types.ts';
import type { ScalarType } from './io/raster.ts';
import { indexToLps } from './grid.ts';
import { boundingBox, cropMask, cropVolume, padBox } from './crop.ts';
import { bsplineInterpolator } from './bspline.ts';
import { MaskError, SettingsError, UnsupportedError } from '../errors.ts';

/** A SimpleITK interpolator name as PyRadiomics' setting.interpolator holds it (e.g. 'sitkLinear'). */
export type InterpolatorName = string;

export interface ResampleSettings {
  readonly resampledPixelSpacing: readonly number[];
  readonly interpolator: InterpolatorName;
  readonly padDistance: number;
  readonly label: number;
}

export interface ResampleOptions {
  /**
   * Pixel type of the stored image (ITK casts the interpolated value to it); default the volume's storedType,
   * else float32 for a Float32Array and float64 otherwise.
   */
  readonly pixelType?: ScalarType;
}

/**
 * The output grid PyRadiomics' resampleImage builds from the mask (REFERENCE-NOTES 1.4), or null when the
 * target spacing equals the image spacing (numpy.allclose), in which case PyRadiomics only crops.
 * Spacing 0 keeps the mask's spacing on that axis, and so does an axis where the ROI spans one voxel.
 * Bounds (new index space): lo = floor((bb.lo - 0.5) r - pad), hi = ceil((bb.lo + bb.size - 0.5) r + pad),
 * r = old spacing / new spacing, clamped to [0, ceil(size r) - 1]; origin = the mask's continuous index
 * 0.5 (new - old) / old + lo / r, mapped to LPS.
 */
export function resamplingGrid(image: Volume, mask: Mask, settings: ResampleSettings): Grid | null {
  const g = mask.grid;
  if (settings.resampledPixelSpacing.length !== 3) {
    throw new SettingsError(
      'invalid-setting',
      `setting.resampledPixelSpacing needs 3 numbers (x, y, z in mm; 0 keeps an axis), got ${JSON.stringify(settings.resampledPixelSpacing)}`,
    );
  }
  const box = requireLabelBox(mask, settings.label);
  const target = [0, 1, 2].map((a) => {
    const s = settings.resampledPixelSpacing[a];
    if (s === 0 || box.hi[a] === box.lo[a]) return g.spacingMm[a];
    if (!(s > 0)) {
      throw new SettingsError('invalid-setting', `setting.resampledPixelSpacing must be >= 0, got ${s}`);
    }
    return s;
  });
  const sameAsImage = target.every(
    (s, a) => Math.abs(image.grid.spacingMm[a] - s) <= 1e-8 + 1e-5 * Math.abs(s),
  );
  if (sameAsImage) return null;
  const ratio = target.map((s, a) => g.spacingMm[a] / s);
  const lo = [0, 1, 2].map((a) =>
    Math.max(0, Math.floor((box.lo[a] - 0.5) * ratio[a] - settings.padDistance)),
  );
  const hi = [0, 1, 2].map((a) =>
    Math.min(
      Math.ceil(g.size[a] * ratio[a]) - 1,
      Math.ceil((box.hi[a] + 1 - 0.5) * ratio[a] + settings.padDistance),
    ),
  );
  const originAt = (a: number): number =>
    (0.5 * (target[a] - g.spacingMm[a])) / g.spacingMm[a] + lo[a] / ratio[a];
  const originIndex: Vec3 = [originAt(0), originAt(1), originAt(2)];
  return {
    size: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1],
    spacingMm: [target[0], target[1], target[2]],
    originLpsMm: indexToLps(g, originIndex),
    direction: g.direction,
  };
}

/**
 * PyRadiomics resampleImage: returns the image and mask resampled onto {@link resamplingGrid}, or, when the
 * spacing is unchanged, both cropped to the ROI's bounding box + padDistance (PyRadiomics cropToTumorMask).
 * The mask always uses nearest neighbour and keeps its label values.
 */
export function resampleImageAndMask(
  image: Volume,
  mask: Mask,
  settings: ResampleSettings,
  options: ResampleOptions = {},
): { image: Volume; mask: Mask } {
  const grid = resamplingGrid(image, mask, settings);
  if (grid === null) {
    const m = sameGrid(image.grid, mask.grid) ? mask : resampleMask(mask, image.grid);
    const box = padBox(requireLabelBox(m, settings.label), settings.padDistance, m.grid.size);
    return { image: cropVolume(image, box), mask: cropMask(m, box) };
  }
  return {
    image: resampleVolume(image, grid, settings.interpolator, options.pixelType ?? defaultPixelType(image)),
    mask: resampleMask(mask, grid),
  };
}

function defaultPixelType(v: Volume): ScalarType {
  return v.storedType ?? (v.data instanceof Float32Array ? 'float32' : 'float64');
}

function sameGrid(a: Grid, b: Grid): boolean {
  return (
    [0, 1, 2].every(
      (i) =>
        a.size[i] === b.size[i] && a.spacingMm[i] === b.spacingMm[i] && a.originLpsMm[i] === b.originLpsMm[i],
    ) && a.direction.every((v, i) => v === b.direction[i])
  );
}

function requireLabelBox(mask: Mask, label: number): IndexBox {
  const box = boundingBox(mask, label);
  if (box === null) {
    throw new MaskError(
      'label-absent',
      `label ${label} is not present in the mask; set setting.label to a label the mask holds`,
    );
  }
  return box;
}

/**
 * For each output voxel, calls `sample` with the input continuous index (x, y, z) and the output linear index,
 * computed as ITK's ResampleImageFilter does for a linear transform: per scanline, the continuous indices of
 * output x = 0 and x = nx are mapped (point = origin + (D diag(spacing)) index, summed term by term; index =
 * (diag(1/spacing) D^T) (point - origin)), and voxel x takes start + (x / nx) (end - start). Reproducing the
 * arithmetic matters where a sample falls exactly on a voxel border (nearest neighbour) or on the buffer edge.
 */
function forEachContinuousIndex(
  input: Grid,
  output: Grid,
  sample: (cx: number, cy: number, cz: number, o: number) => void,
): void {
  const [nx, ny, nz] = output.size;
  const mOut = indexToPhysicalMatrix(output);
  const d = input.direction;
  // Physical point -> index: diag(1 / spacing) * D^-1 (D orthonormal: D^-1 = D^T).
  const pInv = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (1 / input.spacingMm[i]) * d[3 * j + i]));
  const start = new Float64Array(3);
  const end = new Float64Array(3);
  const toIndex = (x: number, y: number, z: number, into: Float64Array): void => {
    const v = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
      let p = output.originLpsMm[i];
      p += mOut[i][0] * x;
      p += mOut[i][1] * y;
      p += mOut[i][2] * z;
      v[i] = p - input.originLpsMm[i];
    }
    for (let i = 0; i < 3; i++) into[i] = pInv[i][0] * v[0] + pInv[i][1] * v[1] + pInv[i][2] * v[2];
  };
  let o = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      toIndex(0, y, z, start);
      toIndex(nx, y, z, end);
      const ex = end[0] - start[0];
      const ey = end[1] - start[1];
      const ez = end[2] - start[2];
      for (let x = 0; x < nx; x++, o++) {
        const alpha = x / nx;
        sample(start[0] + alpha * ex, start[1] + alpha * ey, start[2] + alpha * ez, o);
      }
    }
  }
}

/** ITK's IndexToPhysicalPoint matrix D diag(spacing), as rows. */
function indexToPhysicalMatrix(g: Grid): number[][] {
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => g.direction[3 * i + j] * g.spacingMm[j]));
}

function inside(c: number, n: number): boolean {
  return c >= -0.5 && c < n - 0.5;
}

/** Nearest-neighbour resampling of a label map onto `grid` (ITK: round half up; outside -> 0). */
export function resampleMask(mask: Mask, grid: Grid): Mask {
  const [nx, ny, nz] = mask.grid.size;
  const out = new Uint8Array(grid.size[0] * grid.size[1] * grid.size[2]);
  const src = mask.data;
  forEachContinuousIndex(mask.grid, grid, (cx, cy, cz, o) => {
    if (!inside(cx, nx) || !inside(cy, ny) || !inside(cz, nz)) return;
    out[o] = src[Math.floor(cx + 0.5) + nx * (Math.floor(cy + 0.5) + ny * Math.floor(cz + 0.5))];
  });
  return { grid, data: out };
}

/**
 * Resamples an image onto `grid` with SimpleITK's sitkNearestNeighbor, sitkLinear or sitkBSpline, casting to
 * `pixelType` as ITK's ResampleImageFilter does. Other interpolators throw {@link UnsupportedError}.
 * Trilinear: v = lerp_z(lerp_y(lerp_x(...))) with lerp(a, b, t) = a + (b - a) t.
 */
export function resampleVolume(
  volume: Volume,
  grid: Grid,
  interpolator: InterpolatorName,
  pixelType: ScalarType,
): Volume {
  const [nx, ny, nz] = volume.grid.size;
  const at = interpolatorFor(volume, grid, interpolator);
  const cast = pixelCast(pixelType);
  const out = new Float64Array(grid.size[0] * grid.size[1] * grid.size[2]);
  forEachContinuousIndex(volume.grid, grid, (cx, cy, cz, o) => {
    if (inside(cx, nx) && inside(cy, ny) && inside(cz, nz)) out[o] = cast(at(cx, cy, cz));
  });
  return { grid, data: out };
}

type Interpolate = (cx: number, cy: number, cz: number) => number;

function interpolatorFor(volume: Volume, grid: Grid, interpolator: InterpolatorName): Interpolate {
  const [nx, ny, nz] = volume.grid.size;
  const src = volume.data;
  if (interpolator === 'sitkBSpline') {
    // The coefficients needed: the support bases floor(float32(c)) of the samples inside the image.
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    const track = (a: number, c: number): void => {
      const f = Math.floor(Math.fround(c));
      if (f < lo[a]) lo[a] = f;
      if (f > hi[a]) hi[a] = f;
    };
    forEachContinuousIndex(volume.grid, grid, (cx, cy, cz) => {
      if (!inside(cx, nx) || !inside(cy, ny) || !inside(cz, nz)) return;
      track(0, cx);
      track(1, cy);
      track(2, cz);
    });
    if (lo[0] > hi[0]) return () => 0;
    return bsplineInterpolator(volume, [lo[0], lo[1], lo[2]], [hi[0], hi[1], hi[2]]);
  }
  if (interpolator === 'sitkNearestNeighbor') {
    return (cx, cy, cz) =>
      src[Math.floor(cx + 0.5) + nx * (Math.floor(cy + 0.5) + ny * Math.floor(cz + 0.5))];
  }
  if (interpolator !== 'sitkLinear') {
    throw new UnsupportedError(
      `interpolator ${interpolator} is not implemented; set setting.interpolator to sitkBSpline, sitkLinear or ` +
        'sitkNearestNeighbor, knowing the values then differ from a PyRadiomics run with the one asked for',
    );
  }
  return (cx, cy, cz) => {
    const x0 = Math.max(0, Math.floor(cx));
    const y0 = Math.max(0, Math.floor(cy));
    const z0 = Math.max(0, Math.floor(cz));
    const dx = Math.max(0, cx - x0);
    const dy = Math.max(0, cy - y0);
    const dz = Math.max(0, cz - z0);
    const x1 = Math.min(x0 + 1, nx - 1) - x0;
    const y1 = (Math.min(y0 + 1, ny - 1) - y0) * nx;
    const z1 = (Math.min(z0 + 1, nz - 1) - z0) * nx * ny;
    const b = x0 + nx * (y0 + ny * z0);
    const v00 = lerp(src[b], src[b + x1], dx);
    const v10 = lerp(src[b + y1], src[b + y1 + x1], dx);
    const v01 = lerp(src[b + z1], src[b + z1 + x1], dx);
    const v11 = lerp(src[b + z1 + y1], src[b + z1 + y1 + x1], dx);
    return lerp(lerp(v00, v10, dy), lerp(v01, v11, dy), dz);
  };
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/** ITK's CastPixelWithBoundsChecking: integer types clamp then truncate toward zero; float32 rounds. */
function pixelCast(t: ScalarType): (v: number) => number {
  if (t === 'float64') return (v) => v;
  if (t === 'float32') return Math.fround;
  const [lo, hi] = INTEGER_RANGES[t];
  return (v) => (v < lo ? lo : v > hi ? hi : Math.trunc(v) + 0); // + 0: integers have no -0
}
