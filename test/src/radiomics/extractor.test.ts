import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractFeatures } from '../../../src/radiomics/extractor.ts';
import { validateParams } from '../../../src/radiomics/params.ts';
import { getRoiClass, getShapeClass } from '../../../src/radiomics/features/registry.ts';
import type { FeatureClassName } from '../../../src/radiomics/types.ts';
import {
  caseOf,
  columnSettings,
  compareColumn,
  featureRows,
  loadCase,
  newTally,
  readBaseline,
  shape2DLabel,
  usableColumns,
} from '../../support/baseline.ts';

import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';
import { BoneMetError } from '../../../src/errors.ts';

/** DESIGN section 7: original-image features equal the PyRadiomics baselines to rel 1e-6 (abs 1e-9 near zero). */
const TOL = { rel: 1e-6, abs: 1e-9 };

/** PyRadiomics' printed settings as our parameter document: None means "default" for keys we do not take null for. */
function settingsDoc(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (
      v === null &&
      (k === 'interpolator' ||
        k === 'weightingNorm' ||
        k === 'resampledPixelSpacing' ||
        k === 'resegmentRange')
    ) {
      if (k !== 'interpolator') out[k] = null;
      continue;
    }
    out[k] = v;
  }
  return out;
}

const CLASSES: FeatureClassName[] = [
  'firstorder',
  'shape',
  'shape2D',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
];

describe('extractFeatures', () => {
  for (const cls of CLASSES) {
    const baseline = readBaseline(cls);
    const rows = featureRows(baseline, cls);
    const columns = usableColumns(baseline);
    const compared = columns;

    it(`equals every original_${cls} baseline value of ${compared.length} configurations to rel 1e-6`, (t) => {
      const tally = newTally();
      for (const column of compared) {
        const { image } = loadCase(caseOf(column));
        const mask = cls === 'shape2D' ? shape2DLabel(baseline, column) : loadCase(caseOf(column)).mask;
        const params = validateParams({
          setting: settingsDoc(columnSettings(baseline, column)),
          featureClass: { [cls]: null },
        });
        const features = extractFeatures(image, mask, params);
        compareColumn(
          rows,
          column,
          (f) => {
            const v = features.get(`original_${cls}_${f}`);
            return typeof v === 'number' ? v : undefined;
          },
          TOL,
          tally,
        );
      }
      const { compared: n, worst, failures, known } = tally;
      assert.ok(n > 0, 'no baseline value was compared');
      t.diagnostic(
        `${n} values compared, worst relative error ${worst.toExponential(2)}${known.length ? `; known stale baseline values: ${known.join(', ')}` : ''}`,
      );
      assert.deepEqual(
        failures,
        [],
        `${failures.length} of ${n} values differ (worst rel ${worst.toExponential(2)})`,
      );
    });

    it(`has a baseline row for every default ${cls} feature`, () => {
      const runner = cls === 'shape' || cls === 'shape2D' ? getShapeClass(cls) : getRoiClass(cls);
      const missing = runner.defaultFeatures.filter((f) => !rows.has(f));
      assert.deepEqual(missing, []);
    });
  }
});

