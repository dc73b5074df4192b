/**
 * Orthogonal wavelet filter banks in PyWavelets' conventions, generated from their mathematical definitions
 * (no coefficient tables are copied).
 *
 * PyWavelets stores for an orthogonal wavelet the reconstruction low-pass `rec_lo` (the classical scaling filter
 * h, sum sqrt(2)), and derives `dec_lo[k] = rec_lo[F-1-k]` (time reversal) and
 * `dec_hi[k] = (-1)^(k+1) * rec_lo[k]` (quadrature mirror). Those identities were checked against
 * PyWavelets 1.1.1's `Wavelet.dec_lo/dec_hi` for haar, db2 and coif1.
 *
 * - `haar` (= `db1`): h = [1, 1] / sqrt(2).
 * - `dbN`, N = 1..10: Daubechies' extremal-phase filters with N vanishing moments, by spectral factorisation
 *   (I. Daubechies, Ten Lectures on Wavelets, SIAM 1992, section 6.1): |H(w)|^2 = 2 cos^(2N)(w/2) P(sin^2(w/2))
 *   with P(y) = sum_{k<N} C(N-1+k, k) y^k; every root y_k of P gives z + 1/z = 2 - 4 y_k, and the root z inside
 *   the unit circle is kept (minimum phase). h = c (1 + z^-1)^N prod (1 - z_k z^-1), scaled to sum sqrt(2).
 *   The result equals PyWavelets 1.1.1's tabulated dbN within 2e-15 (checked for N = 1..10).
 * - `coif1`: the 6-tap coiflet in closed form (Daubechies, Ten Lectures, section 8.2; the same closed form is
 *   given e.g. in C. S. Burrus et al., Introduction to Wavelets and Wavelet Transforms, 1998, table 7.1):
 *   h = [1-sqrt7, 5+sqrt7, 14+2 sqrt7, 14-2 sqrt7, 1-sqrt7, -3+sqrt7] / (16 sqrt2).
 */
import { UnsupportedError } from '../../errors.ts';

/** Decomposition filters of an orthogonal wavelet (PyWavelets `dec_lo`, `dec_hi`). */
export interface WaveletBank {
  readonly name: string;
  readonly decLo: Float64Array;
  readonly decHi: Float64Array;
}

/** Names {@link waveletBank} accepts. */
export const SUPPORTED_WAVELETS: readonly string[] = [
  'haar',
  'coif1',
  ...Array.from({ length: 10 }, (_, i) => `db${i + 1}`),
];

/**
 * The filter bank of a PyWavelets wavelet name: `haar`, `db1`..`db10` or `coif1`.
 * Throws {@link UnsupportedError} for any other name (PyRadiomics accepts every `pywt.wavelist()` name).
 */
export function waveletBank(name: string): WaveletBank {
  let recLo: Float64Array;
  if (name === 'haar') recLo = daubechiesScaling(1);
  else if (name === 'coif1') recLo = coiflet1Scaling();
  else {
    const m = /^db([1-9]|10)$/.exec(name);
    if (m === null) {
      throw new UnsupportedError(
        `wavelet '${name}' is not implemented; use one of ${SUPPORTED_WAVELETS.join(', ')} (setting.wavelet; PyRadiomics' default is coif1)`,
      );
    }
    recLo = daubechiesScaling(Number(m[1]));
  }
  const f = recLo.length;
  const decLo = new Float64Array(f);
  const decHi = new Float64Array(f);
  for (let k = 0; k < f; k++) {
    decLo[k] = recLo[f - 1 - k];
    decHi[k] = (k % 2 === 0 ? -1 : 1) * recLo[k];
  }
  return { name, decLo, decHi };
}

function coiflet1Scaling(): Float64Array {
  const r7 = Math.sqrt(7);
  const d = 16 * Math.SQRT2;
  return Float64Array.from([1 - r7, 5 + r7, 14 + 2 * r7, 14 - 2 * r7, 1 - r7, -3 + r7], (v) => v / d);
}

