import type { IndexBox, IndexXYZ, Mask, Volume } from '../volume/types.ts';
import type { RadiomicsParams } from './params.ts';
import type { FeatureValue, FeatureVector, ShapeInput } from './types.ts';
import { assertSameGrid, gridDifference, indexToLps, lpsToIndex } from '../volume/grid.ts';
import { resampleMask } from '../volume/resample.ts';
import { boxVoxelCount, copyBox, cropGrid, labelExtent } from '../volume/crop.ts';
import { checkRoiExtent, normalizeImage, resegmentMask } from './preprocess.ts';
import { buildDiagnostics, hashArray } from './diagnostics.ts';
import { buildRoiInput, buildShapeInput } from './roi-input.ts';
import { deriveImages, wholeImageStats } from './image-types.ts';
import { getRoiClass, getShapeClass } from './features/registry.ts';
import { resolveFeatureNames } from './features/runner.ts';
import { resampleForExtraction } from './resampling.ts';
import { GeometryMismatchError, MaskError } from '../errors.ts';

/** Progress of a long extraction: steps done of the total, and what is being computed. */
export interface ExtractProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface ExtractOptions {
  readonly onProgress?: (p: ExtractProgress) => void;
  /**
   * Provenance hashes already known to the caller (e.g. computed while a series was decoded); when absent the
   * extractor hashes the image and mask arrays itself (SHA-256 of their bytes).
   */
  readonly imageHash?: string;
  readonly maskHash?: string;
}

