/**
 * PyRadiomics' LoG image type (`imageoperations.getLoGImage`): SimpleITK's LaplacianRecursiveGaussianImageFilter
 * with NormalizeAcrossScale = true and sigma in mm, i.e. sum over axes d of sigma^2 d^2/dx_d^2 (G_sigma * f).
 *
 * It reproduces ITK 5.2's pipeline operation for operation: for each axis d (x, y, z), the second-derivative
 * recursive Gaussian along d, then the zero-order one along the two other axes in increasing order, and the
 * result added to an accumulator as acc + r / spacing_d^2. ITK runs this mini-pipeline on float32 images
 * (InternalRealType = float; each line is filtered in double, then stored as float) and SimpleITK returns float32,
 * so `float32: true` (the default) rounds at the same points. Compared with ITK 5.2 itself on random volumes
 * (anisotropic spacing, sigma 0.5..5 mm; see test/src/radiomics/filters/log.test.ts) the float32 mode was
 * bit-identical on every voxel; with `float32: false` it is the same filter in double precision.
 *
 * The recursive filter has infinite support; {@link logReachVoxels} gives the margin beyond which the influence
 * of the boundary is below 1e-9 of the image's range.
 */
import type { IndexXYZ, Vec3 } from '../../volume/types.ts';
import type { VoxelArray } from '../../volume/types.ts';
import { filterLine, recursiveGaussianCoefficients } from './recursive-gaussian.ts';
import type { RecursiveGaussianCoefficients } from './recursive-gaussian.ts';

/** Python's `str(float)` as PyRadiomics uses it in names: 1 -> '1.0', 0.5 -> '0.5', 1e-05 -> '1e-05'. */
export function pythonFloatString(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [mant, exp] = v.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(v);
}

/** PyRadiomics' LoG image name: `log-sigma-<str(sigma) with '.' -> '-'>-mm-3D`, e.g. `log-sigma-1-0-mm-3D`. */
export function logImageName(sigmaMm: number): string {
  return `log-sigma-${pythonFloatString(sigmaMm).replace(/\./g, '-')}-mm-3D`;
}

/**
 * Whether PyRadiomics computes LoG for this sigma: the image needs >= 4 voxels along every axis, sigma > 0, and
 * size_d >= ceil(sigma / spacing_d) + 1 on every axis (otherwise PyRadiomics logs a warning and skips it).
 */
export function isLogApplicable(size: IndexXYZ, spacingMm: Vec3, sigmaMm: number): boolean {
  if (Math.min(size[0], size[1], size[2]) < 4) return false;
  if (!(sigmaMm > 0)) return false;
  for (let a = 0; a < 3; a++) if (size[a] < Math.ceil(sigmaMm / spacingMm[a]) + 1) return false;
  return true;
}

/**
 * Voxels of margin along an axis beyond which cropping changes LoG values by less than 1e-9 x max|x| (double
 * precision): ceil(16 sigma / spacing) + 4. The slowest pole of Deriche's filter decays as exp(-1.3732 k / sigma_d)
 * (k in voxels, sigma_d = sigma / spacing), and ln(1e9) / 1.3732 = 15.1; measured on random data (one cropped
 * edge, sigma_d 0.5..3.5) the error falls below 1e-9 x max|x| from 14 to 16 sigma_d. The test
 * test/src/radiomics/filters/apply-image-type.test.ts checks crops on all six sides against the whole image.
 */
export function logReachVoxels(sigmaMm: number, spacingMm: number): number {
  return Math.ceil((16 * sigmaMm) / spacingMm) + 4;
}

export interface LogOptions {
  /** Round intermediate and final images to float32 as ITK/SimpleITK do (default true). */
  readonly float32?: boolean;
}

/**
 * Laplacian of Gaussian, sum_d sigma^2 d^2/dx_d^2 (G_sigma * f), sigma in mm (SimpleITK
 * LaplacianRecursiveGaussianImageFilter, NormalizeAcrossScale on). Every axis must have >= 4 voxels.
 */
export function laplacianOfGaussian(
  data: VoxelArray,
  size: IndexXYZ,
  spacingMm: Vec3,
  sigmaMm: number,
  options: LogOptions = {},
): Float64Array {
  const float32 = options.float32 ?? true;
  const n = size[0] * size[1] * size[2];
  const make = (): VoxelArray => (float32 ? new Float32Array(n) : new Float64Array(n));
  const acc = make();
  const t1 = make();
  const t2 = make();
  const maxLen = Math.max(size[0], size[1], size[2]);
  const buf = {
    inp: new Float64Array(maxLen),
    out: new Float64Array(maxLen),
    scratch: new Float64Array(maxLen),
  };
  for (let d = 0; d < 3; d++) {
    const others = [0, 1, 2].filter((a) => a !== d);
    filterAxis(data, t1, size, d, recursiveGaussianCoefficients(sigmaMm, spacingMm[d], 2, true), buf);
    filterAxis(
      t1,
      t2,
      size,
      others[0],
      recursiveGaussianCoefficients(sigmaMm, spacingMm[others[0]], 0, true),
      buf,
    );
    filterAxis(
      t2,
      t1,
      size,
      others[1],
      recursiveGaussianCoefficients(sigmaMm, spacingMm[others[1]], 0, true),
      buf,
    );
    const spacing2 = spacingMm[d] * spacingMm[d];
    const k = 1.0 / spacing2;
    for (let i = 0; i < n; i++) acc[i] = acc[i] + t1[i] * k;
  }
  return acc instanceof Float64Array ? acc : Float64Array.from(acc);
}

interface LineBuffers {
  readonly inp: Float64Array;
  readonly out: Float64Array;
  readonly scratch: Float64Array;
}

/** Applies the recursive filter along `axis` to every line of `src`, writing `dst` (may be typed float32). */
function filterAxis(
  src: VoxelArray,
  dst: VoxelArray,
  size: IndexXYZ,
  axis: number,
  c: RecursiveGaussianCoefficients,
  buf: LineBuffers,
): void {
  const [nx, ny, nz] = size;
  const ln = size[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const { inp, out, scratch } = buf;
  // Line starts: every voxel whose coordinate along `axis` is 0.
  const uCount = axis === 0 ? ny : nx;
  const vCount = axis === 2 ? ny : nz;
  const uStride = axis === 0 ? nx : 1;
  const vStride = axis === 2 ? nx : nx * ny;
  for (let v = 0; v < vCount; v++) {
    for (let u = 0; u < uCount; u++) {
      const start = u * uStride + v * vStride;
      for (let i = 0, p = start; i < ln; i++, p += stride) inp[i] = src[p];
      filterLine(out, inp, scratch, ln, c);
      for (let i = 0, p = start; i < ln; i++, p += stride) dst[p] = out[i];
    }
  }
}
