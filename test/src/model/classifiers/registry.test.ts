import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatsInputError } from '../../../../src/errors.ts';
import { classifierFromJSON, createClassifier } from '../../../../src/model/classifiers/registry.ts';
import { CLASSIFIER_NAMES } from '../../../../src/model/classifiers/types.ts';
import { plantedData } from '../../../support/planted-cohort.ts';

const train = plantedData({ n: 60, p: 6, informative: 2, shift: 1.5, seed: 5 });
const test = plantedData({ n: 40, p: 6, informative: 2, shift: 1.5, seed: 6 });

describe('classifierFromJSON', () => {
  for (const name of CLASSIFIER_NAMES) {
    it(`restores ${name} with the same probabilities after a JSON round trip`, () => {
      const m = createClassifier(name, {}, 9);
      m.fit(train.x, train.y);
      const back = classifierFromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      assert.equal(back.name, name);
      assert.deepEqual(Array.from(back.predictProba(test.x)), Array.from(m.predictProba(test.x)));
    });
  }

  it('rejects a wrong format tag, version or name and names the field', () => {
    const m = createClassifier('logistic-regression');
    m.fit(train.x, train.y);
    const json = m.toJSON();
    assert.throws(
      () => classifierFromJSON({ ...json, format: 'other' }),
      /format must be 'bonemet-classifier'/,
    );
    assert.throws(() => classifierFromJSON({ ...json, version: 2 }), /version must be 1/);
    assert.throws(() => classifierFromJSON({ ...json, name: 'lda' }), StatsInputError);
    assert.throws(() => classifierFromJSON({ ...json, state: { intercept: 'x' } }), /state.intercept/);
  });
});

describe('createClassifier', () => {
  it('throws StatsInputError when predicting before fitting or with one outcome class', () => {
    const m = createClassifier('extra-trees');
    assert.throws(() => m.predictProba(test.x), StatsInputError);
    assert.throws(() => m.fit(train.x, new Float64Array(train.y.length)), /one class/);
  });
});
