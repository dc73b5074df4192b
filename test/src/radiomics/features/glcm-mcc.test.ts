import { describe, it } from 'node:test';
import { maximalCorrelationCoefficient } from '../../../../src/radiomics/features/glcm-mcc.ts';
import { prepareGlcm } from '../../../../src/radiomics/features/glcm-matrix.ts';
import { roiFromSlices } from '../../../support/roi-builder.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-12, abs: 1e-12 };

describe('maximalCorrelationCoefficient', () => {
  it('returns 1 for a flat region', () => {
    assertClose(maximalCorrelationCoefficient(prepareGlcm(roiFromSlices([[[3, 3, 3]]]))), 1, TOL);
  });

  it('returns 1 when each grey level only neighbours itself (complete dependence)', () => {
    // Two flat blocks that never touch: p(i, j) is diagonal, Q is the identity.
    const img = [
      [1, 1, 0, 2, 2],
      [1, 1, 0, 2, 2],
    ];
    assertClose(maximalCorrelationCoefficient(prepareGlcm(roiFromSlices([img]))), 1, TOL);
  });

  it('returns 0 when neighbouring levels are independent', () => {
    // A single row 1 1 2 2 1: along x the pairs are (1,1), (1,2), (2,2), (2,1), so the symmetrical p is 1/4
    // everywhere, p = p_x p_y^T, and Q has rank 1 (second eigenvalue 0).
    const prep = prepareGlcm(roiFromSlices([[[1, 1, 2, 2, 1]]]));
    assertClose(maximalCorrelationCoefficient(prep), 0, { rel: 0, abs: 1e-7 });
  });
});
