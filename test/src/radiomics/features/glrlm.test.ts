import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { glrlm } from '../../../../src/radiomics/features/glrlm.ts';
import { registerBaselineTests, registerPhantomTests } from '../../../support/texture-class-tests.ts';
import { RUN_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

describe('glrlm', () => {
  it('lists the 16 PyRadiomics GLRLM features, all enabled by default', () => {
    assert.equal(glrlm.defaultFeatures.length, 16);
    assert.deepEqual(glrlm.deprecated, []);
  });

  registerBaselineTests(glrlm, 'glrlm');

  registerPhantomTests(
    glrlm,
    'glrlm',
    'Grey level run length based features',
    [
      { aggregation: '3D, averaged', settings: {} },
      { aggregation: '3D, merged', settings: { weightingNorm: 'no_weighting' } },
      { aggregation: '2.5D, direction-merged', settings: { force2D: true } },
      { aggregation: '2.5D, merged', settings: { force2D: true, weightingNorm: 'no_weighting' } },
    ],
    {},
  );

  it('computes the run percentage of merged angles over every voxel visit', () => {
    const prep = glrlm.prepare(
      roiFromSlices([RUN_DOC_IMAGE], { force2D: true, weightingNorm: 'no_weighting' }),
    );
    // 4 in-plane angles, 25 voxels each: N_p = 100; runs along x, y, and both diagonals.
    assert.equal(prep.voxelCount[0], 100);
    assertClose(glrlm.features.RunPercentage.compute(prep), prep.runCount[0] / 100, { rel: 1e-15, abs: 0 });
  });
});
