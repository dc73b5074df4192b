import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareGlcm } from '../../../../src/radiomics/features/glcm-matrix.ts';
import { GLCM_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

const EXACT = { rel: 1e-14, abs: 1e-15 };

/** The symmetrical horizontal GLCM of the documentation example (PyRadiomics GLCM docs). */
const DOC_GLCM = [
  [6, 4, 3, 0, 0],
  [4, 0, 2, 1, 3],
  [3, 2, 0, 1, 2],
  [0, 1, 1, 0, 0],
  [0, 3, 2, 0, 2],
];

describe('prepareGlcm', () => {
  it('reproduces the documented symmetrical GLCM of the 5 x 5 example along x', () => {
    const prep = prepareGlcm(roiFromSlices([GLCM_DOC_IMAGE], { force2D: true }));
    assert.equal(prep.angleCount, 4);
    // In-plane angles in PyRadiomics order: [1,1], [0,1], [-1,1], [1,0]; the last is along x (40 pairs).
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++)
        assertClose(prep.p[3 * 25 + i * 5 + j] * 40, DOC_GLCM[i][j], EXACT, `P(${i + 1},${j + 1})`);
    }
  });

  it('counts one direction only when symmetricalGLCM is false', () => {
    const prep = prepareGlcm(roiFromSlices([[[1, 2]]], { symmetricalGLCM: false }));
    assert.equal(prep.angleCount, 1);
    assert.deepEqual(Array.from(prep.p), [0, 1, 0, 0]);
    assert.equal(prep.ux[0], 1);
    assert.equal(prep.uy[0], 2);
  });

  it('reduces the matrix to the grey levels present and keeps Ng for normalisation', () => {
    const prep = prepareGlcm(roiFromSlices([[[1, 4, 4, 1]]]));
    assert.equal(prep.levelCount, 2);
    assert.equal(prep.maxGrayLevel, 4);
    assert.deepEqual(Array.from(prep.levels), [1, 4]);
    // |1 - 4| = 3 is the only non-zero difference
    assertClose(prep.pDiff[3], 2 / 3, EXACT);
  });

  it('removes angles without any pair', () => {
    // Two voxels touching only along x: the y and diagonal angles of the 2 x 2 box are empty.
    const prep = prepareGlcm(
      roiFromSlices([
        [
          [1, 2],
          [0, 0],
        ],
      ]),
    );
    assert.equal(prep.angleCount, 1);
  });

  it('merges the angles weighted by exp(-d^2) under the norm with the voxel spacing', () => {
    const slices = [GLCM_DOC_IMAGE];
    const spacing = [1, 2, 3] as const;
    const perAngle = prepareGlcm(roiFromSlices(slices, { force2D: true }, spacing));
    const merged = prepareGlcm(roiFromSlices(slices, { force2D: true, weightingNorm: 'manhattan' }, spacing));
    assert.equal(merged.angleCount, 1);
    // Manhattan lengths of [1,1], [0,1], [-1,1], [1,0] with spacing (1, 2): 3, 2, 3, 1 mm; pairs 32, 40, 32, 40.
    const lengths = [3, 2, 3, 1];
    const pairs = [32, 40, 32, 40];
    const expected = new Float64Array(25);
    let total = 0;
    for (let a = 0; a < 4; a++) {
      const w = Math.exp(-lengths[a] * lengths[a]) * pairs[a];
      for (let k = 0; k < 25; k++) expected[k] += w * perAngle.p[a * 25 + k];
      total += w;
    }
    for (let k = 0; k < 25; k++) assertClose(merged.p[k], expected[k] / total, { rel: 1e-12, abs: 1e-15 });
  });
});
