import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareGlrlm } from '../../../../src/radiomics/features/glrlm-matrix.ts';
import { RUN_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';

/** The GLRLM along x of the documentation example (rows: levels 1..5, columns: run lengths 1..5). */
const DOC_GLRLM = [
  [1, 0, 1, 0, 0],
  [3, 0, 1, 0, 0],
  [4, 1, 1, 0, 0],
  [1, 1, 0, 0, 0],
  [3, 0, 0, 0, 0],
];

describe('prepareGlrlm', () => {
  it('reproduces the documented run-length matrix of the 5 x 5 example along x', () => {
    const prep = prepareGlrlm(roiFromSlices([RUN_DOC_IMAGE], { force2D: true }));
    assert.equal(prep.angleCount, 4);
    assert.equal(prep.maxRun, 5);
    const along = Array.from({ length: 5 }, (_, i) =>
      Array.from(prep.counts.subarray(3 * 25 + i * 5, 3 * 25 + i * 5 + 5)),
    );
    assert.deepEqual(along, DOC_GLRLM);
    assert.equal(prep.runCount[3], 17);
    assert.equal(prep.voxelCount[3], 25);
  });

  it('ends a run at a voxel outside the ROI', () => {
    const prep = prepareGlrlm(roiFromSlices([[[2, 2, 0, 2, 2, 2]]]));
    assert.equal(prep.angleCount, 1);
    // runs of level 2: lengths 2 and 3
    assert.deepEqual(Array.from(prep.counts), [0, 1, 1, 0, 0, 0]);
  });

  it('drops an angle whose lines never hold two ROI voxels', () => {
    // An L-shaped ROI in a 2 x 2 box: the [-1, 1] diagonal line holds two voxels, the [1, 1] one holds one.
    const prep = prepareGlrlm(
      roiFromSlices([
        [
          [1, 2],
          [3, 0],
        ],
      ]),
    );
    // Angles [1,1], [0,1], [-1,1], [1,0]: [1,1] passes through (0,0) and (1,1), only one in the ROI.
    assert.equal(prep.angleCount, 3);
  });

  it('merges the angles weighted by their length in mm when weightingNorm is set', () => {
    const spacing = [1, 2, 3] as const;
    const perAngle = prepareGlrlm(roiFromSlices([RUN_DOC_IMAGE], { force2D: true }, spacing));
    const merged = prepareGlrlm(
      roiFromSlices([RUN_DOC_IMAGE], { force2D: true, weightingNorm: 'euclidean' }, spacing),
    );
    assert.equal(merged.angleCount, 1);
    const lengths = [Math.sqrt(5), 2, Math.sqrt(5), 1];
    let expected = 0;
    for (let a = 0; a < 4; a++) expected += lengths[a] * perAngle.runCount[a];
    assert.ok(Math.abs(merged.runCount[0] - expected) < 1e-12 * expected);
  });
});
