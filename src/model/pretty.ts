/**
 * R's `pretty()`: "round" equally spaced axis values covering a range, as used by rms nomogram axes.
 */
import { StatsInputError } from '../errors.ts';

const ROUNDING_EPS = 1e-10;
const HIGH_U_BIAS = 1.5;
const U5_BIAS = 0.5 + 1.5 * HIGH_U_BIAS;
const SHRINK_SML = 0.75;
const F_MIN = 2 ** -20;
const DBL_MIN = 2.2250738585072014e-308;

/** 10^e exactly rounded for integer e (10^-e by division, so 10^-1 is the double nearest 0.1). */
function powerOfTen(e: number): number {
  return e >= 0 ? 10 ** e : 1 / 10 ** -e;
}

/**
 * The breaks of R `pretty(x, n)` (base R 4.2 `pretty.default` with its defaults: min.n = n %/% 3,
 * shrink.sml = 0.75, high.u.bias = 1.5, u5.bias = 0.5 + 1.5 high.u.bias, eps.correct = 0).
 *
 * With dx = max - min, the cell is dx / n (or, for a range too small to divide, the shrunk magnitude);
 * base = 10^⌊log10 cell⌋; the unit is the first of base, 2 base, 5 base, 10 base whose excess over the cell is
 * below h (h5 for 5) times the cell's excess over the previous unit; ns = ⌊min/unit + 1e-10⌋ and
 * nu = ⌈max/unit - 1e-10⌉ (moved outwards until they cover the range), padded to at least min.n intervals.
 * The breaks are R 4.2 `seq.int(l, u, length.out = k + 1)` = l + i (u - l)/k (last = u), values below 1e-14 × step
 * set to 0. Source: R `src/appl/pretty.c` (`R_pretty`) and `pretty.default`, documented in `?pretty`.
 */
export function prettyBreaks(values: ArrayLike<number>, n = 5): number[] {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return [];
  if (!Number.isInteger(n) || n < 0)
    throw new StatsInputError('invalid-value', `pretty: n must be an integer >= 0, got ${n}`);
  let lo = Math.min(...finite);
  let up = Math.max(...finite);
  const minN = Math.floor(n / 3);
  const dx = up - lo;
  let cell: number;
  let small: boolean;
  if (dx === 0 && up === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(up));
    const bound =
      (1 + (U5_BIAS >= 1.5 * HIGH_U_BIAS + 0.5 ? 1 / (1 + HIGH_U_BIAS) : 1.5 / (1 + U5_BIAS))) *
      Math.max(1, n) *
      Number.EPSILON;
    small = dx < cell * bound * 3;
  }
  if (small) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= SHRINK_SML;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  cell = Math.max(cell, F_MIN * DBL_MIN);
  const base = powerOfTen(Math.floor(Math.log10(cell)));
  let unit = base;
  if (2 * base - cell < HIGH_U_BIAS * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < U5_BIAS * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < HIGH_U_BIAS * (cell - unit)) unit = 10 * base;
    }
  }
  let ns = Math.floor(lo / unit + ROUNDING_EPS);
  let nu = Math.ceil(up / unit - ROUNDING_EPS);
  while (ns * unit > lo + ROUNDING_EPS * unit) ns--;
  while (nu * unit < up - ROUNDING_EPS * unit) nu++;
  let k = Math.trunc(0.5 + nu - ns);
  if (k < minN) {
    const extra = minN - k;
    const half = Math.trunc(extra / 2);
    if (ns >= 0) {
      nu += half;
      ns -= half + (extra % 2);
    } else {
      ns -= half;
      nu += half + (extra % 2);
    }
    k = minN;
  }
  if (ns * unit < lo) lo = ns * unit;
  if (nu * unit > up) up = nu * unit;
  return sequenceByLength(lo, up, k);
}

/** R 4.2 `seq.int(from, to, length.out = k + 1)`: from + i (to - from)/k, the last value exactly `to`. */
function sequenceByLength(from: number, to: number, k: number): number[] {
  if (k === 0) return [from];
  const by = (to - from) / k;
  const delta = to / k - from / k;
  return Array.from({ length: k + 1 }, (_, i) => {
    const s = i === k ? to : from + i * by;
    return Math.abs(s) < 1e-14 * delta ? 0 : s;
  });
}
