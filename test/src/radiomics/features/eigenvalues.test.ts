import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eigenvalues } from '../../../../src/radiomics/features/eigenvalues.ts';
import { assertClose } from '../../../support/tolerance.ts';

const TOL = { rel: 1e-12, abs: 1e-12 };

/** Eigenvalues as sorted [re, im] pairs. */
function sorted(a: number[], n: number): [number, number][] {
  const { re, im } = eigenvalues(Float64Array.from(a), n);
  return Array.from(re, (r, k): [number, number] => [r, im[k]]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Companion matrix of prod (x - r_k) (row-major). */
function companion(roots: number[]): number[] {
  let c = [1];
  for (const r of roots) {
    const next = new Array<number>(c.length + 1).fill(0);
    for (let k = 0; k < c.length; k++) {
      next[k] += c[k];
      next[k + 1] -= r * c[k];
    }
    c = next;
  }
  const n = roots.length;
  const m = new Array<number>(n * n).fill(0);
  for (let j = 0; j < n; j++) m[j] = -c[j + 1];
  for (let i = 1; i < n; i++) m[i * n + i - 1] = 1;
  return m;
}

describe('eigenvalues', () => {
  it('returns the diagonal of a triangular matrix', () => {
    const ev = sorted([3, 1, 7, 0, -2, 5, 0, 0, 0.5], 3);
    assert.deepEqual(
      ev.map((v) => v[0]),
      [-2, 0.5, 3],
    );
  });

  it('returns a complex conjugate pair for a rotation', () => {
    const ev = sorted([0, -1, 1, 0], 2);
    assertClose(ev[0][1], -1, TOL, 'imaginary part');
    assertClose(ev[1][1], 1, TOL, 'imaginary part');
    assertClose(ev[0][0], 0, TOL, 'real part');
  });

  it('finds the roots of a polynomial from its non-symmetric companion matrix', () => {
    const roots = [1, 2, 3, 4, 5, 6, 7];
    const ev = sorted(companion(roots), roots.length);
    roots.forEach((r, k) => assertClose(ev[k][0], r, { rel: 1e-8, abs: 1e-8 }, `root ${r}`));
  });

  it('converges on a cluster of equal eigenvalues blurred by rounding noise', () => {
    const n = 6;
    const a = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) + 1e-14 * Math.sin(i * 7 + j);
    const ev = sorted(a, n);
    for (const [re] of ev) assertClose(re, 1, { rel: 1e-12, abs: 1e-12 }, 'eigenvalue');
  });

  it('returns the eigenvalues of a symmetric matrix', () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const ev = sorted([2, 1, 1, 2], 2);
    assertClose(ev[0][0], 1, TOL);
    assertClose(ev[1][0], 3, TOL);
  });
});
