/**
 * Eigenvalues of a general (non-symmetric) real square matrix, as `numpy.linalg.eigvals` returns them, for
 * the GLCM Maximal Correlation Coefficient. Householder reduction to upper Hessenberg form, then Francis
 * implicit double-shift QR iterations with deflation (Golub & Van Loan, Matrix Computations, 4th ed.,
 * algorithms 7.4.2 and 7.5.1-7.5.2). Eigenvalues only: transformations are restricted to the active block.
 */
import { NumericalError } from '../../errors.ts';

/** Real and imaginary parts of the eigenvalues, unordered. */
export interface Eigenvalues {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

const TOLERANCE = 2.220446049250313e-16;
const MAX_SWEEPS_PER_EIGENVALUE = 100;
const STAGNATION_SWEEPS = 30;

/**
 * Whether the subdiagonal entry h[k][k-1] can be set to zero: |h[k][k-1]| <= eps (|h[k-1][k-1]| + |h[k][k]|)
 * (the sum replaced by ||H||_1 when it is 0); after many sweeps without progress (a cluster of equal
 * eigenvalues blurred by rounding, where the shifts cannot resolve the noise), also when
 * |h[k][k-1]| <= 1000 eps ||H||_1, which moves the eigenvalues by no more than that.
 */
function negligible(h: Float64Array, n: number, k: number, norm: number, relaxed: boolean): boolean {
  const sub = Math.abs(h[k * n + k - 1]);
  if (sub === 0) return true;
  let s = Math.abs(h[(k - 1) * n + k - 1]) + Math.abs(h[k * n + k]);
  if (s === 0) s = norm;
  if (sub <= TOLERANCE * s) return true;
  return relaxed && sub <= 1000 * TOLERANCE * norm;
}

/** Reduces `h` (row-major n x n, overwritten) to upper Hessenberg form by Householder similarity transforms. */
function toHessenberg(h: Float64Array, n: number, v: Float64Array): void {
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += h[i * n + k] * h[i * n + k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0 = h[(k + 1) * n + k];
    const alpha = x0 > 0 ? -norm : norm;
    // v = x - alpha e1, reflector I - 2 v v^T / (v^T v)
    let vv = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = h[i * n + k] - (i === k + 1 ? alpha : 0);
      vv += v[i] * v[i];
    }
    if (vv === 0) continue;
    const beta = 2 / vv;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * h[i * n + j];
      s *= beta;
      for (let i = k + 1; i < n; i++) h[i * n + j] -= s * v[i];
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += h[i * n + j] * v[j];
      s *= beta;
      for (let j = k + 1; j < n; j++) h[i * n + j] -= s * v[j];
    }
    for (let i = k + 2; i < n; i++) h[i * n + k] = 0;
  }
}

/** Eigenvalues of the 2 x 2 block [[a, b], [c, d]] into re/im at positions p and p + 1. */
function block2(
  a: number,
  b: number,
  c: number,
  d: number,
  re: Float64Array,
  im: Float64Array,
  p: number,
): void {
  const mid = 0.5 * (a + d);
  const half = 0.5 * (a - d);
  const disc = half * half + b * c;
  if (disc >= 0) {
    const root = Math.sqrt(disc);
    const big = mid + (half >= 0 ? root : -root);
    const det = a * d - b * c;
    re[p] = big;
    re[p + 1] = big !== 0 ? det / big : mid - (half >= 0 ? root : -root);
    im[p] = 0;
    im[p + 1] = 0;
  } else {
    const root = Math.sqrt(-disc);
    re[p] = mid;
    re[p + 1] = mid;
    im[p] = root;
    im[p + 1] = -root;
  }
}

/**
 * Applies the reflector I - beta u u^T (u of length `len`, 2 or 3, acting on rows/columns r..r+len-1) to the
 * active block [lo, hi] of h: from the left on columns c0..hi and from the right on rows lo..rowEnd.
 */
