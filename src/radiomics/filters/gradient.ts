/**
 * PyRadiomics' Gradient image type (`imageoperations.getGradientImage`): SimpleITK's GradientMagnitudeImageFilter,
 * |grad f| = sqrt(sum_d g_d^2) with central differences g_d = (f[i+1] - f[i-1]) / (2 s_d), s_d the spacing when
 * `gradientUseSpacing` (default true) or 1 otherwise. Borders use ITK's zero-flux Neumann condition
 * (f[-1] = f[0], f[N] = f[N-1]), so a border voxel sees half the central difference. ITK computes in double and
 * SimpleITK returns float32; `float32: true` (default) rounds the same way. Checked bit-exact against ITK 5.2.
 */
import type { IndexXYZ, Vec3 } from '../../volume/types.ts';
import type { VoxelArray } from '../../volume/types.ts';

export interface GradientOptions {
  /** Round the result to float32 as SimpleITK's output does (default true). */
  readonly float32?: boolean;
}

/**
 * Gradient magnitude sqrt(gx^2 + gy^2 + gz^2), g_d = c_d (f[i+1] - f[i-1]), c_d = 0.5 / s_d (or 0.5 without
 * spacing), zero-flux Neumann borders (ITK GradientMagnitudeImageFilter).
 */
export function gradientMagnitude(
  data: VoxelArray,
  size: IndexXYZ,
  spacingMm: Vec3,
  useSpacing: boolean,
  options: GradientOptions = {},
): Float64Array {
  const float32 = options.float32 ?? true;
  const [nx, ny, nz] = size;
  const c = [0, 1, 2].map((a) => 0.5 * (useSpacing ? 1.0 / spacingMm[a] : 1.0));
  const [cx, cy, cz] = c;
  const out = new Float64Array(nx * ny * nz);
  const sxy = nx * ny;
  for (let z = 0; z < nz; z++) {
    const zm = z > 0 ? -sxy : 0;
    const zp = z < nz - 1 ? sxy : 0;
    for (let y = 0; y < ny; y++) {
      const ym = y > 0 ? -nx : 0;
      const yp = y < ny - 1 ? nx : 0;
      const row = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        const xm = x > 0 ? -1 : 0;
        const xp = x < nx - 1 ? 1 : 0;
        const gx = cx * data[i + xp] - cx * data[i + xm];
        const gy = cy * data[i + yp] - cy * data[i + ym];
        const gz = cz * data[i + zp] - cz * data[i + zm];
        const m = Math.sqrt(gx * gx + gy * gy + gz * gz);
        out[i] = float32 ? Math.fround(m) : m;
      }
    }
  }
  return out;
}
