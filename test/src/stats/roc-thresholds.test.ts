import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdMetrics, youdenThreshold } from '../../../src/stats/roc-thresholds.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();

describe('youdenThreshold', () => {
  for (const c of ref.roc) {
    it(`returns pROC's coords("best", youden) rows when scoring ${c.name}`, () => {
      const y = youdenThreshold(c.y, c.p);
      assertArrayClose(
        y.ties.map((t) => t.threshold),
        c.youdenThresholds,
        R_TOLERANCE,
        'thresholds',
      );
      assertArrayClose(
        y.ties.map((t) => t.sensitivity),
        c.youdenSensitivity,
        R_TOLERANCE,
        'sensitivity',
      );
      assertArrayClose(
        y.ties.map((t) => t.specificity),
        c.youdenSpecificity,
        R_TOLERANCE,
        'specificity',
      );
      assertClose(y.youdenIndex + 1, c.youdenSum[0], R_TOLERANCE, 'se + sp');
      assert.equal(y.threshold, y.ties[0].threshold);
    });
  }

  it('picks the lowest of three tied thresholds', () => {
    const c = ref.roc.find((x) => x.name === 'youdenTie6');
    assert.ok(c);
    const y = youdenThreshold(c.y, c.p);
    assert.equal(y.ties.length, 3);
    assert.equal(y.tieRule, 'lowest-threshold');
    assert.equal(y.threshold, Math.min(...y.ties.map((t) => t.threshold)));
  });
});

describe('thresholdMetrics', () => {
  for (const c of ref.roc) {
    it(`matches pROC coords at the Youden threshold when scoring ${c.name}`, () => {
      const e = c.atThreshold;
      const m = thresholdMetrics(c.y, c.p, e.threshold);
      for (const k of ['tp', 'fp', 'tn', 'fn'] as const) assert.equal(m[k], e[k], k);
      for (const k of ['sensitivity', 'specificity', 'ppv', 'npv', 'accuracy'] as const) {
        assertClose(m[k], e[k], R_TOLERANCE, k);
      }
    });
  }

  it('calls a score equal to the threshold positive', () => {
    const m = thresholdMetrics([0, 1, 1], [0.2, 0.5, 0.7], 0.5);
    assert.equal(m.tp, 2);
    assert.equal(m.fp, 0);
  });

  it('returns NaN PPV when nothing is called positive, as pROC', () => {
    assert.ok(Number.isNaN(thresholdMetrics([0, 1], [0.2, 0.4], 0.9).ppv));
  });

  it('throws non-finite-value when the threshold is NaN', () => {
    assert.throws(
      () => thresholdMetrics([0, 1], [0.2, 0.4], Number.NaN),
      (e: unknown) => e instanceof StatsInputError && e.code === 'non-finite-value',
    );
  });
});
