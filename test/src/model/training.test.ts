import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatsInputError } from '../../../src/errors.ts';
import { drawSplit, trainStudyModel } from '../../../src/model/training.ts';
import { trainedModel } from '../../support/trained-model.ts';

describe('drawSplit', () => {
  it('puts about a fifth of each class in the test set, the same rows for the same seed', () => {
    const y = Array.from({ length: 106 }, (_, i) => (i < 37 ? 1 : 0));
    const a = drawSplit(y, 4);
    assert.deepEqual(a, drawSplit(y, 4));
    assert.notDeepEqual(a, drawSplit(y, 5));
    const testEvents = a.filter((t, i) => t && y[i] === 1).length;
    const testRows = a.filter((t) => t).length;
    assert.ok(testEvents === 7 || testEvents === 8, `${testEvents} test events`);
    assert.ok(testRows >= 21 && testRows <= 22, `${testRows} test rows`);
  });
});

describe('trainStudyModel', () => {
  it('selects 20 features, fits seven classifiers and keeps the Rad-score in the nomogram', () => {
    const { result } = trainedModel();
    const a = result.artifact;
    assert.equal(a.features.length, 20);
    assert.deepEqual(
      a.metrics.classifiers.map((c) => c.model),
      ['logistic-regression', 'knn', 'svm', 'random-forest', 'extra-trees', 'gradient-boosting', 'mlp'],
    );
    assert.equal(a.nomogram.stepwise[0], 'radScore');
    assert.equal(a.scaler.columns.length, 20);
    for (const c of a.metrics.classifiers) {
      assert.ok(
        c.test && c.train.threshold === c.test.threshold,
        `${c.model}: test uses the training threshold`,
      );
    }
    assert.equal(result.probability.length, 80);
  });

  it('throws StatsInputError when fewer than 10 rows are left for training', () => {
    const y = Float64Array.from({ length: 12 }, (_, i) => i % 2);
    const column = Array.from({ length: 12 }, (_, i) => i);
    assert.throws(
      () =>
        trainStudyModel({
          features: { names: ['f'], columns: [column] },
          clinical: [],
          y,
          isTest: Array.from({ length: 12 }, (_, i) => i >= 4),
          seed: 1,
          meta: {
            id: 'x',
            version: '0',
            created: '2026-01-01T00:00:00.000Z',
            synthetic: true,
            description: '',
            sites: [],
            radiomicsParams: '',
          },
        }),
      (e: unknown) => e instanceof StatsInputError && e.code === 'too-few-observations',
    );
  });
});
