import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { glcm } from '../../../../src/radiomics/features/glcm.ts';
import { registerBaselineTests, registerPhantomTests } from '../../../support/texture-class-tests.ts';
import { roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-12, abs: 1e-12 };

function computeAll(prep: ReturnType<typeof glcm.prepare>): Record<string, number> {
  return Object.fromEntries(Object.entries(glcm.features).map(([k, f]) => [k, f.compute(prep)]));
}

describe('glcm', () => {
  it('lists PyRadiomics 24 default and 4 deprecated GLCM features', () => {
    assert.equal(glcm.defaultFeatures.length, 24);
    assert.deepEqual([...glcm.deprecated].sort(), [
      'Dissimilarity',
      'Homogeneity1',
      'Homogeneity2',
      'SumVariance',
    ]);
  });

  registerBaselineTests(glcm, 'glcm');

  registerPhantomTests(
    glcm,
    'glcm',
    'Grey level co-occurrence based features',
    [
      { aggregation: '3D, averaged', settings: {} },
      { aggregation: '3D, merged', settings: { weightingNorm: 'no_weighting' } },
      { aggregation: '2.5D, direction-merged', settings: { force2D: true } },
      { aggregation: '2.5D, merged', settings: { force2D: true, weightingNorm: 'no_weighting' } },
    ],
    {},
  );

  it('gives the documented flat-region values when the ROI has one grey level', () => {
    const v = computeAll(glcm.prepare(roiFromSlices([[[7, 7, 7]], [[7, 7, 7]]])));
    assert.equal(v.Correlation, 1);
    assert.equal(v.MCC, 1);
    assert.equal(v.Imc1, 0);
    assert.equal(v.Imc2, 0);
    assert.equal(v.JointEnergy, 1);
    assert.equal(v.Contrast, 0);
  });

  it('computes deprecated features as their mathematical twins', () => {
    const v = computeAll(
      glcm.prepare(
        roiFromSlices([
          [
            [1, 2, 5, 2, 3],
            [3, 2, 1, 3, 1],
            [1, 3, 5, 5, 2],
          ],
        ]),
      ),
    );
    assertClose(v.Dissimilarity, v.DifferenceAverage, TOL);
    assertClose(v.Homogeneity1, v.Id, TOL);
    assertClose(v.Homogeneity2, v.Idm, TOL);
    assertClose(v.SumVariance, v.ClusterTendency, TOL);
    assertClose(v.SumAverage, 2 * v.JointAverage, TOL);
  });

  it('returns NaN, as PyRadiomics does, when no ROI voxel has a neighbour in the ROI', () => {
    const prep = glcm.prepare(roiFromSlices([[[1, 0, 2]]]));
    assert.equal(prep.angleCount, 0);
    assert.ok(Number.isNaN(glcm.features.JointEntropy.compute(prep)));
  });
});
