/**
 * L2-penalised logistic regression, as sklearn `LogisticRegression()` (penalty 'l2', C = 1, intercept not
 * penalised), on the z-scored features the pipeline passes in. This is the study's classifier whose linear
 * predictor is the Rad-score. It minimises
 *   L(b) = -Σᵢ [yᵢ ln μᵢ + (1 - yᵢ) ln(1 - μᵢ)] + (1 / 2C) Σⱼ₌₁ᵖ bⱼ²,  μ = logit⁻¹(b₀ + x·b),
 * by Newton's method (gradient Xᵀ(μ - y) + b/C, Hessian XᵀWX + I/C with W = μ(1 - μ), step halving when L
 * does not decrease) to |Δb|∞ < 1e-10: the same optimum sklearn's lbfgs approaches, reached exactly. The
 * penalty keeps the estimates finite under separation, which small radiomics cohorts often show.
 * Source: scikit-learn 1.5 `LogisticRegression` objective; Le Cessie & van Houwelingen, Appl. Stat. 41:191 (1992).
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { ModelFitError } from '../../errors.ts';
import { logitInverse } from '../binomial-family.ts';
import { assertRows, assertTrainingData, fitted, readNumber, readNumbers, readObject } from './checks.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

interface State {
  readonly intercept: number;
  readonly coefficients: Float64Array;
}

function objective(x: FeatureRows, y: ArrayLike<number>, b: Float64Array, c: number): number {
  const p = b.length - 1;
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    let eta = b[0];
    for (let j = 0; j < p; j++) eta += b[j + 1] * x[i][j];
    // ln(1 + e^η) - y η, computed stably.
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
  }
  let pen = 0;
  for (let j = 1; j <= p; j++) pen += b[j] * b[j];
  return loss + pen / (2 * c);
}

/** Penalised logistic regression; param `C` (inverse penalty strength, default 1). */
export class PenalisedLogisticClassifier implements Classifier {
  readonly name = 'logistic-regression';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { C: 1, ...params };
    this.seed = seed;
  }

  /** Intercept and coefficients (feature order) of the fit. */
  get estimates(): State {
    return fitted(this.state, 'logistic regression');
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    const p = assertTrainingData(x, y, 'logistic regression');
    const c = this.params.C;
    const n = x.length;
    let b = new Float64Array(p + 1);
    let current = objective(x, y, b, c);
    for (let iteration = 0; iteration < 100; iteration++) {
      const grad = new Float64Array(p + 1);
      const h = Matrix.zeros(p + 1, p + 1);
      for (let i = 0; i < n; i++) {
        let eta = b[0];
        for (let j = 0; j < p; j++) eta += b[j + 1] * x[i][j];
        const mu = logitInverse(eta);
        const w = mu * (1 - mu);
        for (let j = 0; j <= p; j++) {
          const xj = j === 0 ? 1 : x[i][j - 1];
          grad[j] += (mu - y[i]) * xj;
          for (let k = 0; k <= j; k++) h.set(j, k, h.get(j, k) + w * xj * (k === 0 ? 1 : x[i][k - 1]));
        }
      }
      for (let j = 0; j <= p; j++) {
        if (j > 0) {
          grad[j] += b[j] / c;
          h.set(j, j, h.get(j, j) + 1 / c);
        }
        for (let k = 0; k < j; k++) h.set(k, j, h.get(j, k));
      }
      const step = new CholeskyDecomposition(h).solve(Matrix.columnVector(Array.from(grad))).getColumn(0);
      let scale = 1;
      let next = b;
      let value = current;
      for (let half = 0; half < 30; half++) {
        next = b.map((v, j) => v - scale * step[j]);
        value = objective(x, y, next, c);
        if (value <= current + 1e-12 * Math.abs(current)) break;
        scale /= 2;
      }
      const change = step.reduce((m, v) => Math.max(m, Math.abs(v * scale)), 0);
      b = next;
      current = value;
      if (change < 1e-10) {
        this.state = { intercept: b[0], coefficients: b.slice(1) };
        return;
      }
    }
    throw new ModelFitError(
      'not-converged',
      `penalised logistic regression (C = ${c}) did not converge in 100 Newton steps`,
    );
  }

  /** Linear predictor b₀ + x·b of each row (the Rad-score when this is the study's model). */
  linearPredictor(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'logistic regression');
    assertRows(x, s.coefficients.length, 'logistic regression');
    return Float64Array.from(x, (row) => s.coefficients.reduce((e, bj, j) => e + bj * row[j], s.intercept));
  }

  predictProba(x: FeatureRows): Float64Array {
    return this.linearPredictor(x).map(logitInverse);
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'logistic regression');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: { intercept: s.intercept, coefficients: Array.from(s.coefficients) },
    };
  }

  /** Restores a fitted model from its `state`. */
  static fromState(params: HyperParameters, seed: number, state: unknown): PenalisedLogisticClassifier {
    const m = new PenalisedLogisticClassifier(params, seed);
    const o = readObject(state, 'state');
    m.state = {
      intercept: readNumber(o, 'intercept', 'state'),
      coefficients: readNumbers(o, 'coefficients', 'state'),
    };
    return m;
  }
}
