import { performance } from 'node:perf_hooks';
import { firstorder } from '../../src/radiomics/features/firstorder.ts';
import { shape } from '../../src/radiomics/features/shape.ts';
import { shape2D } from '../../src/radiomics/features/shape2d.ts';
import { buildRoiInput, buildShapeInput } from '../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../src/radiomics/settings.ts';
import { cropMask, cropVolume, requireBoundingBox } from '../../src/volume/crop.ts';
import { loadCase, readBaseline, shape2DLabel } from '../support/baseline.ts';

/** Mean ms of `runs` calls of `f` after as many warm-up calls. */
function timeMs(f: () => void, runs = 10): number {
  for (let i = 0; i < runs; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
}

/**
 * One feature class alone on a PyRadiomics test case: prepare + every feature of shape and firstorder on brain1's
 * label, and of shape2D on its single-slice label (what the class tests once timed; timings belong here).
 */
export function benchFeatureClasses(): void {
  const { image, mask } = loadCase('brain1');
  const box = requireBoundingBox(mask, 1);
  const m = cropMask(mask, box);
  const binary = Uint8Array.from(m.data, (v) => (v === 1 ? 1 : 0));
  const shapeInput = buildShapeInput(binary, m.grid.size, m.grid.spacingMm, DEFAULT_SETTINGS);
  const roi = buildRoiInput(
    Float64Array.from(cropVolume(image, box).data),
    binary,
    m.grid.size,
    m.grid.spacingMm,
    DEFAULT_SETTINGS,
  );
  const single = shape2DLabel(readBaseline('shape2D'), 'brain1_shape2D');
  const s = cropMask(single, requireBoundingBox(single, 1));
  const force2D = { ...DEFAULT_SETTINGS, force2D: true, correctMask: true };
  const sliceInput = buildShapeInput(s.data, s.grid.size, s.grid.spacingMm, force2D);

  const shapeAll = (): void => {
    const st = shape.prepare(shapeInput);
    for (const f of Object.values(shape.features)) f.compute(st);
  };
  const firstorderAll = (): void => {
    const st = firstorder.prepare(roi);
    for (const f of Object.values(firstorder.features)) f.compute(st);
  };
  const shape2DAll = (): void => {
    const st = shape2D.prepare(sliceInput);
    for (const f of Object.values(shape2D.features)) f.compute(st);
  };
  console.log(
    `feature classes on brain1 (${roi.voxelCount} voxels), prepare + every feature, mean of 10 runs:`,
  );
  console.log(`  shape     ${timeMs(shapeAll).toFixed(2)} ms`);
  console.log(`  firstorder ${timeMs(firstorderAll).toFixed(2)} ms`);
  console.log(`  shape2D   ${timeMs(shape2DAll).toFixed(2)} ms (slice 16)`);
}
