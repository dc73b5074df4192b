import { describe, it } from 'node:test';
import {
  filterLine,
  recursiveGaussianCoefficients,
} from '../../../../src/radiomics/filters/recursive-gaussian.ts';
import { assertClose } from '../../../support/tolerance.ts';

function run(line: Float64Array, sigmaMm: number, spacingMm: number, order: 0 | 2): Float64Array {
  const out = new Float64Array(line.length);
  filterLine(
    out,
    line,
    new Float64Array(line.length),
    line.length,
    recursiveGaussianCoefficients(sigmaMm, spacingMm, order, true),
  );
  return out;
}

describe('recursiveGaussianCoefficients', () => {
  it('gives the zero-order filter unit DC gain (a constant line is unchanged)', () => {
    const out = run(new Float64Array(40).fill(7), 2, 0.8, 0);
    for (let i = 0; i < 40; i++) assertClose(out[i], 7, { rel: 1e-12, abs: 0 }, `smoothed[${i}]`);
  });

  it('gives the second-order filter a response sigma^2 * 2 to k^2 away from the borders (NormalizeAcrossScale)', () => {
    // f(k) = k^2 per voxel: d2f/dk2 = 2; normalised by sigma^2 (sigma in mm) -> 2 sigma^2 per voxel^2.
    const n = 400;
    const line = Float64Array.from({ length: n }, (_, k) => (k - n / 2) ** 2);
    const sigma = 1.5;
    const out = run(line, sigma, 1, 2);
    assertClose(out[n / 2], 2 * sigma * sigma, { rel: 1e-9, abs: 0 }, 'response at the centre');
  });

  it('gives the second-order filter zero response to a constant line', () => {
    const out = run(new Float64Array(30).fill(-350), 1, 1, 2);
    for (let i = 0; i < 30; i++) assertClose(out[i], 0, { rel: 0, abs: 1e-10 }, `d2[${i}]`);
  });
});