/** `mask === label` over `box`, as a box-sized 0/1 array. */
function binaryInBox(mask: Uint8Array, size: IndexXYZ, box: IndexBox, label: number): Uint8Array {
  const out = copyBox(mask, size, box, new Uint8Array(boxVoxelCount(box)));
  for (let i = 0; i < out.length; i++) out[i] = out[i] === label ? 1 : 0;
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

/** The extent of a box-local 0/1 mask, as a box in the enclosing grid's indices. */
function subExtent(local: Uint8Array, box: IndexBox): { box: IndexBox; count: number } {
  const size = [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1] as const;
  const { box: b, count } = labelExtent(
    {
      grid: { size, spacingMm: [1, 1, 1], originLpsMm: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
      data: local,
    },
    1,
  );
  return {
    box: {
      lo: [box.lo[0] + b.lo[0], box.lo[1] + b.lo[1], box.lo[2] + b.lo[2]],
      hi: [box.lo[0] + b.hi[0], box.lo[1] + b.hi[1], box.lo[2] + b.hi[2]],
    },
    count,
  };
}

/** Re-crops a box-local array of `outer` to the sub-box `inner`. */
function recrop(local: Uint8Array, outer: IndexBox, inner: IndexBox): Uint8Array {
  const rel: IndexBox = {
    lo: [inner.lo[0] - outer.lo[0], inner.lo[1] - outer.lo[1], inner.lo[2] - outer.lo[2]],
    hi: [inner.hi[0] - outer.lo[0], inner.hi[1] - outer.lo[1], inner.hi[2] - outer.lo[2]],
  };
  const size: IndexXYZ = [
    outer.hi[0] - outer.lo[0] + 1,
    outer.hi[1] - outer.lo[1] + 1,
    outer.hi[2] - outer.lo[2] + 1,
  ];
  return copyBox(local, size, rel, new Uint8Array(boxVoxelCount(inner)));
}

/**
 * PyRadiomics' `correctMask`: a mask on another grid is resampled onto the image's grid by nearest neighbour,
 * provided the ROI's physical extent lies inside the image; otherwise a GeometryMismatchError says so.
 */
function correctMask(image: Volume, mask: Mask, label: number): Mask {
  const { box } = labelExtent(mask, label);
  for (const cx of [box.lo[0] - 0.5, box.hi[0] + 0.5]) {
    for (const cy of [box.lo[1] - 0.5, box.hi[1] + 0.5]) {
      for (const cz of [box.lo[2] - 0.5, box.hi[2] + 0.5]) {
        const c = lpsToIndex(image.grid, indexToLps(mask.grid, [cx, cy, cz]));
        if (c.some((v, k) => v < -0.5 - 1e-6 || v > image.grid.size[k] - 0.5 + 1e-6)) {
          throw new GeometryMismatchError(
            'setting.correctMask is on, but the ROI reaches outside the image, so the mask cannot be resampled onto it; check that the mask belongs to this image',
          );
        }
      }
    }
  }
  return resampleMask(mask, image.grid);
}

/**
 * Extracts the enabled features of `params` from `image` within `mask`, in PyRadiomics' order of operations
 * (REFERENCE-NOTES 1.4): geometry check, normalisation (whole image), resampling (cropped to the ROI + padDistance)
 * or nothing, mask check, resegmentation, shape on the unfiltered mask, then for every image type the filtered image
 * on the ROI's bounding box (whole-image values), discretised once and shared by every class. Only the mask scan,
 * the filters' whole-image max|x| and the provenance hashes touch the whole volume; everything else works on the
 * ROI's box. Returns `diagnostics_*` entries first, then `<imageType>_<class>_<Feature>` values. Never returns a
 * NaN feature: an undefined value is a MaskError naming the feature.
 */
export function extractFeatures(
  image: Volume,
  maskIn: Mask,
  params: RadiomicsParams,
  options: ExtractOptions = {},
): FeatureVector {
  const s = params.settings;
  let mask = maskIn;
  if (s.correctMask && gridDifference(image.grid, mask.grid) > s.geometryTolerance)
    mask = correctMask(image, mask, s.label);
  assertSameGrid(image.grid, mask.grid, s.geometryTolerance);
  const original = labelExtent(mask, s.label);
  checkRoiExtent(original.box, original.count, s);

  let work: Volume = s.normalize ? normalizeImage(image, s) : image;
  let workMask: Mask = mask;
  let roi = original;
  let interpolatedGrid: Volume['grid'] | undefined;
  if (s.resampledPixelSpacing !== null) {
    const r = resampleForExtraction(work, mask, original.box, s);
    work = r.image;
    workMask = r.mask;
    interpolatedGrid = work.grid;
    roi = labelExtent(workMask, s.label);
    checkRoiExtent(roi.box, roi.count, s, 'the resampled ROI');
  }
  const size = work.grid.size;
  const binary = binaryInBox(workMask.data, size, roi.box, s.label);

  let featureBox = roi.box;
  let featureMask = binary;
  if (s.resegmentRange !== null) {
    const values = copyBox(work.data, size, roi.box, new Float64Array(binary.length));
    const reseg = resegmentMask(values, binary, s);
    const extent = subExtent(reseg, roi.box);
    checkRoiExtent(extent.box, extent.count, s, 'the resegmented ROI');
    featureBox = extent.box;
    featureMask = recrop(reseg, roi.box, featureBox);
  }

  const out = new Map<string, FeatureValue>(
    buildDiagnostics({
      params,
      imageGrid: image.grid,
      imageHash: options.imageHash ?? hashArray(image.data),
      maskHash: options.maskHash ?? hashArray(maskIn.data),
      box: original.box,
      voxelCount: original.count,
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

  if (shapeClasses.some((c) => c.name === 'shape') && image.grid.size[2] === 1) {
    throw new MaskError(
      'roi-dimensionality',
      'shape (3D) features need a 3D image but this image has a single slice; for a 2D image set setting.force2D: true and ' +
        'use shape2D, or remove shape from featureClass',
    );
  }
  if (shapeClasses.length > 0) {
    // Shape uses the unfiltered mask, resegmented only when setting.resegmentShape asks for it.
    const shapeBox = s.resegmentShape ? featureBox : roi.box;
    const shapeMask = s.resegmentShape ? featureMask : binary;
    const shapeGrid = cropGrid(work.grid, shapeBox);
    const input: ShapeInput = buildShapeInput(shapeMask, shapeGrid.size, shapeGrid.spacingMm, s);
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
  const runners = roiClasses.map((c) => ({
    runner: getRoiClass(c.name),
    requested: c.features,
    name: c.name,
  }));
  const stats = wholeImageStats(work);
  for (const type of params.imageTypes) {
    for (const derived of deriveImages(type.name, work, featureBox, type.settings, stats)) {
      const input = buildRoiInput(
        derived.boxValues,
        featureMask,
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
