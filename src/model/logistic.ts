/**
 * Binary logistic regression fitted exactly as R's `glm(y ~ ., family = binomial)` (stats::glm.fit):
 * iteratively reweighted least squares (Fisher scoring), same start, same clamped logit link, same
 * convergence rule and iteration limit, same warnings. Wald inference as `summary.glm` and
 * `confint.default`.
 *
 * Separation and non-convergence are **warnings in the result** (as in R: the fit is returned), in
 * `fit.warnings` with `converged` and `separation` flags; {@link assertReliableFit} turns them into a
 * {@link ModelFitError} for callers that must not proceed. Bad input (empty, NaN, length mismatch, one
 * class only, singular design) throws a {@link StatsInputError}.
 */
import { Matrix, QrDecomposition, inverse } from 'ml-matrix';
import { ModelFitError, StatsInputError } from '../errors.ts';
import { normalCdf, normalQuantile } from '../stats/distributions.ts';
import { assertBinaryOutcome, assertNonEmpty } from '../stats/validate.ts';
import { binomialDeviance, logitInverse, logitMuEta } from './binomial-family.ts';
import { assertFullRank, buildDesign, columnNames } from './design-matrix.ts';

/** Options of {@link fitLogistic}; defaults are R's `glm.control()` and `confint.default` level. */
export interface LogisticOptions {
  /** Column names of `x` (default `x1`, `x2`, ...). The intercept is named `(Intercept)`. */
  readonly names?: readonly string[];
  /** Add an intercept column (default true). */
  readonly intercept?: boolean;
  /** Maximum IRLS iterations (R `maxit`, default 25). */
  readonly maxIterations?: number;
  /** Convergence tolerance on |dev - dev_old| / (|dev| + 0.1) (R `epsilon`, default 1e-8). */
  readonly epsilon?: number;
  /** Confidence level of the Wald odds-ratio interval (default 0.95). */
  readonly confLevel?: number;
}

/** Why a fit should not be trusted; the codes mirror R's glm.fit warnings. */
export interface LogisticWarning {
  readonly code: 'not-converged' | 'fitted-probabilities-0-or-1';
  readonly message: string;
}

/** One coefficient with its Wald inference. */
export interface LogisticCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  /** Wald z = estimate / SE. */
  readonly z: number;
  /** Two-sided Wald p = 2 Φ(-|z|). */
  readonly pValue: number;
  /** exp(estimate). */
  readonly oddsRatio: number;
  /** Wald CI of the odds ratio, exp(b ± z_{1-α/2} SE) (R `exp(confint.default(fit))`, not profile likelihood). */
  readonly oddsRatioLower: number;
  readonly oddsRatioUpper: number;
}

/** Result of {@link fitLogistic}. */
export interface LogisticFit {
  readonly names: readonly string[];
  readonly intercept: boolean;
  readonly coefficients: readonly LogisticCoefficient[];
  /** Estimates in column order (intercept first when present). */
  readonly estimates: Float64Array;
  /** Unscaled covariance (X'WX)⁻¹ of the estimates (dispersion 1), row-major p x p. */
  readonly covariance: readonly (readonly number[])[];
  /** Residual deviance -2 Σ [y ln μ + (1-y) ln(1-μ)]. */
  readonly deviance: number;
  /** Deviance of the intercept-only model (μ = mean y), or of μ = ½ without intercept. */
  readonly nullDeviance: number;
  /** AIC = deviance + 2 k, k = number of coefficients (0/1 data). */
  readonly aic: number;
  readonly logLikelihood: number;
  readonly dfResidual: number;
  readonly dfNull: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** True when some fitted probability is within 10 ε of 0 or 1 (R's sign of (quasi-)separation). */
  readonly separation: boolean;
  readonly warnings: readonly LogisticWarning[];
  /** Fitted probabilities μ. */
  readonly fitted: Float64Array;
  /** Linear predictor η = X b. */
  readonly linearPredictor: Float64Array;
  readonly confLevel: number;
}

/**
 * Fits a logistic regression by IRLS exactly as R `glm.fit` with the binomial family.
 *
 * Start μ₀ = (y + ½)/2, η₀ = logit μ₀ (binomial `initialize`). Iteration t: z = η + (y - μ)/μ'(η),
 * w = μ'(η)/√(μ(1-μ)), b = argmin ‖w∘(z - X b)‖ by Householder QR of diag(w) X, η = X b, μ = logit⁻¹ η.
 * Stops when |D_t - D_{t-1}| / (|D_t| + 0.1) < ε (1e-8) or after 25 iterations. Standard errors from
 * (R'R)⁻¹ of the last QR (the weights of the final iteration, as `summary.glm`), Wald z = b/SE,
 * p = 2Φ(-|z|), OR = e^b with exp(b ± z_{0.975} SE). A column whose QR pivot is below 1e-7 of its norm
 * (R's `Cdqrls` tolerance) makes the design singular and throws. R's step-halving branches (non-finite
 * deviance, μ outside (0, 1)) cannot trigger with the clamped logit link, so they are not reproduced.
 * Sources: R stats `glm.fit`, `binomial()`, `summary.glm`, `confint.default`; McCullagh & Nelder (1989) §4.4.
 *
 * @param x n rows of covariate values (no intercept column).
 * @param y n outcomes coded 0/1.
 */
export function fitLogistic(
  x: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const intercept = options.intercept ?? true;
  const maxIterations = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const confLevel = options.confLevel ?? 0.95;
  if (
    !Number.isInteger(maxIterations) ||
    maxIterations < 1 ||
    !(epsilon > 0) ||
    !(confLevel > 0 && confLevel < 1)
  ) {
    throw new StatsInputError(
      'invalid-value',
      `fitLogistic options out of range: maxIterations ${maxIterations} (integer >= 1), epsilon ${epsilon} (> 0), confLevel ${confLevel} (in (0, 1))`,
    );
  }
  assertNonEmpty(y, 'y');
  assertBinaryOutcome(y, 'y');
  const n = y.length;
  const { data: X, p } = buildDesign(x, n, intercept);
  const names = columnNames(options.names, p - (intercept ? 1 : 0), intercept);
  if (n <= p) {
    throw new StatsInputError(
      'too-few-observations',
      `${n} observations for ${p} coefficients; logistic regression needs more rows than coefficients`,
    );
  }

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = (y[i] + 0.5) / 2;
    eta[i] = Math.log(mu[i] / (1 - mu[i]));
  }
  let devOld = binomialDeviance(y, (i) => mu[i]);
  let dev = devOld;
  let beta = new Float64Array(p);
  let rFactor: Matrix | undefined;
  let converged = false;
  let iterations = 0;
  const weighted = new Matrix(n, p);
  const rhs = new Matrix(n, 1);
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    for (let i = 0; i < n; i++) {
      const muEta = logitMuEta(eta[i]);
      const z = eta[i] + (y[i] - mu[i]) / muEta;
      const w = Math.sqrt((muEta * muEta) / (mu[i] * (1 - mu[i])));
      for (let j = 0; j < p; j++) weighted.set(i, j, X[i * p + j] * w);
      rhs.set(i, 0, z * w);
    }
    const qr = new QrDecomposition(weighted);
    rFactor = qr.upperTriangularMatrix;
    assertFullRank(rFactor, weighted, names);
    const solution = qr.solve(rhs).getColumn(0);
    if (!solution.every(Number.isFinite)) {
      throw new StatsInputError(
        'singular-design',
        `non-finite coefficients at IRLS iteration ${iter}; check the design for collinear or constant columns`,
      );
    }
    beta = Float64Array.from(solution);
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < p; j++) e += X[i * p + j] * beta[j];
      eta[i] = e;
      mu[i] = logitInverse(e);
    }
    dev = binomialDeviance(y, (i) => mu[i]);
    if (Math.abs(dev - devOld) / (0.1 + Math.abs(dev)) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  if (rFactor === undefined) throw new StatsInputError('invalid-value', 'no IRLS iteration was run');
  return summarise({
    X,
    y,
    n,
    p,
    names,
    intercept,
    beta,
    rFactor,
    eta,
    mu,
    dev,
    iterations,
    converged,
    confLevel,
  });
}

