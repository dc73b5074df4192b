import type { Mask, Volume, IndexBox } from '../volume/types.ts';
import type { RadiomicsParams } from './params.ts';
import type { FeatureClassName, FeatureValue, FeatureVector, RoiInput, ShapeInput } from './types.ts';
import { assertSameGrid } from '../volume/grid.ts';
import { cropGrid, requireBoundingBox } from '../volume/crop.ts';
import { checkMask, labelToBinary, normalizeImage, resegmentMask } from './preprocess.ts';
import { buildDiagnostics } from './diagnostics.ts';
import { buildRoiInput, buildShapeInput } from './roi-input.ts';
import { deriveImages, wholeImageStats } from './image-types.ts';
import { getRoiClass, getShapeClass } from './features/registry.ts';
import { resolveFeatureNames } from './features/runner.ts';
import { resampleForExtraction } from './resampling.ts';
import { MaskError } from '../errors.ts';

/** Progress of a long extraction: steps done of the total, and what is being computed. */
export interface ExtractProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface ExtractOptions {
  readonly onProgress?: (p: ExtractProgress) => void;
}

function boxMask(data: Uint8Array, size: readonly number[], box: IndexBox): Uint8Array {
  const [nx, ny] = size;
  const cx = box.hi[0] - box.lo[0] + 1;
  const out = new Uint8Array(cx * (box.hi[1] - box.lo[1] + 1) * (box.hi[2] - box.lo[2] + 1));
  let o = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const start = box.lo[0] + nx * (y + ny * z);
      out.set(data.subarray(start, start + cx), o);
      o += cx;
    }
  }
  return out;
}

function assertFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new MaskError(
      'roi-too-small',
      `${name} is undefined (${value}) for this ROI: the ROI is too small or too uniform for this feature; enlarge the ROI or disable the feature`,
    );
  }
  return value;
}

/**
 * Extracts the enabled features of `params` from `image` within `mask`, in PyRadiomics' order of operations
 * (REFERENCE-NOTES 1.4): geometry check, normalisation (whole image), resampling (cropped to the ROI + padDistance)
 * or preCrop, mask check, resegmentation, shape on the unfiltered mask, then for every image type the filtered image
 * cropped to the ROI's bounding box, discretised once and shared by every class. Returns `diagnostics_*` entries
 * first, then `<imageType>_<class>_<Feature>` values. Never returns a NaN feature: an undefined value is an error.
 */
export function extractFeatures(
  image: Volume,
  mask: Mask,
  params: RadiomicsParams,
  options: ExtractOptions = {},
): FeatureVector {
  const s = params.settings;
  assertSameGrid(image.grid, mask.grid, s.geometryTolerance);
  requireBoundingBox(mask, s.label);

  let work: Volume = s.normalize ? normalizeImage(image, s) : image;
  let binary: Mask = { grid: work.grid, data: labelToBinary(mask, s.label) };
  const original = checkMask(binary, s);
  let interpolatedGrid: Volume['grid'] | undefined;
  if (s.resampledPixelSpacing !== null) {
    const r = resampleForExtraction(work, binary, original.box, s);
    work = r.image;
    binary = r.mask;
    interpolatedGrid = work.grid;
  }
  const checked = checkMask(binary, s, interpolatedGrid ? 'the resampled ROI' : 'the ROI');
  const featureMask = resegmentMask(work, binary.data, s);
  const featureBox =
    s.resegmentRange === null
      ? checked.box
      : checkMask({ grid: work.grid, data: featureMask }, s, 'the resegmented ROI').box;
  const shapeMask = s.resegmentShape ? featureMask : binary.data;

  let imgMin = Infinity;
  let imgMax = -Infinity;
  let imgSum = 0;
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i];
    imgSum += v;
    if (v < imgMin) imgMin = v;
    if (v > imgMax) imgMax = v;
  }
  const out = new Map<string, FeatureValue>(
    buildDiagnostics({
      params,
      imageGrid: image.grid,
      imageData: image.data,
      maskData: mask.data,
      box: original.box,
      voxelCount: original.voxelCount,
      imageMean: imgSum / image.data.length,
      imageMin: imgMin,
      imageMax: imgMax,
      ...(interpolatedGrid ? { interpolatedGrid } : {}),
    }),
  );

  const roiClasses = params.featureClasses.filter((c) => c.name !== 'shape' && c.name !== 'shape2D');
  const shapeClasses = params.featureClasses.filter(
    (c) => c.name === 'shape' || (c.name === 'shape2D' && s.force2D),
  );
  const total = params.imageTypes.length + (shapeClasses.length > 0 ? 1 : 0);
  let done = 0;
  const progress = (label: string): void => options.onProgress?.({ done: ++done, total, label });

  if (shapeClasses.length > 0) {
    const shapeBox = checkMask({ grid: work.grid, data: shapeMask }, s, 'the shape ROI').box;
    const shapeGrid = cropGrid(work.grid, shapeBox);
    const input: ShapeInput = buildShapeInput(
      boxMask(shapeMask, work.grid.size, shapeBox),
      shapeGrid.size,
      shapeGrid.spacingMm,
      s,
    );
    for (const c of shapeClasses) {
      const runner = getShapeClass(c.name);
      for (const [f, v] of runner.run(input, resolveFeatureNames(runner, c.features))) {
        const name = `original_${c.name}_${f}`;
        out.set(name, assertFinite(name, v));
      }
    }
    progress('shape');
  }

  const boxGrid = cropGrid(work.grid, featureBox);
  const roiMask = boxMask(featureMask, work.grid.size, featureBox);
  const runners = roiClasses.map((c) => ({
    runner: getRoiClass(c.name),
    requested: c.features,
    name: c.name,
  }));
  const stats = wholeImageStats(work);
  for (const type of params.imageTypes) {
    for (const derived of deriveImages(type.name, work, featureBox, type.settings, stats)) {
      const values = derived.boxValues;
      const input: RoiInput = buildRoiInput(
        values,
        roiMask,
        boxGrid.size,
        boxGrid.spacingMm,
        type.settings,
        derived.imageTypeName,
      );
      for (const { runner, requested, name } of runners) {
        for (const [f, v] of runner.run(input, resolveFeatureNames(runner, requested))) {
          const key = `${derived.imageTypeName}_${name}_${f}`;
          out.set(key, assertFinite(key, v));
        }
      }
    }
    progress(type.name);
  }
  return out;
}

/** The names of the classes a params set computes on each image type (for documentation and tests). */
export function roiClassNames(params: RadiomicsParams): FeatureClassName[] {
  return params.featureClasses.filter((c) => c.name !== 'shape' && c.name !== 'shape2D').map((c) => c.name);
}
