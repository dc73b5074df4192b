/**
 * Random forest on ml-random-forest (CART trees from ml-cart, Gini splits): 100 trees, each on a bootstrap
 * sample of the rows, seeded. Two departures from sklearn `RandomForestClassifier`, both of the package:
 * the √p candidate features are drawn once per tree rather than at every split, and a tree's vote is its
 * leaf's majority class, so the probability of class 1 is the fraction of trees voting 1 (sklearn averages
 * leaf class fractions, which for fully grown trees are 0 or 1 as well). The package's own
 * `predictProbability` skips the first tree's vote, so the votes are counted here.
 * Source: Breiman, Machine Learning 45:5 (2001).
 */
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import type { RandomForestJson } from 'ml-random-forest';
import { StatsInputError } from '../../errors.ts';
import { assertRows, assertTrainingData, fitted, readNumber, readObject, toArrays } from './checks.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

interface State {
  readonly p: number;
  readonly forest: MlRandomForest;
}

/** Random forest; params `nEstimators` (100), `minSamplesSplit` (2), `maxFeatures` (0 = round √p). */
export class RandomForestClassifier implements Classifier {
  readonly name = 'random-forest';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { nEstimators: 100, minSamplesSplit: 2, maxFeatures: 0, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    const p = assertTrainingData(x, y, 'random forest');
    const maxFeatures =
      this.params.maxFeatures > 0 ? this.params.maxFeatures : Math.max(1, Math.round(Math.sqrt(p)));
    const forest = new MlRandomForest({
      nEstimators: this.params.nEstimators,
      maxFeatures: Math.min(p, maxFeatures),
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      seed: this.seed | 0,
      treeOptions: {
        gainFunction: 'gini',
        minNumSamples: this.params.minSamplesSplit,
        maxDepth: Infinity,
        gainThreshold: 0,
      },
    });
    forest.train(toArrays(x), Array.from(y));
    this.state = { p, forest };
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'random forest');
    assertRows(x, s.p, 'random forest');
    const votes = s.forest.predictionValues(toArrays(x));
    return Float64Array.from({ length: votes.rows }, (_, i) => {
      const row = votes.getRow(i);
      return row.reduce((sum, v) => sum + (v === 1 ? 1 : 0), 0) / row.length;
    });
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'random forest');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: { p: s.p, forest: s.forest.toJSON() },
    };
  }

  /** Restores a fitted model from its `state` (the package's own forest JSON). */
  static fromState(params: HyperParameters, seed: number, state: unknown): RandomForestClassifier {
    const m = new RandomForestClassifier(params, seed);
    const o = readObject(state, 'state');
    const forest = readObject(o.forest, 'state.forest');
    if (forest.name !== 'RFClassifier' || typeof forest.baseModel !== 'object' || forest.baseModel === null) {
      throw new StatsInputError(
        'invalid-value',
        "state.forest is not an ml-random-forest 'RFClassifier' model",
      );
    }
    const json: RandomForestJson = { name: 'RFClassifier', baseModel: forest.baseModel };
    m.state = { p: readNumber(o, 'p', 'state'), forest: MlRandomForest.load(json) };
    return m;
  }
}