/** Daubechies' minimum-phase scaling filter with n vanishing moments (length 2n), sum sqrt(2). */
function daubechiesScaling(n: number): Float64Array {
  // P(y) = sum_{k<n} C(n-1+k, k) y^k, coefficients in ascending powers.
  const p: number[] = [];
  let binom = 1;
  for (let k = 0; k < n; k++) {
    if (k > 0) binom = (binom * (n - 1 + k)) / k;
    p.push(binom);
  }
  // Polynomial in z^-1, ascending powers: start with (1 + z^-1)^n.
  let h: number[] = [1];
  for (let k = 0; k < n; k++) h = multiply(h, [1, 1]);
  const roots = polynomialRoots(p);
  for (const [yr, yi] of roots) {
    if (yi < 0) continue; // conjugate pairs are handled together through the root with yi >= 0
    // z + 1/z = 2 - 4y  ->  z^2 - (2 - 4y) z + 1 = 0; keep the root inside the unit circle.
    const br = 2 - 4 * yr;
    const bi = -4 * yi;
    const [z1r, z1i, z2r, z2i] = quadraticRoots(br, bi);
    const [zr, zi] = z1r * z1r + z1i * z1i < z2r * z2r + z2i * z2i ? [z1r, z1i] : [z2r, z2i];
    if (Math.abs(yi) < 1e-12) {
      h = multiply(h, [1, -zr]);
    } else {
      // (1 - z w)(1 - conj(z) w) = 1 - 2 Re(z) w + |z|^2 w^2 ; and the conjugate root y* gives conj(z)'s pair.
      h = multiply(h, [1, -2 * zr, zr * zr + zi * zi]);
    }
  }
  let sum = 0;
  for (const v of h) sum += v;
  return Float64Array.from(h, (v) => (v * Math.SQRT2) / sum);
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

/** Roots of z^2 - b z + 1 = 0 for complex b = br + i bi: z = (b +- sqrt(b^2 - 4)) / 2. */
function quadraticRoots(br: number, bi: number): [number, number, number, number] {
  const dr = br * br - bi * bi - 4;
  const di = 2 * br * bi;
  const mod = Math.hypot(dr, di);
  let sr = Math.sqrt((mod + dr) / 2);
  let si = Math.sqrt(Math.max(0, (mod - dr) / 2));
  if (di < 0) si = -si;
  if (!Number.isFinite(sr)) sr = 0;
  return [(br + sr) / 2, (bi + si) / 2, (br - sr) / 2, (bi - si) / 2];
}

/**
 * All complex roots of a real polynomial given in ascending powers, by Durand-Kerner (Weierstrass) iteration.
 * Degree <= 9 here, where it converges to machine precision.
 */
function polynomialRoots(ascending: readonly number[]): Array<[number, number]> {
  const deg = ascending.length - 1;
  if (deg < 1) return [];
  const lead = ascending[deg];
  const c = ascending.map((v) => v / lead); // monic
  const re = new Float64Array(deg);
  const im = new Float64Array(deg);
  for (let k = 0; k < deg; k++) {
    // Classical starting points: powers of 0.4 + 0.9i scaled to the root bound.
    const a = (2 * Math.PI * k) / deg + 0.4;
    re[k] = Math.cos(a) * 2;
    im[k] = Math.sin(a) * 2;
  }
  const evalAt = (xr: number, xi: number): [number, number] => {
    let pr = 1;
    let pi = 0;
    for (let k = deg - 1; k >= 0; k--) {
      const nr = pr * xr - pi * xi + c[k];
      pi = pr * xi + pi * xr;
      pr = nr;
    }
    return [pr, pi];
  };
  for (let iter = 0; iter < 500; iter++) {
    let change = 0;
    for (let k = 0; k < deg; k++) {
      const [pr, pi] = evalAt(re[k], im[k]);
      let dr = 1;
      let di = 0;
      for (let j = 0; j < deg; j++) {
        if (j === k) continue;
        const ar = re[k] - re[j];
        const ai = im[k] - im[j];
        const nr = dr * ar - di * ai;
        di = dr * ai + di * ar;
        dr = nr;
      }
      const den = dr * dr + di * di;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[k] -= qr;
      im[k] -= qi;
      change = Math.max(change, Math.hypot(qr, qi));
    }
    if (change < 1e-15) break;
  }
  const out: Array<[number, number]> = [];
  for (let k = 0; k < deg; k++) out.push([re[k], Math.abs(im[k]) < 1e-13 ? 0 : im[k]]);
  return out;
}
