/**
 * How far each image type's filter looks: the margin (voxels, per axis x, y, z) a crop needs around a box so that
 * filtering the crop gives the whole-image values inside the box.
 */
import type { IndexBox, IndexXYZ, Vec3 } from '../../volume/types.ts';
import type { RadiomicsSettings } from '../settings.ts';
import { logReachVoxels } from './log.ts';
import { waveletBank } from './wavelet-banks.ts';

/** The image types {@link filterReach} and `applyImageType` know. */
export type FilterImageType =
  'Original' | 'Wavelet' | 'Square' | 'SquareRoot' | 'Logarithm' | 'Exponential' | 'LoG' | 'Gradient';

/** Index axes (0 = x, 1 = y, 2 = z) PyRadiomics' wavelet transforms: all, or all but force2Ddimension (numpy 0 = z). */
export function waveletAxes(settings: Pick<RadiomicsSettings, 'force2D' | 'force2Ddimension'>): number[] {
  if (!settings.force2D) return [0, 1, 2];
  const dropped = 2 - settings.force2Ddimension;
  return [0, 1, 2].filter((a) => a !== dropped);
}

/**
 * Per-axis margin [x, y, z] in voxels that makes cropped filtering equal whole-image filtering inside the box:
 * - Original, Square, SquareRoot, Logarithm, Exponential: 0 (point-wise; their max|x| must still come from the
 *   whole image, passed as `wholeImageMaxAbs`).
 * - Gradient: 1 (central differences). Exact, also at the image border when the crop is clamped to the image
 *   (the crop border then is the image border and ITK's zero-flux condition is the same).
 * - LoG: max over sigmas of ceil(16 sigma / spacing) + 4 (the recursive filter has infinite support; past this
 *   margin the crop changes values by < 1e-9 x max|x| in double precision, and by at most one float32 rounding in
 *   SimpleITK's float32 arithmetic). Clamping the crop at the image border is exact there too (same boundary rule).
 * - Wavelet: (F / 2) x (start_level + level) on the transformed axes, F the filter length (coif1: 6, so 3 per
 *   level). Exact ONLY when the padded box lies inside the image on every axis
 *   (box.lo - reach >= 0 and box.hi + reach <= size - 1): PyRadiomics' transform is periodic over the whole image
 *   (numpy 'wrap' padding of odd sizes plus pywt's periodic convolution), so near an image edge the whole-image
 *   values mix in voxels from the opposite edge, which no clamped crop contains. In that case use
 *   `applyImageType` with `outputBox` on the whole image (exact and still proportional to the box), see
 *   {@link isCropFilteringExact}.
 */
export function filterReach(
  imageType: FilterImageType,
  settings: RadiomicsSettings,
  spacingMm: Vec3,
): IndexXYZ {
  switch (imageType) {
    case 'Original':
    case 'Square':
    case 'SquareRoot':
    case 'Logarithm':
    case 'Exponential':
      return [0, 0, 0];
    case 'Gradient':
      return [1, 1, 1];
    case 'LoG': {
      const r = [0, 0, 0];
      for (const s of settings.sigma) {
        if (!(s > 0)) continue;
        for (let a = 0; a < 3; a++) r[a] = Math.max(r[a], logReachVoxels(s, spacingMm[a]));
      }
      return [r[0], r[1], r[2]];
    }
    case 'Wavelet': {
      const half = waveletBank(settings.wavelet).decLo.length >> 1;
      const per = half * (settings.start_level + settings.level);
      const axes = waveletAxes(settings);
      return [axes.includes(0) ? per : 0, axes.includes(1) ? per : 0, axes.includes(2) ? per : 0];
    }
  }
}

/**
 * Whether filtering a crop of `box` padded by {@link filterReach} (and clamped to the image) reproduces the
 * whole-image result inside `box`: always for the non-periodic filters; for Wavelet only when the padded box
 * does not reach past the image's edges (see {@link filterReach}).
 */
export function isCropFilteringExact(
  imageType: FilterImageType,
  box: IndexBox,
  size: IndexXYZ,
  settings: RadiomicsSettings,
  spacingMm: Vec3,
): boolean {
  if (imageType !== 'Wavelet') return true;
  const r = filterReach(imageType, settings, spacingMm);
  for (let a = 0; a < 3; a++) {
    if (r[a] === 0) continue;
    if (box.lo[a] - r[a] < 0 || box.hi[a] + r[a] > size[a] - 1) return false;
  }
  return true;
}