describe('extractFeatures on bad input', () => {
  const { image, mask } = makeVertebraVolume({ size: [64, 64, 12], seed: 3, roiSlices: 3 });
  const params = validateParams({});
  const rejects = (code: string, pattern: RegExp) => (e: unknown) =>
    e instanceof BoneMetError && e.code === code && pattern.test(e.message);

  it('throws empty-mask for an empty mask', () => {
    assert.throws(
      () => extractFeatures(image, { grid: mask.grid, data: new Uint8Array(mask.data.length) }, params),
      rejects('empty-mask', /mask is empty/),
    );
  });

  it('throws label-absent naming the labels present when the label is absent', () => {
    assert.throws(
      () => extractFeatures(image, mask, validateParams({ setting: { label: 2 } })),
      rejects('label-absent', /label 2 .*labels present: 1/),
    );
  });

  it('throws geometry-mismatch when the mask grid differs beyond setting.geometryTolerance, and accepts it within', () => {
    const shifted = {
      grid: {
        ...mask.grid,
        originLpsMm: [
          mask.grid.originLpsMm[0] + 1e-3,
          mask.grid.originLpsMm[1],
          mask.grid.originLpsMm[2],
        ] as const,
      },
      data: mask.data,
    };
    assert.throws(() => extractFeatures(image, shifted, params), rejects('geometry-mismatch', /tolerance/));
    const ok = extractFeatures(
      image,
      shifted,
      validateParams({ setting: { geometryTolerance: 1e-2 }, featureClass: { firstorder: ['Mean'] } }),
    );
    assert.equal(typeof ok.get('original_firstorder_Mean'), 'number');
  });

  it('resamples a mask from another grid onto the image with correctMask, and refuses a ROI outside the image', () => {
    const sx = image.grid.spacingMm[0];
    const origin = [
      image.grid.originLpsMm[0] + 0.3 * sx,
      image.grid.originLpsMm[1],
      image.grid.originLpsMm[2],
    ] as const;
    const offGrid = { grid: { ...mask.grid, originLpsMm: origin }, data: mask.data };
    const only = { firstorder: ['Mean', 'Energy'] };
    const reference = extractFeatures(image, mask, validateParams({ featureClass: only }));
    assert.throws(
      () => extractFeatures(image, offGrid, validateParams({ featureClass: only })),
      rejects('geometry-mismatch', /tolerance/),
    );
    const corrected = extractFeatures(
      image,
      offGrid,
      validateParams({ setting: { correctMask: true }, featureClass: only }),
    );
    assert.equal(corrected.get('original_firstorder_Mean'), reference.get('original_firstorder_Mean'));
    const far = {
      grid: { ...mask.grid, originLpsMm: [origin[0] + 1000, origin[1], origin[2]] as const },
      data: mask.data,
    };
    assert.throws(
      () =>
        extractFeatures(image, far, validateParams({ setting: { correctMask: true }, featureClass: only })),
      rejects('geometry-mismatch', /reaches outside the image/),
    );
  });

  it('throws non-finite-voxels naming the image type for a NaN voxel in the ROI', () => {
    const data = Float32Array.from(image.data);
    const inside = mask.data.indexOf(1);
    data[inside] = NaN;
    assert.throws(
      () => extractFeatures({ grid: image.grid, data }, mask, params),
      rejects('non-finite-voxels', /"original" has a NaN voxel/),
    );
  });

  it('throws roi-dimensionality for a 2D image with 3D shape settings, and extracts with force2D', () => {
    const grid = { ...image.grid, size: [64, 64, 1] as const };
    const z = mask.data.indexOf(1);
    const plane = 64 * 64;
    const start = Math.floor(z / plane) * plane;
    const image2d = { grid, data: image.data.slice(start, start + plane) };
    const mask2d = { grid, data: mask.data.slice(start, start + plane) };
    assert.throws(
      () => extractFeatures(image2d, mask2d, params),
      rejects('roi-dimensionality', /single slice.*force2D/),
    );
    const f = extractFeatures(image2d, mask2d, validateParams({ setting: { force2D: true } }));
    assert.equal(typeof f.get('original_shape2D_PixelSurface'), 'number');
    assert.equal(f.has('original_shape_MeshVolume'), false);
  });

  it('throws invalid-setting naming the key for binWidth <= 0', () => {
    assert.throws(
      () => extractFeatures(image, mask, validateParams({ setting: { binWidth: 0 } })),
      rejects('invalid-setting', /setting\.binWidth must be a number > 0, got 0/),
    );
  });

  it('throws roi-too-small naming the feature when a ROI is too small for it, never a NaN value', () => {
    const two = new Uint8Array(mask.data.length);
    const first = mask.data.indexOf(1);
    two[first] = 1;
    two[first + 1] = 1;
    assert.throws(
      () =>
        extractFeatures(
          image,
          { grid: mask.grid, data: two },
          validateParams({ setting: { minimumROIDimensions: 1 }, featureClass: { firstorder: null } }),
        ),
      rejects('roi-too-small', /original_firstorder_\w+ is undefined/),
    );
    assert.throws(
      () => extractFeatures(image, { grid: mask.grid, data: two }, params),
      rejects('roi-dimensionality', /spans 1 dimension/),
    );
  });

  it('throws roi-too-small for a single-voxel ROI', () => {
    const one = new Uint8Array(mask.data.length);
    one[mask.data.indexOf(1)] = 1;
    assert.throws(
      () => extractFeatures(image, { grid: mask.grid, data: one }, params),
      rejects('roi-too-small', /single voxel/),
    );
  });
});
