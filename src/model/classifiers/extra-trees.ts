/**
 * Extremely randomised trees (sklearn `ExtraTreesClassifier` defaults): 100 fully grown trees on all the
 * training rows (no bootstrap), at each split `max_features = round(√p)` candidate features with one uniform
 * random threshold each, the best of them by Gini reduction; the probability of class 1 is the mean over
 * trees of the leaf's class-1 fraction. Source: Geurts, Ernst & Wehenkel, Machine Learning 63:3 (2006).
 */
import { createRng } from '../../stats/random.ts';
import { assertRows, assertTrainingData, fitted, readNumber, readObject } from './checks.ts';
import { growTree, predictTree, toColumns } from './regression-tree.ts';
import type { TreeJson } from './regression-tree.ts';
import { readTrees } from './tree-json.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

interface State {
  readonly p: number;
  readonly trees: readonly TreeJson[];
}

/** Extra trees; params `nEstimators` (100), `minSamplesLeaf` (1), `maxFeatures` (0 = round √p). */
export class ExtraTreesClassifier implements Classifier {
  readonly name = 'extra-trees';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { nEstimators: 100, minSamplesLeaf: 1, maxFeatures: 0, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    const p = assertTrainingData(x, y, 'extra trees');
    const columns = toColumns(x, p);
    const target = Float64Array.from(y);
    const rows = Int32Array.from({ length: x.length }, (_, i) => i);
    const rng = createRng(this.seed);
    const options = {
      maxDepth: Infinity,
      minSamplesSplit: 2,
      minSamplesLeaf: this.params.minSamplesLeaf,
      maxFeatures:
        this.params.maxFeatures > 0 ? this.params.maxFeatures : Math.max(1, Math.round(Math.sqrt(p))),
      splitter: 'random' as const,
    };
    const trees = Array.from({ length: this.params.nEstimators }, () =>
      growTree(columns, target, rows, options, rng),
    );
    this.state = { p, trees };
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'extra trees');
    assertRows(x, s.p, 'extra trees');
    return Float64Array.from(
      x,
      (row) => s.trees.reduce((sum, t) => sum + predictTree(t, row), 0) / s.trees.length,
    );
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'extra trees');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: s,
    };
  }

  /** Restores a fitted model from its `state` (see {@link ExtraTreesClassifier.toJSON}). */
  static fromState(params: HyperParameters, seed: number, state: unknown): ExtraTreesClassifier {
    const m = new ExtraTreesClassifier(params, seed);
    const o = readObject(state, 'state');
    m.state = { p: readNumber(o, 'p', 'state'), trees: readTrees(o, 'trees', 'state') };
    return m;
  }
}
