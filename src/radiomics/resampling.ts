import type { IndexBox, Mask, Volume } from '../volume/types.ts';
import type { RadiomicsSettings } from './settings.ts';
import { resampleImageAndMask } from '../volume/resample.ts';

/**
 * PyRadiomics `imageoperations.resampleImage` as the extractor uses it: the image and the 0/1 mask resampled to
 * setting.resampledPixelSpacing on PyRadiomics' grid (aligned to the corner of the mask's first voxel), covering the
 * ROI's bounding box + setting.padDistance; nearest neighbour for the mask. The interpolated values are cast to the
 * image's stored pixel type as SimpleITK does (an int16 file: truncated toward zero; see resampleImageAndMask).
 */
export function resampleForExtraction(
  image: Volume,
  mask: Mask,
  _box: IndexBox,
  settings: RadiomicsSettings,
): { image: Volume; mask: Mask } {
  const spacing = settings.resampledPixelSpacing ?? [0, 0, 0];
  return resampleImageAndMask(image, mask, {
    resampledPixelSpacing: spacing,
    interpolator: settings.interpolator,
    padDistance: settings.padDistance,
    label: 1,
  });
}