function reflect(
  h: Float64Array,
  n: number,
  u: Float64Array,
  len: number,
  beta: number,
  r: number,
  c0: number,
  hi: number,
  lo: number,
  rowEnd: number,
): void {
  const u0 = u[0];
  const u1 = u[1];
  const u2 = len === 3 ? u[2] : 0;
  const r0 = r * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  for (let j = c0; j <= hi; j++) {
    const s = beta * (u0 * h[r0 + j] + u1 * h[r1 + j] + (len === 3 ? u2 * h[r2 + j] : 0));
    h[r0 + j] -= s * u0;
    h[r1 + j] -= s * u1;
    if (len === 3) h[r2 + j] -= s * u2;
  }
  for (let i = lo; i <= rowEnd; i++) {
    const k = i * n + r;
    const s = beta * (h[k] * u0 + h[k + 1] * u1 + (len === 3 ? h[k + 2] * u2 : 0));
    h[k] -= s * u0;
    h[k + 1] -= s * u1;
    if (len === 3) h[k + 2] -= s * u2;
  }
}

/** Householder vector u (into `u`) with (I - beta u u^T) x = (., 0, 0); returns beta (0 when x = 0). */
function house(x: number, y: number, z: number, u: Float64Array): number {
  const norm = Math.sqrt(x * x + y * y + z * z);
  if (norm === 0) return 0;
  const alpha = x > 0 ? -norm : norm;
  u[0] = x - alpha;
  u[1] = y;
  u[2] = z;
  const uu = u[0] * u[0] + y * y + z * z;
  return uu === 0 ? 0 : 2 / uu;
}

/**
 * All eigenvalues of the row-major n x n matrix `a` (not modified). Throws when the QR iteration does not
 * converge (not seen for the matrices the GLCM produces).
 */
export function eigenvalues(a: Float64Array, n: number): Eigenvalues {
  const h = Float64Array.from(a.subarray(0, n * n));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const work = new Float64Array(Math.max(n, 3));
  const u = new Float64Array(3);
  toHessenberg(h, n, work);
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += Math.abs(h[i]);
  let hi = n - 1;
  let sweeps = 0;
  while (hi >= 0) {
    // Deflate: find the start lo of the unreduced block ending at hi.
    let lo = hi;
    while (lo > 0) {
      if (negligible(h, n, lo, norm, sweeps >= STAGNATION_SWEEPS)) {
        h[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      re[hi] = h[hi * n + hi];
      im[hi] = 0;
      hi--;
      sweeps = 0;
      continue;
    }
    if (lo === hi - 1) {
      const p = hi - 1;
      block2(h[p * n + p], h[p * n + hi], h[hi * n + p], h[hi * n + hi], re, im, p);
      hi -= 2;
      sweeps = 0;
      continue;
    }
    if (++sweeps > MAX_SWEEPS_PER_EIGENVALUE) {
      throw new NumericalError(
        `the eigenvalue iteration did not converge for a ${n} x ${n} matrix (the ROI's shape matrix); check the ROI`,
      );
    }
    // Shifts: the eigenvalues of the trailing 2 x 2 block (exceptional shifts every 10 sweeps).
    let s: number;
    let t: number;
    if (sweeps % 10 === 0) {
      const w = Math.abs(h[hi * n + hi - 1]) + Math.abs(h[(hi - 1) * n + hi - 2]);
      s = 1.5 * w;
      t = w * w;
    } else {
      const p = hi - 1;
      s = h[p * n + p] + h[hi * n + hi];
      t = h[p * n + p] * h[hi * n + hi] - h[p * n + hi] * h[hi * n + p];
    }
    const h00 = h[lo * n + lo];
    const h10 = h[(lo + 1) * n + lo];
    let x = h00 * h00 + h[lo * n + lo + 1] * h10 - s * h00 + t;
    let y = h10 * (h00 + h[(lo + 1) * n + lo + 1] - s);
    let z = h10 * h[(lo + 2) * n + lo + 1];
    // Chase the bulge down the active block.
    for (let k = lo; k <= hi - 2; k++) {
      const beta = house(x, y, z, u);
      if (beta !== 0) reflect(h, n, u, 3, beta, k, Math.max(lo, k - 1), hi, lo, Math.min(k + 3, hi));
      if (k > lo) {
        h[(k + 1) * n + k - 1] = 0;
        h[(k + 2) * n + k - 1] = 0;
      }
      x = h[(k + 1) * n + k];
      y = h[(k + 2) * n + k];
      z = k + 3 <= hi ? h[(k + 3) * n + k] : 0;
    }
    const beta = house(x, y, 0, u);
    if (beta !== 0) reflect(h, n, u, 2, beta, hi - 1, hi - 2, hi, lo, hi);
    h[hi * n + hi - 2] = 0;
  }
  return { re, im };
}
