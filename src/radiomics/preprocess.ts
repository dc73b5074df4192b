import type { IndexBox, Mask, Volume } from '../volume/types.ts';
import type { RadiomicsSettings } from './settings.ts';
import { labelExtent } from '../volume/crop.ts';
import { ImageDataError, MaskError } from '../errors.ts';

/**
 * Preprocessing steps of PyRadiomics' `featureextractor.execute`, in its order: normalisation of the whole image,
 * the mask check (bounding box, ROI dimensionality and size) and resegmentation.
 */

/**
 * PyRadiomics `imageoperations.normalizeImage`: SimpleITK Normalize over the whole image, x' = (x - mean) / sd with
 * the sample standard deviation (n - 1, as ITK's StatisticsImageFilter), optional outlier clipping to
 * +-removeOutliers, then multiplied by normalizeScale. Output float64.
 */
export function normalizeImage(image: Volume, settings: RadiomicsSettings): Volume {
  const data = image.data;
  const n = data.length;
  // Mean and variance in two passes (numerically stable in float64).
  let sum = 0;
  for (let i = 0; i < n; i++) sum += data[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = data[i] - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) {
    throw new ImageDataError(
      'invalid-image',
      'setting.normalize is on but the image is constant (standard deviation 0); turn normalize off',
    );
  }
  const out = new Float64Array(n);
  const inv = 1 / sd;
  const lim = settings.removeOutliers;
  for (let i = 0; i < n; i++) {
    let v = (data[i] - mean) * inv;
    if (lim !== null) {
      if (v > lim) v = lim;
      else if (v < -lim) v = -lim;
    }
    out[i] = v * settings.normalizeScale;
  }
  return { grid: image.grid, data: out };
}

/**
 * PyRadiomics `imageoperations.checkMask` on an ROI's extent: errors when the ROI is a single voxel, spans fewer
 * dimensions than setting.minimumROIDimensions, or has fewer voxels than setting.minimumROISize.
 */
export function checkRoiExtent(
  box: IndexBox,
  voxelCount: number,
  settings: RadiomicsSettings,
  what = 'the ROI',
): void {
  let dims = 0;
  for (let k = 0; k < 3; k++) if (box.hi[k] > box.lo[k]) dims++;
  if (dims === 0) {
    throw new MaskError(
      'roi-too-small',
      `${what} is a single voxel; features cannot be extracted from one voxel`,
    );
  }
  if (dims < settings.minimumROIDimensions) {
    throw new MaskError(
      'roi-dimensionality',
      `${what} spans ${dims} dimension(s) but setting.minimumROIDimensions is ${settings.minimumROIDimensions}; ` +
        'use a thicker ROI, or set force2D / lower minimumROIDimensions',
    );
  }
  if (settings.minimumROISize !== null && voxelCount < settings.minimumROISize) {
    throw new MaskError(
      'roi-too-small',
      `${what} has ${voxelCount} voxels, fewer than setting.minimumROISize = ${settings.minimumROISize}`,
    );
  }
}

/** {@link checkRoiExtent} on a 0/1 mask: returns its bounding box and voxel count. */
export function checkMask(
  binary: Mask,
  settings: RadiomicsSettings,
  what = 'the ROI',
): { box: IndexBox; voxelCount: number } {
  const { box, count } = labelExtent(binary, 1);
  checkRoiExtent(box, count, settings, what);
  return { box, voxelCount: count };
}

/**
 * PyRadiomics `imageoperations.resegmentMask`: keeps the ROI voxels whose value lies within the thresholds:
 * absolute = the range as given; relative = range times the ROI maximum; sigma = ROI mean + range times the ROI
 * population standard deviation. One value sets only a lower bound. Throws when one voxel or none is left.
 * `values` and `binary` are parallel arrays (the whole grid or any box of it).
 */
export function resegmentMask(
  values: ArrayLike<number>,
  binary: Uint8Array,
  settings: RadiomicsSettings,
): Uint8Array {
  const range = settings.resegmentRange;
  if (range === null) return binary;
  const sorted = [...range].sort((a, b) => a - b);
  const data = values;
  let thresholds = sorted;
  if (settings.resegmentMode !== 'absolute') {
    let n = 0;
    let sum = 0;
    let max = -Infinity;
    for (let i = 0; i < binary.length; i++) {
      if (binary[i] === 0) continue;
      n++;
      sum += data[i];
      if (data[i] > max) max = data[i];
    }
    if (settings.resegmentMode === 'relative') {
      thresholds = sorted.map((t) => max * t);
    } else {
      const mean = sum / n;
      let ss = 0;
      for (let i = 0; i < binary.length; i++) if (binary[i] !== 0) ss += (data[i] - mean) ** 2;
      const sd = Math.sqrt(ss / n);
      thresholds = sorted.map((t) => mean + sd * t);
    }
  }
  const lo = thresholds[0];
  const hi = thresholds.length === 2 ? thresholds[1] : Infinity;
  const out = new Uint8Array(binary.length);
  let kept = 0;
  for (let i = 0; i < binary.length; i++) {
    if (binary[i] !== 0 && data[i] >= lo && data[i] <= hi) {
      out[i] = 1;
      kept++;
    }
  }
  if (kept <= 1) {
    throw new MaskError(
      'roi-too-small',
      `resegmentation (${settings.resegmentMode} range ${JSON.stringify(range)}) left ${kept} voxel(s) in the ROI; widen setting.resegmentRange`,
    );
  }
  return out;
}
