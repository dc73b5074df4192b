/**
 * Cubic B-spline interpolation as SimpleITK's sitkBSpline does it (ITK BSplineInterpolateImageFunction, spline
 * order 3, double coefficients from BSplineDecompositionImageFilter), reproduced operation by operation so the
 * values equal ITK's bit for bit.
 *
 * Prefilter (Unser 1999, "Splines: a perfect fit for signal and image processing", Box 2), along x, then y, then z,
 * on every line of the image (an axis of one voxel is left as is), pole z = sqrt(3) - 2:
 * - gain: c[k] = s[k] (1 - z) (1 - 1/z) (= 6);
 * - causal initial value with mirror boundaries: if the line is longer than the horizon
 *   h = ceil(ln(1e-10) / ln|z|) (= 18), c+[0] = sum_{k<h} z^k c[k]; otherwise the exact mirror sum
 *   c+[0] = (c[0] + z^(N-1) c[N-1] + sum_{k=1}^{N-2} (z^k + z^(2N-2-k)) c[k]) / (1 - z^(2N-2));
 * - causal recursion c+[k] = c[k] + z c+[k-1];
 * - anti-causal initial value c-[N-1] = z / (z^2 - 1) (z c+[N-2] + c+[N-1]);
 * - anti-causal recursion c-[k] = z (c-[k+1] - c+[k]).
 *
 * Evaluation at a continuous index x (per axis): b = floor(float32(x)) - 1, w = x - (b + 1),
 * weights W3 = w^3 / 6, W0 = 1/6 + w (w - 1) / 2 - W3, W2 = w + W0 - 2 W3, W1 = 1 - W0 - W2 - W3 for the
 * indices b..b+3, mirrored at the edges (i < 0 -> -i; i > N-1 -> 2 (N-1) - i); then
 * v = sum over the 4x4x4 points (x fastest) of (Wx Wy Wz) c.
 *
 * Every line is filtered over its whole length, as ITK filters the whole image (the causal start and the
 * anti-causal end depend on the line's ends), but only the lines that reach the requested coefficients are
 * filtered: x lines everywhere, y lines within the requested x range, z lines within the requested x and y range.
 */
import type { IndexXYZ, Volume } from './types.ts';
import { UnsupportedError } from '../errors.ts';

/** The pole of the cubic B-spline prefilter. */
const POLE = Math.sqrt(3) - 2;
/** ITK's initial-coefficient tolerance and the horizon it gives. */
const HORIZON = Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));
/** Overall gain (1 - z)(1 - 1/z) = 6 as ITK evaluates it. */
const GAIN = (1 - POLE) * (1 - 1 / POLE);
const ONE_SIXTH = 1 / 6;

/**
 * Replaces `s[0 .. n)` by its cubic B-spline coefficients (mirror boundaries, ITK's initialisation).
 * A line of one sample is left unchanged.
 */
export function bsplineDecompose1D(s: Float64Array, n: number): void {
  if (n === 1) return;
  for (let k = 0; k < n; k++) s[k] *= GAIN;
  filterLines(s, n, 1, new Float64Array(1));
}

/**
 * The causal and anti-causal passes on `w` lines of length `n` (> 1) held in lockstep, sample k of line j at
 * buf[k w + j], the gain already applied. Each line sees exactly ITK's operations in ITK's order; running the lines
 * side by side only lets independent recursions overlap. `sum` is scratch of length >= w.
 */
function filterLines(buf: Float64Array, n: number, w: number, sum: Float64Array): void {
  const z = POLE;
  if (HORIZON < n) {
    for (let j = 0; j < w; j++) sum[j] = buf[j];
    let zn = z;
    for (let k = 1; k < HORIZON; k++) {
      const r = k * w;
      for (let j = 0; j < w; j++) sum[j] += zn * buf[r + j];
      zn *= z;
    }
    for (let j = 0; j < w; j++) buf[j] = sum[j];
  } else {
    const iz = 1 / z;
    let zn = z;
    let z2n = Math.pow(z, n - 1);
    const last = (n - 1) * w;
    for (let j = 0; j < w; j++) sum[j] = buf[j] + z2n * buf[last + j];
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      const r = k * w;
      const f = zn + z2n;
      for (let j = 0; j < w; j++) sum[j] += f * buf[r + j];
      zn *= z;
      z2n *= iz;
    }
    const d = 1 - zn * zn;
    for (let j = 0; j < w; j++) buf[j] = sum[j] / d;
  }
  for (let k = 1; k < n; k++) {
    const r = k * w;
    for (let j = 0; j < w; j++) buf[r + j] += z * buf[r - w + j];
  }
  const e = (n - 1) * w;
  const q = z / (z * z - 1);
  for (let j = 0; j < w; j++) buf[e + j] = q * (z * buf[e - w + j] + buf[e + j]);
  for (let k = n - 2; k >= 0; k--) {
    const r = k * w;
    for (let j = 0; j < w; j++) buf[r + j] = z * (buf[r + w + j] - buf[r + j]);
  }
}

