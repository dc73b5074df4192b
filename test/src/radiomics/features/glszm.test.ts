import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { glszm, prepareGlszm } from '../../../../src/radiomics/features/glszm.ts';
import { registerBaselineTests, registerPhantomTests } from '../../../support/texture-class-tests.ts';
import { RUN_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';

/** The GLSZM of the documentation example (rows: levels 1..5, columns: zone sizes 1..5). */
const DOC_GLSZM = [
  [0, 0, 0, 1, 0],
  [1, 0, 0, 0, 1],
  [1, 0, 1, 0, 1],
  [1, 1, 0, 0, 0],
  [3, 0, 0, 0, 0],
];

describe('prepareGlszm', () => {
  it('reproduces the documented size-zone matrix of the 5 x 5 example (8-connected)', () => {
    const prep = prepareGlszm(roiFromSlices([RUN_DOC_IMAGE], { force2D: true }));
    assert.equal(prep.maxSize, 5);
    const rows = Array.from({ length: 5 }, (_, i) => Array.from(prep.counts.subarray(i * 5, i * 5 + 5)));
    assert.deepEqual(rows, DOC_GLSZM);
    assert.equal(prep.zoneCount, 11);
  });

  it('connects voxels through corners in 3D (26-connectivity) but not across slices with force2D', () => {
    const slices = [[[1, 0]], [[0, 1]]];
    assert.equal(prepareGlszm(roiFromSlices(slices)).zoneCount, 1);
    assert.equal(prepareGlszm(roiFromSlices(slices, { force2D: true })).zoneCount, 2);
  });
});

describe('glszm', () => {
  it('lists the 16 PyRadiomics GLSZM features, all enabled by default', () => {
    assert.equal(glszm.defaultFeatures.length, 16);
    assert.deepEqual(glszm.deprecated, []);
  });

  registerBaselineTests(glszm, 'glszm');

  registerPhantomTests(
    glszm,
    'glszm',
    'Grey level size zone based features',
    [
      { aggregation: '3D', settings: {} },
      { aggregation: '2.5D', settings: { force2D: true } },
    ],
    {},
  );
});
