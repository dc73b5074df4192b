/**
 * Multi-layer perceptron (sklearn `MLPClassifier` defaults): one hidden layer of 100 ReLU units, logistic
 * output, loss = mean log-loss + (α / 2n) Σ‖W‖² (α = 1e-4, weights only), Adam (learning rate 1e-3,
 * β₁ 0.9, β₂ 0.999, ε 1e-8), mini-batches of min(200, n) rows reshuffled each epoch, 200 epochs.
 * Initial weights uniform in ±√(f/(fan_in + fan_out)) with f = 6 (f = 2 for the logistic output layer),
 * biases likewise, all drawn from this model's seed. Source: Kingma & Ba, ICLR 2015 (Adam); Glorot &
 * Bengio, AISTATS 2010 (initialisation); scikit-learn 1.5 `MLPClassifier`.
 */
import { createRng } from '../../stats/random.ts';
import type { Rng } from '../../stats/random.ts';
import { logitInverse } from '../binomial-family.ts';
import { assertRows, assertTrainingData, fitted, readNumber, readNumbers, readObject } from './checks.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

/** Weights: w1 is hidden x p (row-major), b1 hidden, w2 hidden, b2 scalar. */
interface State {
  readonly p: number;
  readonly hidden: number;
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: number;
}

function uniform(rng: Rng, n: number, bound: number): Float64Array {
  return Float64Array.from({ length: n }, () => (2 * rng.next() - 1) * bound);
}

/** The Adam update of one parameter vector (moments m, v kept by the caller). */
function adam(
  theta: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  t: number,
  lr: number,
): void {
  const c1 = 1 - 0.9 ** t;
  const c2 = 1 - 0.999 ** t;
  for (let i = 0; i < theta.length; i++) {
    m[i] = 0.9 * m[i] + 0.1 * grad[i];
    v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
    theta[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
  }
}

/** MLP; params `hidden` (100), `alpha` (1e-4), `learningRate` (1e-3), `epochs` (200). */
export class MlpClassifier implements Classifier {
  readonly name = 'mlp';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { hidden: 100, alpha: 1e-4, learningRate: 1e-3, epochs: 200, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    const p = assertTrainingData(x, y, 'mlp');
    const n = x.length;
    const h = this.params.hidden;
    const rng = createRng(this.seed);
    const bound1 = Math.sqrt(6 / (p + h));
    const bound2 = Math.sqrt(2 / (h + 1));
    const w1 = uniform(rng, h * p, bound1);
    const b1 = uniform(rng, h, bound1);
    const w2 = uniform(rng, h, bound2);
    const b2 = uniform(rng, 1, bound2);
    const weights = [w1, b1, w2, b2];
    const grads = weights.map((a) => new Float64Array(a.length));
    const m = weights.map((a) => new Float64Array(a.length));
    const v = weights.map((a) => new Float64Array(a.length));
    const batch = Math.min(200, n);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const act = new Float64Array(h);
    let t = 0;
    for (let epoch = 0; epoch < this.params.epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (let start = 0; start < n; start += batch) {
        const rows = order.subarray(start, Math.min(n, start + batch));
        for (const g of grads) g.fill(0);
        const [gw1, gb1, gw2, gb2] = grads;
        for (const r of rows) {
          const row = x[r];
          let out = b2[0];
          for (let k = 0; k < h; k++) {
            let a = b1[k];
            for (let j = 0; j < p; j++) a += w1[k * p + j] * row[j];
            act[k] = a > 0 ? a : 0;
            out += w2[k] * act[k];
          }
          const delta = (logitInverse(out) - y[r]) / rows.length;
          gb2[0] += delta;
          for (let k = 0; k < h; k++) {
            gw2[k] += delta * act[k];
            if (act[k] > 0) {
              const d = delta * w2[k];
              gb1[k] += d;
              for (let j = 0; j < p; j++) gw1[k * p + j] += d * row[j];
            }
          }
        }
        const decay = this.params.alpha / rows.length;
        for (let i = 0; i < w1.length; i++) gw1[i] += decay * w1[i];
        for (let i = 0; i < w2.length; i++) gw2[i] += decay * w2[i];
        t++;
        weights.forEach((theta, k) => adam(theta, grads[k], m[k], v[k], t, this.params.learningRate));
      }
    }
    this.state = { p, hidden: h, w1, b1, w2, b2: b2[0] };
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'mlp');
    assertRows(x, s.p, 'mlp');
    return Float64Array.from(x, (row) => {
      let out = s.b2;
      for (let k = 0; k < s.hidden; k++) {
        let a = s.b1[k];
        for (let j = 0; j < s.p; j++) a += s.w1[k * s.p + j] * row[j];
        if (a > 0) out += s.w2[k] * a;
      }
      return logitInverse(out);
    });
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'mlp');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: {
        p: s.p,
        hidden: s.hidden,
        w1: Array.from(s.w1),
        b1: Array.from(s.b1),
        w2: Array.from(s.w2),
        b2: s.b2,
      },
    };
  }

  /** Restores a fitted model from its `state`. */
  static fromState(params: HyperParameters, seed: number, state: unknown): MlpClassifier {
    const m = new MlpClassifier(params, seed);
    const o = readObject(state, 'state');
    m.state = {
      p: readNumber(o, 'p', 'state'),
      hidden: readNumber(o, 'hidden', 'state'),
      w1: readNumbers(o, 'w1', 'state'),
      b1: readNumbers(o, 'b1', 'state'),
      w2: readNumbers(o, 'w2', 'state'),
      b2: readNumber(o, 'b2', 'state'),
    };
    return m;
  }
}