interface FitState {
  X: Float64Array;
  y: ArrayLike<number>;
  n: number;
  p: number;
  names: readonly string[];
  intercept: boolean;
  beta: Float64Array;
  rFactor: Matrix;
  eta: Float64Array;
  mu: Float64Array;
  dev: number;
  iterations: number;
  converged: boolean;
  confLevel: number;
}

function summarise(s: FitState): LogisticFit {
  const rInv = inverse(s.rFactor);
  const cov = rInv.mmul(rInv.transpose()).to2DArray();
  const zCrit = normalQuantile(1 - (1 - s.confLevel) / 2);
  const coefficients = s.names.map((name, j): LogisticCoefficient => {
    const estimate = s.beta[j];
    const se = Math.sqrt(cov[j][j]);
    const z = estimate / se;
    return {
      name,
      estimate,
      standardError: se,
      z,
      pValue: 2 * normalCdf(-Math.abs(z)),
      oddsRatio: Math.exp(estimate),
      oddsRatioLower: Math.exp(estimate - zCrit * se),
      oddsRatioUpper: Math.exp(estimate + zCrit * se),
    };
  });
  let mean = 0;
  for (let i = 0; i < s.n; i++) mean += s.y[i];
  mean /= s.n;
  const nullMu = s.intercept ? mean : 0.5;
  const nullDeviance = binomialDeviance(s.y, () => nullMu);
  const eps = 10 * Number.EPSILON;
  const separation = s.mu.some((m) => m > 1 - eps || m < eps);
  const warnings: LogisticWarning[] = [];
  if (!s.converged) {
    warnings.push({
      code: 'not-converged',
      message: `IRLS did not converge in ${s.iterations} iterations (R: "glm.fit: algorithm did not converge"); estimates and standard errors are unreliable`,
    });
  }
  if (separation) {
    warnings.push({
      code: 'fitted-probabilities-0-or-1',
      message:
        'fitted probabilities numerically 0 or 1 occurred (R glm.fit warning): the outcome is (quasi-)separated by the covariates; odds ratios are not estimable',
    });
  }
  return {
    names: s.names,
    intercept: s.intercept,
    coefficients,
    estimates: s.beta,
    covariance: cov,
    deviance: s.dev,
    nullDeviance,
    aic: s.dev + 2 * s.p,
    logLikelihood: -s.dev / 2,
    dfResidual: s.n - s.p,
    dfNull: s.n - (s.intercept ? 1 : 0),
    iterations: s.iterations,
    converged: s.converged,
    separation,
    warnings,
    fitted: s.mu,
    linearPredictor: s.eta,
    confLevel: s.confLevel,
  };
}

/** Throws {@link ModelFitError} when the fit did not converge or shows separation; returns otherwise. */
export function assertReliableFit(fit: LogisticFit): void {
  if (!fit.converged) throw new ModelFitError('not-converged', fit.warnings[0].message);
  if (fit.separation) {
    throw new ModelFitError(
      'separation',
      `${fit.warnings.find((w) => w.code === 'fitted-probabilities-0-or-1')?.message ?? 'separation'}; remove or merge the separating covariate, or use penalised regression`,
    );
  }
}
