import type { IndexBox, Volume } from '../volume/types.ts';
import type { ImageTypeName } from './params.ts';
import type { RadiomicsSettings } from './settings.ts';
import { applyImageType } from './filters/apply-image-type.ts';
import { maxAbsolute } from './filters/intensity.ts';

/** One derived image of an image type, cropped to the ROI's bounding box. */
export interface DerivedImage {
  /** e.g. `original`, `wavelet-LLH`, `square`, `log-sigma-1-0-mm-3D`. */
  readonly imageTypeName: string;
  /** Values over the ROI's bounding box (x fastest), equal to filtering the whole image then cropping. */
  readonly boxValues: Float64Array;
}

/** Whole-image quantities a filter needs, computed once per working image and shared by every image type. */
export interface WholeImageStats {
  readonly maxAbs: number;
}

/** max|x| over the whole working image (Square, SquareRoot, Logarithm and Exponential scale by it). */
export function wholeImageStats(image: Volume): WholeImageStats {
  return { maxAbs: maxAbsolute(image.data) };
}

/**
 * The images an image type yields for the ROI in `box`, as PyRadiomics computes them on the whole image and then
 * crops to the bounding box: point-wise filters run on the box with the whole image's max|x|; the wavelet evaluates
 * its periodic whole-image transform on the box only; LoG and Gradient filter the box padded by their reach.
 */
export function deriveImages(
  name: ImageTypeName,
  image: Volume,
  box: IndexBox,
  settings: RadiomicsSettings,
  stats: WholeImageStats,
): DerivedImage[] {
  const derived = applyImageType(
    name,
    { size: image.grid.size, spacingMm: image.grid.spacingMm, data: image.data },
    settings,
    {
      outputBox: box,
      wholeImageMaxAbs: stats.maxAbs,
    },
  );
  return derived.map((d) => ({ imageTypeName: d.imageTypeName, boxValues: d.data }));
}
