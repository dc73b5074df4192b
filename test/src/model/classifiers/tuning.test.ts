import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tuneClassifier } from '../../../../src/model/classifiers/tuning.ts';
import { CLASSIFIER_NAMES } from '../../../../src/model/classifiers/types.ts';
import { rocAuc } from '../../../../src/stats/roc.ts';
import { permutedLabels, plantedData } from '../../../support/planted-cohort.ts';

// 84 training rows as the study's training set; 20 features (the mRMR top 20), 4 of them informative.
const train = plantedData({ n: 84, p: 20, informative: 4, shift: 1.6, seed: 11 });
const test = plantedData({ n: 300, p: 20, informative: 4, shift: 1.6, seed: 12 });
// The control: the same shapes with no signal at all (features independent of the outcome).
const noiseTrain = plantedData({ n: 84, p: 20, informative: 4, shift: 0, seed: 21 });
const noiseTest = plantedData({ n: 300, p: 20, informative: 4, shift: 0, seed: 22 });
// Label permutation (y-randomisation): the planted rows with every outcome shuffled, train and test apart.
const permutedTrain = permutedLabels(train.y, 31);
const permutedTest = permutedLabels(test.y, 32);

describe('tuneClassifier', () => {
  for (const name of CLASSIFIER_NAMES) {
    it(`gives ${name} a test AUC above 0.9 when a separable signal is planted`, () => {
      const r = tuneClassifier(name, train.x, train.y, { seed: 7 });
      const auc = rocAuc(test.y, r.classifier.predictProba(test.x));
      assert.ok(auc > 0.9, `${name}: test AUC ${auc}`);
      assert.ok(r.cvAuc > 0.85, `${name}: cross-validated AUC ${r.cvAuc}`);
    });

    it(`keeps ${name}'s test AUC near 0.5 when the features carry no signal`, () => {
      const r = tuneClassifier(name, noiseTrain.x, noiseTrain.y, { seed: 7 });
      const auc = rocAuc(noiseTest.y, r.classifier.predictProba(noiseTest.x));
      // 300 test rows: the AUC's standard error is about 0.035; 0.15 is over 4 SE.
      assert.ok(Math.abs(auc - 0.5) < 0.15, `${name}: test AUC ${auc} under no signal`);
    });

    it(`keeps ${name}'s test AUC near 0.5 when the outcomes are permuted`, () => {
      const r = tuneClassifier(name, train.x, permutedTrain, { seed: 7 });
      const auc = rocAuc(permutedTest, r.classifier.predictProba(test.x));
      assert.ok(Math.abs(auc - 0.5) < 0.15, `${name}: test AUC ${auc} with permuted outcomes`);
    });

    it(`returns identical ${name} probabilities when run twice with the same seed`, () => {
      const a = tuneClassifier(name, train.x, train.y, { seed: 3 }).classifier.predictProba(test.x);
      const b = tuneClassifier(name, train.x, train.y, { seed: 3 }).classifier.predictProba(test.x);
      assert.deepEqual(Array.from(a), Array.from(b));
    });
  }

  it('keeps the first (default) setting when the grid has one entry', () => {
    const r = tuneClassifier('knn', train.x, train.y, { seed: 1, grid: [{ k: 5 }] });
    assert.deepEqual(r.params, { k: 5 });
    assert.equal(r.scores.length, 1);
  });
});
