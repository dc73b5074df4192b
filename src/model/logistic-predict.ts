/**
 * Predictions of a fitted logistic regression for new rows.
 */
import { StatsInputError } from '../errors.ts';
import { logitInverse } from './binomial-family.ts';
import type { LogisticFit } from './logistic.ts';

/** Linear predictor η = b₀ + Σ b_j x_j for new rows (same column order as the fit, no intercept column). */
export function predictLinear(fit: LogisticFit, x: readonly ArrayLike<number>[]): Float64Array {
  const offset = fit.intercept ? 1 : 0;
  const cols = fit.estimates.length - offset;
  return Float64Array.from(x, (row, i) => {
    if (row.length !== cols) {
      throw new StatsInputError(
        'length-mismatch',
        `row ${i} has ${row.length} values; the model has ${cols} covariates`,
      );
    }
    let e = offset ? fit.estimates[0] : 0;
    for (let j = 0; j < cols; j++) e += fit.estimates[j + offset] * row[j];
    return e;
  });
}

/** Predicted probabilities logit⁻¹(η) for new rows (R `predict(fit, newdata, type = "response")`). */
export function predictProbability(fit: LogisticFit, x: readonly ArrayLike<number>[]): Float64Array {
  return predictLinear(fit, x).map(logitInverse);
}
