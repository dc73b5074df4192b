import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstorder, percentileLinear } from '../../../../src/radiomics/features/firstorder.ts';
import { buildRoiInput } from '../../../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../../../src/radiomics/settings.ts';
import { validateSettings } from '../../../../src/radiomics/params.ts';
import type { RadiomicsSettings } from '../../../../src/radiomics/settings.ts';
import type { RoiInput } from '../../../../src/radiomics/types.ts';
import { cropMask, cropVolume, requireBoundingBox } from '../../../../src/volume/crop.ts';
import {
  caseOf,
  columnSettings,
  compareColumn,
  featureRows,
  loadCase,
  newTally,
  readBaseline,
  usableColumns,
} from '../../../support/baseline.ts';
import { ibsiMapping, ibsiValues, readDigitalPhantom } from '../../../support/ibsi.ts';
import { assertClose } from '../../../support/tolerance.ts';

/** DESIGN section 7: original-image features equal the PyRadiomics baselines to rel 1e-6 (abs 1e-9 near zero). */
const TOL = { rel: 1e-6, abs: 1e-9 };
/** Columns whose preprocessing lives in the extractor (its own test covers them). */
const EXTRACTOR_CONFIGS = ['_resampling', '_normalization', '_resegmentation'];

/** A baseline column's settings (PyRadiomics literal) validated over our defaults; None keeps the default. */
function mergeSettings(raw: Record<string, unknown>): RadiomicsSettings {
  return validateSettings(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)),
    DEFAULT_SETTINGS,
  );
}

/** The ROI of a PyRadiomics test case cropped to the label's bounding box. */
function caseRoi(column: string, settings: RadiomicsSettings): RoiInput {
  const { image, mask } = loadCase(caseOf(column));
  const box = requireBoundingBox(mask, settings.label);
  const img = cropVolume(image, box);
  const m = cropMask(mask, box);
  const binary = Uint8Array.from(m.data, (v) => (v === settings.label ? 1 : 0));
  return buildRoiInput(Float64Array.from(img.data), binary, m.grid.size, m.grid.spacingMm, settings);
}

function computeAll(roi: RoiInput, names: readonly string[]): Map<string, number> {
  const state = firstorder.prepare(roi);
  return new Map(names.map((n) => [n, firstorder.features[n].compute(state)]));
}

describe('firstorder', () => {
  const baseline = readBaseline('firstorder');
  const rows = featureRows(baseline, 'firstorder');
  const columns = usableColumns(baseline, EXTRACTOR_CONFIGS);

  it('equals every original_firstorder baseline value of brain1, brain2 and breast1 to rel 1e-6', (t) => {
    assert.deepEqual(columns, ['brain1', 'brain2', 'breast1']);
    const tally = newTally();
    for (const column of columns) {
      const roi = caseRoi(column, mergeSettings(columnSettings(baseline, column)));
      const ours = computeAll(roi, Object.keys(firstorder.features));
      compareColumn(rows, column, (f) => ours.get(f), TOL, tally);
    }
    t.diagnostic(`${tally.compared} values compared, worst relative error ${tally.worst.toExponential(2)}`);
    assert.equal(tally.compared, 54);
    assert.deepEqual(tally.failures, []);
  });

  it('has a baseline row for every default feature and no default deprecated one', () => {
    assert.deepEqual(
      firstorder.defaultFeatures.filter((f) => !rows.has(f)),
      [],
    );
    assert.equal(firstorder.defaultFeatures.length, 18);
    assert.deepEqual(firstorder.deprecated, ['StandardDeviation']);
    for (const [name, f] of Object.entries(firstorder.features)) {
      assert.ok(f.doc.length > 20 && f.reference.includes('PyRadiomics'), `${name} lacks doc or reference`);
    }
  });

  it('returns 0 skewness and kurtosis, and no NaN, for a flat region', () => {
    const settings = { ...DEFAULT_SETTINGS, voxelArrayShift: 10 };
    const roi = buildRoiInput(
      new Float64Array(8).fill(0.1),
      new Uint8Array(8).fill(1),
      [2, 2, 2],
      [1, 2, 3],
      settings,
    );
    const v = computeAll(roi, Object.keys(firstorder.features));
    assert.equal(v.get('Skewness'), 0);
    assert.equal(v.get('Kurtosis'), 0);
    assert.equal(v.get('Variance'), 0);
    assert.equal(v.get('RobustMeanAbsoluteDeviation'), 0);
    assertClose(v.get('TotalEnergy') ?? NaN, 6 * 8 * 10.1 * 10.1, TOL, 'TotalEnergy');
    for (const [name, x] of v) assert.ok(Number.isFinite(x), `${name} is ${x}`);
  });
});

describe('percentileLinear', () => {
  it('interpolates linearly between closest ranks like numpy.percentile', () => {
    const a = Float64Array.of(1, 2, 4, 8);
    assert.equal(percentileLinear(a, 0), 1);
    assert.equal(percentileLinear(a, 100), 8);
    assertClose(percentileLinear(a, 10), 1.3, TOL, 'P10');
    assertClose(percentileLinear(a, 75), 5, TOL, 'P75');
  });
});

/** IBSI 1 digital phantom ROI, discretised with bin width 1 (its grey levels are already integers). */
function phantomRoi(): RoiInput {
  const p = readDigitalPhantom();
  return buildRoiInput(p.values, p.mask, p.size, p.spacingMm, { ...DEFAULT_SETTINGS, binWidth: 1 });
}

describe('firstorder on the IBSI digital phantom', () => {
  const v = computeAll(phantomRoi(), Object.keys(firstorder.features));
  const stats = ibsiValues('Intensity-based statistical features');
  const hist = ibsiValues('Intensity histogram features');
  const mapping = ibsiMapping('firstorder');
  // the mapping file has no row for kurtosis (IPH6); PyRadiomics' Kurtosis is the IBSI excess kurtosis + 3
  mapping.set('IPH6', 'Kurtosis');
  const OFFSET: Record<string, number> = { Kurtosis: 3 };

  for (const [code, name] of mapping) {
    const ref = stats.get(code) ?? (code === 'TLU2' || code === 'BJ5W' ? hist.get(code) : undefined);
    if (ref === undefined) continue;
    const offset = OFFSET[name] ?? 0;
    it(`matches IBSI ${ref.feature} (${code}) with ${name}${offset ? ' minus 3 (PyRadiomics kurtosis is not excess)' : ''}`, (t) => {
      const ours = v.get(name) ?? NaN;
      t.diagnostic(`IBSI ${ref.value} +- ${ref.tolerance}, ours ${ours - offset}`);
      assert.ok(
        Math.abs(ours - offset - ref.value) <= ref.tolerance,
        `${name}: ours ${ours - offset}, IBSI ${ref.value}`,
      );
    });
  }
});
