/**
 * Gradient-boosted trees for a binary outcome (sklearn `GradientBoostingClassifier` defaults): log-loss,
 * F₀ = ln(p̄/(1-p̄)), then for m = 1..M: p = σ(F), residual r = y - p, a depth-3 regression tree fitted to r
 * (squared-error / friedman_mse splits), each leaf's value the Newton step γ = Σr / Σp(1-p) over its rows,
 * F += ν γ with learning rate ν = 0.1. Probability = σ(F). Source: Friedman, Ann. Statist. 29:1189 (2001),
 * algorithm 5 (two-class logistic), as scikit-learn implements it.
 */
import { createRng } from '../../stats/random.ts';
import { logitInverse } from '../binomial-family.ts';
import { assertRows, assertTrainingData, fitted, readNumber, readObject } from './checks.ts';
import { growTree, predictTree, toColumns } from './regression-tree.ts';
import type { TreeJson } from './regression-tree.ts';
import { readTrees } from './tree-json.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

interface State {
  readonly p: number;
  readonly init: number;
  readonly trees: readonly TreeJson[];
}

/** Gradient boosting; params `nEstimators` (100), `learningRate` (0.1), `maxDepth` (3). */
export class GradientBoostingClassifier implements Classifier {
  readonly name = 'gradient-boosting';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { nEstimators: 100, learningRate: 0.1, maxDepth: 3, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    const p = assertTrainingData(x, y, 'gradient boosting');
    const n = x.length;
    const columns = toColumns(x, p);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const rng = createRng(this.seed);
    let events = 0;
    for (let i = 0; i < n; i++) events += y[i];
    const init = Math.log(events / (n - events));
    const f = new Float64Array(n).fill(init);
    const residual = new Float64Array(n);
    const hessian = new Float64Array(n);
    const options = {
      maxDepth: this.params.maxDepth,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      maxFeatures: p,
      splitter: 'best' as const,
    };
    const newton = (leaf: Int32Array): number => {
      let num = 0;
      let den = 0;
      for (const i of leaf) {
        num += residual[i];
        den += hessian[i];
      }
      return Math.abs(den) < 1e-150 ? 0 : num / den;
    };
    const trees: TreeJson[] = [];
    for (let m = 0; m < this.params.nEstimators; m++) {
      for (let i = 0; i < n; i++) {
        const prob = logitInverse(f[i]);
        residual[i] = y[i] - prob;
        hessian[i] = prob * (1 - prob);
      }
      const tree = growTree(columns, residual, rows, options, rng, newton);
      const scaled = { ...tree, value: tree.value.map((v) => v * this.params.learningRate) };
      for (let i = 0; i < n; i++) f[i] += predictTree(scaled, x[i]);
      trees.push(scaled);
    }
    this.state = { p, init, trees };
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'gradient boosting');
    assertRows(x, s.p, 'gradient boosting');
    return Float64Array.from(x, (row) =>
      logitInverse(s.trees.reduce((sum, t) => sum + predictTree(t, row), s.init)),
    );
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'gradient boosting');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: s,
    };
  }

  /** Restores a fitted model from its `state`. */
  static fromState(params: HyperParameters, seed: number, state: unknown): GradientBoostingClassifier {
    const m = new GradientBoostingClassifier(params, seed);
    const o = readObject(state, 'state');
    m.state = {
      p: readNumber(o, 'p', 'state'),
      init: readNumber(o, 'init', 'state'),
      trees: readTrees(o, 'trees', 'state'),
    };
    return m;
  }
}
