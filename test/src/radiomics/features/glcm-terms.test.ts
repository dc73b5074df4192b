import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareGlcm } from '../../../../src/radiomics/features/glcm-matrix.ts';
import {
  cluster,
  correlation,
  diffSide,
  jointEnergy,
  maximumProbability,
  overAngles,
  sumSide,
  weightedSum,
} from '../../../../src/radiomics/features/glcm-terms.ts';
import { GLCM_DOC_IMAGE, roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-12, abs: 1e-14 };
const prep = prepareGlcm(roiFromSlices([GLCM_DOC_IMAGE], { force2D: true }));

describe('sumSide', () => {
  it('equals the full-matrix sum over i + j', () => {
    for (let a = 0; a < prep.angleCount; a++) {
      assertClose(
        sumSide(prep, a, (k) => k * k),
        weightedSum(prep, a, (i, j) => (i + j) ** 2),
        TOL,
      );
    }
  });
});

describe('diffSide', () => {
  it('equals the full-matrix sum over |i - j|', () => {
    for (let a = 0; a < prep.angleCount; a++) {
      assertClose(
        diffSide(prep, a, (k) => 1 / (1 + k)),
        weightedSum(prep, a, (i, j) => 1 / (1 + Math.abs(i - j))),
        TOL,
      );
    }
  });
});

describe('cluster', () => {
  it('equals sum_ij (i + j - mu_x - mu_y)^n p(i,j)', () => {
    const c = prep.ux[3] + prep.uy[3];
    assertClose(
      cluster(prep, 3, 3),
      weightedSum(prep, 3, (i, j) => (i + j - c) ** 3),
      TOL,
    );
  });
});

describe('correlation', () => {
  it('lies in [-1, 1] and is 1 for a flat region', () => {
    for (let a = 0; a < prep.angleCount; a++) assert.ok(Math.abs(correlation(prep, a)) <= 1);
    const flat = prepareGlcm(roiFromSlices([[[2, 2]]]));
    assert.equal(correlation(flat, 0), 1);
  });
});

describe('jointEnergy', () => {
  it('is the sum of squared probabilities of the documented GLCM along x', () => {
    // The documented symmetrical GLCM along x (40 pairs), row by row.
    const doc = [6, 4, 3, 0, 0, 4, 0, 2, 1, 3, 3, 2, 0, 1, 2, 0, 1, 1, 0, 0, 0, 3, 2, 0, 2];
    assertClose(
      jointEnergy(prep, 3),
      doc.reduce((s, v) => s + (v / 40) ** 2, 0),
      TOL,
    );
    assertClose(maximumProbability(prep, 3), 6 / 40, TOL);
  });
});

describe('overAngles', () => {
  it('averages a per-angle value over the kept angles', () => {
    assertClose(
      overAngles(prep, (_q, a) => a),
      1.5,
      TOL,
    );
  });
});
