import type { GlcmPrepared } from './glcm-matrix.ts';
import { eigenvalues } from './eigenvalues.ts';
import { EPS } from './texture-math.ts';

/**
 * GLCM Maximal Correlation Coefficient (PyRadiomics GLCM feature 16; no IBSI code):
 * MCC = sqrt(second largest eigenvalue of Q), Q(i, j) = sum_k p(i,k) p(j,k) / (p_x(i) p_y(k) + eps),
 * per angle, then the mean over angles. A ROI with a single grey level (1 x 1 matrices, one eigenvalue)
 * gives 1. Eigenvalues are sorted as numpy sorts them (real part, then imaginary part); when any angle has
 * a complex eigenvalue, every angle's square root is taken in complex arithmetic and the real part kept,
 * as numpy does for its complex-typed result; otherwise the square root of a negative value is NaN and is
 * skipped by the mean.
 */
export function maximalCorrelationCoefficient(prep: GlcmPrepared): number {
  const n = prep.levelCount;
  if (n < 2) return 1;
  const na = prep.angleCount;
  const { p, px, py } = prep;
  const q = new Float64Array(n * n);
  const secondRe = new Float64Array(na);
  const secondIm = new Float64Array(na);
  let complex = false;
  for (let a = 0; a < na; a++) {
    q.fill(0);
    const base = a * n * n;
    for (let i = 0; i < n; i++) {
      const pxi = px[a * n + i];
      for (let k = 0; k < n; k++) {
        const pik = p[base + i * n + k];
        if (pik === 0) continue;
        const c = pik / (pxi * py[a * n + k] + EPS);
        for (let j = 0; j < n; j++) q[i * n + j] += c * p[base + j * n + k];
      }
    }
    const { re, im } = eigenvalues(q, n);
    // Second largest in numpy's complex ordering (by real part, then imaginary part).
    let best = 0;
    for (let k = 1; k < n; k++) if (re[k] > re[best] || (re[k] === re[best] && im[k] > im[best])) best = k;
    let second = -1;
    for (let k = 0; k < n; k++) {
      if (k === best) continue;
      if (second < 0 || re[k] > re[second] || (re[k] === re[second] && im[k] > im[second])) second = k;
    }
    secondRe[a] = re[second];
    secondIm[a] = im[second];
    for (let k = 0; k < n; k++) if (im[k] !== 0) complex = true;
  }
  let sum = 0;
  let count = 0;
  for (let a = 0; a < na; a++) {
    const r = secondRe[a];
    const v = complex ? Math.sqrt((Math.hypot(r, secondIm[a]) + r) / 2) : Math.sqrt(r);
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}
