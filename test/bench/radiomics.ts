import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeVertebraVolume } from '../../src/synth/vertebra-volume.ts';
import { parseParams } from '../../src/radiomics/params.ts';
import { extractFeatures } from '../../src/radiomics/extractor.ts';
import { deriveImages, wholeImageStats } from '../../src/radiomics/image-types.ts';
import { buildRoiInput, buildShapeInput } from '../../src/radiomics/roi-input.ts';
import { getRoiClass, getShapeClass } from '../../src/radiomics/features/registry.ts';
import { resolveFeatureNames } from '../../src/radiomics/features/runner.ts';
import { boundingBox, cropGrid, cropMask } from '../../src/volume/crop.ts';
import { plainExtract } from './plain-extractor.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/**
 * All 1197 features of the study profile for a ~4,000-voxel ROI in a 512x512x70 volume: median total time, the
 * split per image type and per class, peak memory, and the ratio against the plain reference implementation,
 * measured side by side in this run.
 */
export function benchRadiomics(runs = 15, plainRuns = 3): void {
  const params = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
  const { image, mask } = makeVertebraVolume({ size: [512, 512, 70], seed: 11 });
  let roi = 0;
  for (const v of mask.data) roi += v;
  console.log(`radiomics: study-1197 on a 512x512x70 volume, ROI ${roi} voxels`);

  for (let w = 0; w < 5; w++) extractFeatures(image, mask, params); // warm-up (JIT)
  const totals: number[] = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const f = extractFeatures(image, mask, params);
    totals.push(performance.now() - t0);
    count = [...f.keys()].filter((k) => !k.startsWith('diagnostics_')).length;
  }
  const engineMedian = median(totals);
  console.log(
    `  engine: ${count} features, median ${fmt(engineMedian)} over ${runs} runs (min ${fmt(Math.min(...totals))})`,
  );

  // Split: the same stages the extractor runs, timed one by one.
  const box = boundingBox(mask, 1);
  if (box === null) throw new Error('empty mask');
  const grid = cropGrid(image.grid, box);
  const roiMask = cropMask(mask, box).data;
  const perType = new Map<string, number[]>();
  const perClass = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, v: number, r: number): void => {
    const a = m.get(k) ?? [];
    a[r] = (a[r] ?? 0) + v;
    m.set(k, a);
  };
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const shapeRunner = getShapeClass('shape');
    shapeRunner.run(
      buildShapeInput(roiMask, grid.size, grid.spacingMm, params.settings),
      shapeRunner.defaultFeatures,
    );
    add(perClass, 'shape', performance.now() - t, r);
    const stats = wholeImageStats(image);
    for (const type of params.imageTypes) {
      t = performance.now();
      const derived = deriveImages(type.name, image, box, type.settings, stats);
      add(perType, `${type.name} (filter)`, performance.now() - t, r);
      for (const d of derived) {
        t = performance.now();
        const input = buildRoiInput(
          d.boxValues,
          roiMask,
          grid.size,
          grid.spacingMm,
          type.settings,
          d.imageTypeName,
        );
        add(perType, `${type.name} (discretise)`, performance.now() - t, r);
        for (const c of params.featureClasses) {
          if (c.name === 'shape' || c.name === 'shape2D') continue;
          const runner = getRoiClass(c.name);
          t = performance.now();
          runner.run(input, resolveFeatureNames(runner, c.features));
          const dt = performance.now() - t;
          add(perClass, c.name, dt, r);
          add(perType, `${type.name} (features)`, dt, r);
        }
      }
    }
  }
  console.log('  per image type (median ms per run):');
  for (const [k, v] of perType) console.log(`    ${k.padEnd(28)} ${median(v).toFixed(2)}`);
  console.log('  per class, all image types (median ms per run):');
  for (const [k, v] of perClass) console.log(`    ${k.padEnd(28)} ${median(v).toFixed(2)}`);
  const peakEngineMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  peak memory (RSS) after the engine runs: ${peakEngineMb.toFixed(0)} MB`);

  const plain: number[] = [];
  for (let r = 0; r < plainRuns; r++) {
    const t0 = performance.now();
    plainExtract(image, mask, params);
    plain.push(performance.now() - t0);
  }
  const plainMedian = median(plain);
  console.log(`  plain reference implementation: median ${fmt(plainMedian)} over ${plainRuns} runs`);
  console.log(
    `  peak memory (RSS) after the plain runs: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(
    `  ratio plain / engine: ${(plainMedian / engineMedian).toFixed(1)}x (goal >= 10x); engine goal <= 150 ms`,
  );
}
