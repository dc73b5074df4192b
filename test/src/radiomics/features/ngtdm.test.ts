import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ngtdm, prepareNgtdm } from '../../../../src/radiomics/features/ngtdm.ts';
import { registerBaselineTests, registerPhantomTests } from '../../../support/texture-class-tests.ts';
import { NGTDM_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-13, abs: 1e-13 };

describe('prepareNgtdm', () => {
  it('reproduces the documented n_i and s_i of the 4 x 4 example (8-neighbourhood)', () => {
    const prep = prepareNgtdm(roiFromSlices([NGTDM_DOC_IMAGE], { force2D: true }));
    // Level 4 is absent and dropped. s_3 = 0.6 + 0.6 + 0.5 + 4/3 (the docs' table prints 2.63; its text 3.03).
    assert.deepEqual(Array.from(prep.levels), [1, 2, 3, 5]);
    assert.deepEqual(Array.from(prep.p), [6 / 16, 2 / 16, 4 / 16, 4 / 16]);
    [13.35, 2, 0.6 + 0.6 + 0.5 + 4 / 3, 10.075].forEach((s, k) =>
      assertClose(prep.s[k], s, TOL, `s_${prep.levels[k]}`),
    );
    assert.equal(prep.voxelCount, 16);
  });

  it('counts a voxel without neighbours in n_i with s contribution 0, as PyRadiomics calculate_ngtdm', () => {
    const prep = prepareNgtdm(roiFromSlices([[[1, 2, 0, 0, 3]]]));
    assert.equal(prep.voxelCount, 3);
    assert.deepEqual(Array.from(prep.s), [1, 1, 0]);
  });
});

describe('ngtdm', () => {
  it('lists the 5 PyRadiomics NGTDM features, all enabled by default', () => {
    assert.deepEqual(ngtdm.defaultFeatures, ['Coarseness', 'Contrast', 'Busyness', 'Complexity', 'Strength']);
  });

  registerBaselineTests(ngtdm, 'ngtdm');

  registerPhantomTests(
    ngtdm,
    'ngtdm',
    'Neighbourhood grey tone difference based features',
    [
      { aggregation: '3D', settings: {} },
      { aggregation: '2.5D', settings: { force2D: true } },
    ],
    {},
  );

  it('returns Coarseness 1e6 and Contrast, Busyness, Strength 0 for a flat region', () => {
    const prep = ngtdm.prepare(roiFromSlices([[[4, 4, 4]]]));
    assert.equal(ngtdm.features.Coarseness.compute(prep), 1e6);
    assert.equal(ngtdm.features.Contrast.compute(prep), 0);
    assert.equal(ngtdm.features.Busyness.compute(prep), 0);
    assert.equal(ngtdm.features.Strength.compute(prep), 0);
    assert.equal(ngtdm.features.Complexity.compute(prep), 0);
  });
});
