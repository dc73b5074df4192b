import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bsplineDecompose1D, bsplineInterpolator } from '../../../src/volume/bspline.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { assertClose } from '../../support/tolerance.ts';
import { seededArray } from '../../support/random.ts';

/** The cubic B-spline at the knots, (c[k-1] + 4 c[k] + c[k+1]) / 6, with the mirror c[-1] = c[1], c[n] = c[n-2]. */
function splineAtKnots(c: Float64Array): Float64Array {
  const n = c.length;
  const at = (k: number): number => c[k < 0 ? -k : k > n - 1 ? 2 * (n - 1) - k : k];
  return Float64Array.from({ length: n }, (_, k) => (at(k - 1) + 4 * at(k) + at(k + 1)) / 6);
}

describe('bsplineDecompose1D', () => {
  it('gives coefficients whose spline passes through the samples (exact mirror start up to 18 samples)', () => {
    for (let n = 2; n <= 18; n++) {
      const s = seededArray(n, n);
      const c = Float64Array.from(s);
      bsplineDecompose1D(c, n);
      splineAtKnots(c).forEach((v, k) => assertClose(v, s[k], { rel: 0, abs: 1e-10 }, `n ${n} sample ${k}`));
    }
  });

  it('stays within the 1e-10 start tolerance of the samples on longer lines', () => {
    const n = 200;
    const s = seededArray(n, 3);
    const c = Float64Array.from(s);
    bsplineDecompose1D(c, n);
    splineAtKnots(c).forEach((v, k) => assertClose(v, s[k], { rel: 0, abs: 1e-6 }, `sample ${k}`));
  });

  it('leaves a line of one sample unchanged', () => {
    const c = Float64Array.of(42.5);
    bsplineDecompose1D(c, 1);
    assert.equal(c[0], 42.5);
  });
});

describe('bsplineInterpolator', () => {
  it('interpolates along the other axes of an image one voxel thick', () => {
    const grid = makeGrid([6, 5, 1]);
    const data = seededArray(30, 5);
    const at = bsplineInterpolator({ grid, data }, [-1, -1, 0], [5, 4, 0]);
    for (let y = 0; y < 5; y++)
      for (let x = 0; x < 6; x++)
        assertClose(at(x, y, 0.3), data[x + 6 * y], { rel: 0, abs: 1e-9 }, `voxel ${x},${y}`);
  });
});
