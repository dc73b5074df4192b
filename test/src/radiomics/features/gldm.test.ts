import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gldm, prepareGldm } from '../../../../src/radiomics/features/gldm.ts';
import { registerBaselineTests, registerPhantomTests } from '../../../support/texture-class-tests.ts';
import { RUN_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';

/** The GLDM of the documentation example, alpha 0, distance 1 (columns: dependence 1..4 incl. the centre). */
const DOC_GLDM = [
  [0, 1, 2, 1],
  [1, 2, 3, 0],
  [1, 4, 4, 0],
  [1, 2, 0, 0],
  [3, 0, 0, 0],
];

describe('prepareGldm', () => {
  it('reproduces the documented dependence matrix of the 5 x 5 example', () => {
    const prep = prepareGldm(roiFromSlices([RUN_DOC_IMAGE], { force2D: true }));
    assert.equal(prep.maxDependence, 9);
    const rows = Array.from({ length: 5 }, (_, i) => Array.from(prep.counts.subarray(i * 9, i * 9 + 9)));
    assert.deepEqual(
      rows,
      DOC_GLDM.map((r) => [...r, 0, 0, 0, 0, 0]),
    );
  });

  it('counts neighbours within gldm_a grey levels as dependent', () => {
    const strict = prepareGldm(roiFromSlices([[[1, 2, 3]]]));
    const loose = prepareGldm(roiFromSlices([[[1, 2, 3]]], { gldm_a: 1 }));
    // alpha 0: no voxel has a dependent neighbour; alpha 1: the ends have 1, the middle 2.
    assert.deepEqual(Array.from(strict.pd), [3, 0, 0]);
    assert.deepEqual(Array.from(loose.pd), [0, 2, 1]);
  });
});

describe('gldm', () => {
  it('lists PyRadiomics 14 default and 2 deprecated GLDM features', () => {
    assert.equal(gldm.defaultFeatures.length, 14);
    assert.deepEqual([...gldm.deprecated].sort(), [
      'DependencePercentage',
      'GrayLevelNonUniformityNormalized',
    ]);
  });

  registerBaselineTests(gldm, 'gldm');

  registerPhantomTests(
    gldm,
    'gldm',
    'Neighbouring grey level dependence based features',
    [
      { aggregation: '3D', settings: {} },
      { aggregation: '2.5D', settings: { force2D: true } },
    ],
    { CAS9: 'Dependence count energy: IBSI only, PyRadiomics has no GLDM energy feature' },
  );

  it('gives 1 for the deprecated dependence percentage (N_z = N_p)', () => {
    assert.equal(gldm.features.DependencePercentage.compute(gldm.prepare(roiFromSlices([RUN_DOC_IMAGE]))), 1);
  });
});
