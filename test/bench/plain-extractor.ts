import type { Mask, Volume } from '../../src/volume/types.ts';
import type { RadiomicsParams } from '../../src/radiomics/params.ts';
import type { FeatureValue } from '../../src/radiomics/types.ts';
import { applyImageType } from '../../src/radiomics/filters/apply-image-type.ts';
import { buildRoiInput, buildShapeInput } from '../../src/radiomics/roi-input.ts';
import { getRoiClass, getShapeClass } from '../../src/radiomics/features/registry.ts';
import { resolveFeatureNames } from '../../src/radiomics/features/runner.ts';
import { boundingBox, cropGrid } from '../../src/volume/crop.ts';

/**
 * The plain reference implementation the benchmark compares against: what a straightforward port of PyRadiomics'
 * extractor does. Every filter runs on the WHOLE image (PyRadiomics without preCrop or resampling), and every feature
 * class crops its image to the ROI and discretises it again on its own. It shares the feature kernels with the
 * engine, so the ratio measures the pipeline (crop-aware filtering, one discretisation per image type), not the
 * kernels.
 */
export function plainExtract(image: Volume, mask: Mask, params: RadiomicsParams): Map<string, FeatureValue> {
  const out = new Map<string, FeatureValue>();
  const binary = new Uint8Array(mask.data.length);
  for (let i = 0; i < binary.length; i++) binary[i] = mask.data[i] === params.settings.label ? 1 : 0;
  const box = boundingBox({ grid: mask.grid, data: binary }, 1);
  if (box === null) throw new Error('empty mask');
  const grid = cropGrid(image.grid, box);
  const crop = (data: ArrayLike<number>): Float64Array => {
    const [nx, ny] = image.grid.size;
    const out2 = new Float64Array(grid.size[0] * grid.size[1] * grid.size[2]);
    let o = 0;
    for (let z = box.lo[2]; z <= box.hi[2]; z++)
      for (let y = box.lo[1]; y <= box.hi[1]; y++)
        for (let x = box.lo[0]; x <= box.hi[0]; x++) out2[o++] = data[x + nx * (y + ny * z)];
    return out2;
  };
  const roiMask = Uint8Array.from(crop(binary));
  for (const c of params.featureClasses) {
    if (c.name !== 'shape') continue;
    const runner = getShapeClass('shape');
    for (const [f, v] of runner.run(
      buildShapeInput(roiMask, grid.size, grid.spacingMm, params.settings),
      resolveFeatureNames(runner, c.features),
    )) {
      out.set(`original_shape_${f}`, v);
    }
  }
  for (const type of params.imageTypes) {
    const whole = applyImageType(
      type.name,
      { size: image.grid.size, spacingMm: image.grid.spacingMm, data: image.data },
      type.settings,
    );
    for (const derived of whole) {
      for (const c of params.featureClasses) {
        if (c.name === 'shape' || c.name === 'shape2D') continue;
        const runner = getRoiClass(c.name);
        // Each class crops and discretises on its own, as PyRadiomics' per-class feature objects do.
        const input = buildRoiInput(
          crop(derived.data),
          roiMask,
          grid.size,
          grid.spacingMm,
          type.settings,
          derived.imageTypeName,
        );
        for (const [f, v] of runner.run(input, resolveFeatureNames(runner, c.features)))
          out.set(`${derived.imageTypeName}_${c.name}_${f}`, v);
      }
    }
  }
  return out;
}
