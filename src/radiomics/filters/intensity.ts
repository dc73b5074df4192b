/**
 * PyRadiomics' point-wise image types Square, SquareRoot, Logarithm and Exponential
 * (`imageoperations.getSquareImage`, `getSquareRootImage`, `getLogarithmImage`, `getExponentialImage`;
 * formulas in PyRadiomics' documentation, "Image types").
 *
 * Each rescales with M = max|x| over the WHOLE image PyRadiomics filters (the full image without resampling, the
 * resampled crop with it). M is therefore an explicit argument: filtering a crop with the whole image's M gives
 * exactly the whole-image values on that crop. The arithmetic follows PyRadiomics' numpy expressions step by step.
 */
import type { VoxelArray } from '../../volume/types.ts';
import { ImageDataError } from '../../errors.ts';

/** max |x| over the array (the M of the rescaled filters); NaN voxels are ignored. */
export function maxAbsolute(data: ArrayLike<number>): number {
  if (data instanceof Float32Array) return maxAbsFloat32(data);
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > m) m = a;
  }
  return m;
}

/** The same for float32 data (stored CT), as a monomorphic min/max scan with two accumulators per bound. */
function maxAbsFloat32(d: Float32Array): number {
  let lo0 = 0,
    lo1 = 0,
    hi0 = 0,
    hi1 = 0;
  const n = d.length - (d.length & 1);
  for (let i = 0; i < n; i += 2) {
    const a = d[i];
    const b = d[i + 1];
    if (a < lo0) lo0 = a;
    if (a > hi0) hi0 = a;
    if (b < lo1) lo1 = b;
    if (b > hi1) hi1 = b;
  }
  if (n < d.length) {
    const a = d[n];
    if (a < lo0) lo0 = a;
    if (a > hi0) hi0 = a;
  }
  return Math.max(-lo0, -lo1, hi0, hi1);
}

function assertUsableMax(m: number, filter: string): void {
  if (!(Number.isFinite(m) && m > 0)) {
    throw new ImageDataError(
      'invalid-image',
      `the ${filter} image type needs an image with max|x| > 0 and finite (got ${m}); PyRadiomics would return NaN here: disable ${filter} for this image`,
    );
  }
}

/**
 * Square: f(x) = (c x)^2 with c = 1 / sqrt(M), M = max|x| of the whole image (PyRadiomics `getSquareImage`).
 * Throws {@link ImageDataError} when M = 0 (PyRadiomics would divide by zero).
 */
export function squareImage(data: VoxelArray, wholeImageMaxAbs: number): Float64Array {
  assertUsableMax(wholeImageMaxAbs, 'Square');
  const c = 1 / Math.sqrt(wholeImageMaxAbs);
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = c * data[i];
    out[i] = v * v;
  }
  return out;
}

/**
 * SquareRoot: f(x) = sqrt(M x) for x > 0, -sqrt(-M x) for x < 0, 0 for x = 0, M = max|x| of the whole image
 * (PyRadiomics `getSquareRootImage`). An all-zero image stays zero, as in PyRadiomics.
 */
export function squareRootImage(data: VoxelArray, wholeImageMaxAbs: number): Float64Array {
  const c = wholeImageMaxAbs;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    out[i] = x > 0 ? Math.sqrt(x * c) : x < 0 ? -Math.sqrt(-x * c) : x;
  }
  return out;
}

/**
 * Logarithm: g(x) = log(x + 1) for x > 0, -log(1 - x) for x < 0, 0 for x = 0, then f = g * M / max|g| with
 * max|g| = log(M + 1) (PyRadiomics `getLogarithmImage`, i.e. f = c sign(x) log(|x| + 1), c = M / log(M + 1)).
 * Throws {@link ImageDataError} when M = 0 (PyRadiomics would give 0/0).
 */
export function logarithmImage(data: VoxelArray, wholeImageMaxAbs: number): Float64Array {
  assertUsableMax(wholeImageMaxAbs, 'Logarithm');
  const scale = wholeImageMaxAbs / Math.log(wholeImageMaxAbs + 1);
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    const g = x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x;
    out[i] = g * scale;
  }
  return out;
}

/**
 * Exponential: f(x) = exp(c x) with c = log(M) / M, M = max|x| of the whole image (PyRadiomics
 * `getExponentialImage`). Throws {@link ImageDataError} when M = 0 (PyRadiomics would give NaN).
 */
export function exponentialImage(data: VoxelArray, wholeImageMaxAbs: number): Float64Array {
  assertUsableMax(wholeImageMaxAbs, 'Exponential');
  const c = Math.log(wholeImageMaxAbs) / wholeImageMaxAbs;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.exp(c * data[i]);
  return out;
}
