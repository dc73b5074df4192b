/**
 * k-nearest neighbours (sklearn `KNeighborsClassifier` defaults: k = 5, uniform weights, Euclidean distance)
 * on ml-knn's k-d tree. The probability of class 1 is the fraction of the k nearest training rows that are
 * events (sklearn `predict_proba` with uniform weights). Source: Cover & Hart, IEEE Trans. Inf. Theory 13:21 (1967).
 */
import KNN from 'ml-knn';
import { StatsInputError } from '../../errors.ts';
import {
  assertRows,
  assertTrainingData,
  fitted,
  readNumbers,
  readObject,
  readRows,
  toArrays,
} from './checks.ts';
import type { Classifier, ClassifierJson, FeatureRows, HyperParameters } from './types.ts';

interface State {
  readonly x: number[][];
  readonly y: number[];
  readonly model: KNN;
}

/** KNN; param `k` (default 5). */
export class KnnClassifier implements Classifier {
  readonly name = 'knn';
  readonly params: HyperParameters;
  readonly seed: number;
  private state: State | undefined;

  constructor(params: HyperParameters = {}, seed = 1) {
    this.params = { k: 5, ...params };
    this.seed = seed;
  }

  fit(x: FeatureRows, y: ArrayLike<number>): void {
    assertTrainingData(x, y, 'knn');
    const k = this.params.k;
    if (!Number.isInteger(k) || k < 1 || k > x.length) {
      throw new StatsInputError('invalid-value', `knn: k = ${k} must be an integer in 1..${x.length}`);
    }
    const rows = toArrays(x);
    const labels = Array.from(y);
    this.state = { x: rows, y: labels, model: new KNN(rows, labels, { k }) };
  }

  predictProba(x: FeatureRows): Float64Array {
    const s = fitted(this.state, 'knn');
    assertRows(x, s.x[0].length, 'knn');
    const k = this.params.k;
    return Float64Array.from(x, (row) => {
      const neighbours = s.model.kdTree.nearest(Array.from(row), k);
      const events = neighbours.reduce((sum, [point]) => sum + (point[point.length - 1] === 1 ? 1 : 0), 0);
      return events / neighbours.length;
    });
  }

  toJSON(): ClassifierJson {
    const s = fitted(this.state, 'knn');
    return {
      format: 'bonemet-classifier',
      version: 1,
      name: this.name,
      params: this.params,
      seed: this.seed,
      state: { x: s.x, y: s.y },
    };
  }

  /** Restores a fitted model from its `state` (the training rows; the tree is rebuilt). */
  static fromState(params: HyperParameters, seed: number, state: unknown): KnnClassifier {
    const m = new KnnClassifier(params, seed);
    const o = readObject(state, 'state');
    m.fit(readRows(o, 'x', 'state'), readNumbers(o, 'y', 'state'));
    return m;
  }
}
