// Agreement of the 1197 study features between the automatic marrow ROI and the true T6 marrow mask, over 50
// synthetic chest CTs (seeds 2001..2050). Reduced phantoms (256x256 at 1.4 mm, 5 mm slices) keep the run short;
// the anatomy in mm is the same as at 512x512 / 0.7 mm. The true mask is the whole cancellous interior; the
// automatic ROI stays 2 mm inside the cortex, so the agreement is also given against the true mask eroded by the
// same 2 mm (same definition: what remains measures where the ROI is, not how it is defined).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import { findMarrowRoi } from '../../src/roi/marrow-roi.ts';
import { parseParams } from '../../src/radiomics/params.ts';
import { extractFeatures } from '../../src/radiomics/extractor.ts';
import type { FeatureVector } from '../../src/radiomics/types.ts';
import { erode } from '../../src/volume/morphology.ts';
import { icc31 } from '../../src/stats/icc.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

const FIRST_SEED = 2001;
const PHANTOMS = 50;
const GOAL = 0.75;
/** The ROI's default erosion from the cortex (findMarrowRoi `erosionMm`). */
const ROI_EROSION_MM = 2;

type Features = Map<string, number>;

function numericFeatures(f: FeatureVector): Features {
  const out: Features = new Map();
  for (const [k, v] of f) if (!k.startsWith('diagnostics_') && typeof v === 'number') out.set(k, v);
  return out;
}

/** Prints the share of features with ICC(3,1) >= GOAL between `a` and `b` (same phantoms, same order). */
function report(label: string, a: readonly Features[], b: readonly Features[], detail: boolean): void {
  const names = b.length > 0 ? [...b[0].keys()] : [];
  const iccs: number[] = [];
  const undefinedNames: string[] = [];
  const groups = new Map<string, [number, number]>();
  for (const name of names) {
    let v: number;
    try {
      v = icc31([
        Float64Array.from(a, (m) => m.get(name) ?? Number.NaN),
        Float64Array.from(b, (m) => m.get(name) ?? Number.NaN),
      ]);
      iccs.push(v);
    } catch {
      undefinedNames.push(name);
      v = Number.NaN;
    }
    const [type, cls] = name.split('_');
    for (const key of [type, cls]) {
      const g = groups.get(key) ?? [0, 0];
      g[0] += v >= GOAL ? 1 : 0;
      g[1] += 1;
      groups.set(key, g);
    }
  }
  const good = iccs.filter((v) => v >= GOAL).length;
  iccs.sort((x, y) => x - y);
  const share = names.length > 0 ? (100 * good) / names.length : 0;
  const median = iccs.length > 0 ? iccs[iccs.length >> 1].toFixed(3) : 'n/a';
  console.log(
    `  ${label}: ICC(3,1) >= ${GOAL} for ${good}/${names.length} = ${share.toFixed(1)} % (goal >= 90 %); median ICC ${median}; undefined ${undefinedNames.length}`,
  );
  if (!detail) return;
  const parts = [...groups].map(([k, [g, n]]) => `${k} ${((100 * g) / n).toFixed(0)} %`);
  console.log(`    share by image type and class: ${parts.join(', ')}`);
  if (undefinedNames.length > 0) {
    console.log(`    undefined ICC (constant over all phantoms): ${undefinedNames.join(', ')}`);
  }
}

/**
 * Prints the share of features with ICC(3,1) >= 0.75 between automatic-ROI and true-mask extraction (goal >= 90 %),
 * also against the true mask eroded like the ROI, the phantoms on which the ROI failed (no T6 ROI), and the run time.
 */
export function benchIcc(seeds = PHANTOMS): void {
  const params = parseParams(readFileSync(join(PROJECT_ROOT, 'params', 'study-1197.yaml'), 'utf8'));
  const t0 = performance.now();
  const auto: Features[] = [];
  const truth: Features[] = [];
  const truthEroded: Features[] = [];
  const failed: string[] = [];
  for (let s = FIRST_SEED; s < FIRST_SEED + seeds; s++) {
    const p = makeChestPhantom({ seed: s, size: [256, 256], pixelMm: 1.4, sliceMm: 5 });
    const roi = findMarrowRoi(p.image, { level: 'T6' });
    if (roi.mask === undefined || roi.level !== 'T6') {
      failed.push(
        `${s} (${roi.level ?? 'none'}${roi.qc.reasons.length > 0 ? `: ${roi.qc.reasons.join('; ')}` : ''})`,
      );
      continue;
    }
    try {
      const eroded = { grid: p.marrow.grid, data: erode(p.marrow.data, p.marrow.grid, ROI_EROSION_MM) };
      const a = numericFeatures(extractFeatures(p.image, roi.mask, params));
      const t = numericFeatures(extractFeatures(p.image, p.marrow, params));
      const e = numericFeatures(extractFeatures(p.image, eroded, params));
      auto.push(a);
      truth.push(t);
      truthEroded.push(e);
    } catch (e) {
      failed.push(`${s} (extraction: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `icc: auto T6 ROI vs truth over ${auto.length}/${seeds} phantoms (seeds ${FIRST_SEED}..${FIRST_SEED + seeds - 1}, 256x256 at 1.4 mm, 5 mm slices)`,
  );
  report('vs true marrow mask', auto, truth, true);
  report(`vs true mask eroded ${ROI_EROSION_MM} mm (same definition as the ROI)`, auto, truthEroded, false);
  console.log(
    `  ROI failed on ${failed.length} phantom(s)${failed.length > 0 ? `: ${failed.join(', ')}` : ''}`,
  );
  console.log(`  run time ${seconds.toFixed(1)} s (3 extractions per phantom)`);
}
