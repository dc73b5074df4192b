/**
 * The binomial family with the logit link exactly as R's `binomial()` object evaluates it in C (stats
 * `family.c`): the clamped inverse link, its derivative, and the deviance of 0/1 data.
 */

const THRESH = 30;
const DBL_EPSILON = Number.EPSILON;
const INVEPS = 1 / DBL_EPSILON;

/**
 * Inverse logit as R's C `logit_linkinv`: η is clamped to [-30, 30] (μ = ε/(1+ε) below, 1/(1+ε) above)
 * so μ stays strictly inside (0, 1).
 */
export function logitInverse(eta: number): number {
  const t = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

/** dμ/dη as R's C `logit_mu_eta`: e^η / (1 + e^η)², replaced by ε when |η| > 30. */
export function logitMuEta(eta: number): number {
  if (eta > THRESH || eta < -THRESH) return DBL_EPSILON;
  const opexp = 1 + Math.exp(eta);
  return Math.exp(eta) / (opexp * opexp);
}

/** Binomial deviance Σ 2 [y ln(y/μ) + (1-y) ln((1-y)/(1-μ))] for 0/1 y (R `binomial()$dev.resids`). */
export function binomialDeviance(y: ArrayLike<number>, mu: (i: number) => number): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    dev += y[i] === 1 ? 2 * Math.log(1 / mu(i)) : 2 * Math.log(1 / (1 - mu(i)));
  }
  return dev;
}
