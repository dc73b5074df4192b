/**
 * Sample quantiles with R's default definition (`quantile(x, probs, type = 7)`).
 */
import { StatsInputError } from '../errors.ts';
import { assertFiniteValues, assertNonEmpty } from './validate.ts';

/**
 * R type-7 quantiles (Hyndman & Fan 1996, definition 7): with x sorted ascending (1-based), h = 1 + (n-1) p,
 * lo = ⌊h⌋, hi = ⌈h⌉, Q(p) = (1 - γ) x_lo + γ x_hi, γ = h - lo, evaluated exactly as R's
 * `quantile.default` (the interpolation is skipped when γ = 0 or x_lo = x_hi, so a quantile that lands on
 * a data value equals it bit for bit).
 *
 * @param values data (any order; not modified).
 * @param probs probabilities in [0, 1].
 */
export function quantileType7(values: ArrayLike<number>, probs: ArrayLike<number>): Float64Array {
  assertNonEmpty(values, 'values');
  assertFiniteValues(values, 'values');
  const x = Float64Array.from(values).sort();
  const n = x.length;
  return Float64Array.from(probs, (p) => {
    if (!(p >= 0 && p <= 1)) {
      throw new StatsInputError('invalid-value', `quantile probability ${p} is outside [0, 1]`);
    }
    const index = 1 + (n - 1) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const q = x[lo - 1];
    if (index > lo && x[hi - 1] !== q) {
      const h = index - lo;
      return (1 - h) * q + h * x[hi - 1];
    }
    return q;
  });
}
