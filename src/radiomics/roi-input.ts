import type { IndexXYZ, Vec3 } from '../volume/types.ts';
import type { RadiomicsSettings } from './settings.ts';
import type { RoiInput, ShapeInput } from './types.ts';
import { discretise } from './discretise.ts';
import { ImageDataError, MaskError } from '../errors.ts';

/**
 * Builds the {@link RoiInput} of one image type from box-cropped values and a 0/1 box mask: gathers the ROI
 * values, checks they are finite, discretises them once (PyRadiomics' binning), and records Ng and the
 * levels present. `what` names the image type in error messages.
 */
export function buildRoiInput(
  values: Float64Array,
  mask: Uint8Array,
  size: IndexXYZ,
  spacingMm: Vec3,
  settings: RadiomicsSettings,
  what = 'original',
): RoiInput {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) count++;
  if (count === 0) throw new MaskError('empty-mask', `the ROI of image type "${what}" has no voxel`);
  const roiValues = new Float64Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new ImageDataError(
        'non-finite-voxels',
        `image type "${what}" has ${Number.isNaN(v) ? 'a NaN' : 'an infinite'} voxel inside the ROI (box index ${i}); fix or mask out those voxels`,
      );
    }
    roiValues[k++] = v;
  }
  const { levels } = discretise(roiValues, settings.binWidth, settings.binCount);
  const binned = new Int32Array(mask.length);
  let maxLevel = 0;
  const present = new Uint8Array(levels.reduce((m, v) => (v > m ? v : m), 0) + 1);
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const level = levels[k++];
    binned[i] = level;
    present[level] = 1;
    if (level > maxLevel) maxLevel = level;
  }
  const grayLevels: number[] = [];
  for (let g = 1; g < present.length; g++) if (present[g]) grayLevels.push(g);
  return {
    size,
    spacingMm,
    values,
    mask,
    voxelCount: count,
    binned,
    maxGrayLevel: maxLevel,
    grayLevels: Int32Array.from(grayLevels),
    settings,
  };
}

/** Builds the {@link ShapeInput} from the unfiltered box mask (0/1). */
export function buildShapeInput(
  mask: Uint8Array,
  size: IndexXYZ,
  spacingMm: Vec3,
  settings: RadiomicsSettings,
): ShapeInput {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) count++;
  return { size, spacingMm, mask, voxelCount: count, settings };
}