/** ITK's mirror of an index outside 0..n-1 (one reflection, as ITK applies it). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  let m = i < 0 ? -i : i;
  if (m >= n - 1) m = 2 * (n - 1) - m;
  return m;
}

/**
 * Filters every line of `src` (size `n`, x fastest) along `axis` and keeps the coefficients within [lo, hi] on that
 * axis; `src` already holds only the kept range of the axes filtered before, and all of the others. The lines of
 * one z plane (x axis) or one slab (y, z axes) are filtered side by side in a buffer laid out [k][line].
 */
function filterAxis(
  src: ArrayLike<number>,
  n: readonly number[],
  axis: number,
  lo: number,
  hi: number,
): { data: Float64Array; size: number[] } {
  const size = n.slice();
  size[axis] = hi - lo + 1;
  const data = new Float64Array(size[0] * size[1] * size[2]);
  const len = n[axis];
  // A slab: the lines sharing the outer index; lines of a slab are `w` apart in src along the axis (x: 1 apart).
  const w = axis === 0 ? n[1] : axis === 1 ? n[0] : n[0] * n[1];
  const slabs = axis === 2 ? 1 : n[2];
  const buf = new Float64Array(len * w);
  const sum = new Float64Array(w);
  const slabIn = len * w;
  const slabOut = size[axis] * w;
  for (let s = 0; s < slabs; s++) {
    const a = s * slabIn;
    if (axis === 0) {
      for (let j = 0; j < w; j++) for (let k = 0; k < len; k++) buf[k * w + j] = src[a + j * len + k] * GAIN;
    } else {
      for (let i = 0; i < slabIn; i++) buf[i] = src[a + i] * GAIN;
    }
    if (len > 1) filterLines(buf, len, w, sum);
    else for (let i = 0; i < slabIn; i++) buf[i] = src[a + i];
    const b = s * slabOut;
    if (axis === 0) {
      const keep = size[0];
      for (let j = 0; j < w; j++) for (let k = lo; k <= hi; k++) data[b + j * keep + k - lo] = buf[k * w + j];
    } else {
      data.set(buf.subarray(lo * w, (hi + 1) * w), b);
    }
  }
  return { data, size };
}

/**
 * An sitkBSpline interpolator over `volume` for samples whose support base floor(float32(x)) lies in
 * [floorLo, floorHi] on each axis: computes the needed coefficients once, then returns v(x, y, z) at a continuous
 * index (the caller keeps samples inside [-0.5, n - 0.5)). Throws {@link UnsupportedError} for an axis of 2 voxels,
 * where ITK's single mirror reflection leaves the image.
 */
export function bsplineInterpolator(
  volume: Volume,
  floorLo: IndexXYZ,
  floorHi: IndexXYZ,
): (x: number, y: number, z: number) => number {
  const n = volume.grid.size;
  if (n.some((s) => s === 2)) {
    throw new UnsupportedError(
      `sitkBSpline needs 1 or at least 3 voxels along each axis, the image has ${n.join(' x ')}; use sitkLinear`,
    );
  }
  const lo = [0, 0, 0];
  const hi = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    lo[a] = n[a] - 1;
    for (let i = floorLo[a] - 1; i <= floorHi[a] + 2; i++) {
      const m = mirror(i, n[a]);
      lo[a] = Math.min(lo[a], m);
      hi[a] = Math.max(hi[a], m);
    }
  }
  const fx = filterAxis(volume.data, n, 0, lo[0], hi[0]);
  const fy = filterAxis(fx.data, fx.size, 1, lo[1], hi[1]);
  const coef = filterAxis(fy.data, fy.size, 2, lo[2], hi[2]).data;
  const cx = hi[0] - lo[0] + 1;
  const cxy = cx * (hi[1] - lo[1] + 1);
  const w = new Float64Array(12);
  const off = new Int32Array(12);
  const axisStride = [1, cx, cxy];
  const setAxis = (a: number, x: number): void => {
    const base = Math.floor(Math.fround(x)) - 1;
    const t = x - (base + 1);
    const w3 = ONE_SIXTH * t * t * t;
    const w0 = ONE_SIXTH + 0.5 * t * (t - 1) - w3;
    const w2 = t + w0 - 2 * w3;
    const j = 4 * a;
    w[j] = w0;
    w[j + 1] = 1 - w0 - w2 - w3;
    w[j + 2] = w2;
    w[j + 3] = w3;
    for (let k = 0; k < 4; k++) off[j + k] = (mirror(base + k, n[a]) - lo[a]) * axisStride[a];
  };
  return (x, y, z) => {
    setAxis(0, x);
    setAxis(1, y);
    setAxis(2, z);
    let v = 0;
    for (let k = 0; k < 4; k++) {
      for (let j = 0; j < 4; j++) {
        const wyz = w[4 + j];
        const oyz = off[8 + k] + off[4 + j];
        for (let i = 0; i < 4; i++) v += w[i] * wyz * w[8 + k] * coef[off[i] + oyz];
      }
    }
    return v;
  };
}
