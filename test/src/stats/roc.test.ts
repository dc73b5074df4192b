import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  aucDeLong,
  delongPairedTest,
  delongPlacements,
  rocAuc,
  rocCurve,
  rocThresholds,
} from '../../../src/stats/roc.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();

describe('rocCurve', () => {
  for (const c of ref.roc) {
    it(`matches pROC thresholds, sensitivities and specificities when scoring ${c.name}`, () => {
      const roc = rocCurve(c.y, c.p);
      assertArrayClose(roc.thresholds, c.thresholds, R_TOLERANCE, `${c.name} thresholds`);
      assertArrayClose(roc.sensitivities, c.sensitivities, R_TOLERANCE, `${c.name} sensitivities`);
      assertArrayClose(roc.specificities, c.specificities, R_TOLERANCE, `${c.name} specificities`);
    });
  }

  it('throws one-class when every outcome is 0', () => {
    assert.throws(
      () => rocCurve([0, 0, 0], [0.1, 0.2, 0.3]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });

  it('throws length-mismatch when outcome and scores differ in length', () => {
    assert.throws(
      () => rocCurve([0, 1, 1], [0.1, 0.2]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });

  it('throws non-finite-value naming the index when a score is NaN', () => {
    assert.throws(
      () => rocCurve([0, 1, 1], [0.1, Number.NaN, 0.3]),
      (e: unknown) =>
        e instanceof StatsInputError && e.code === 'non-finite-value' && /scores\[1\]/.test(e.message),
    );
  });

  it('throws invalid-value when the outcome is not coded 0/1', () => {
    assert.throws(
      () => rocCurve([0, 2, 1], [0.1, 0.2, 0.3]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'invalid-value',
    );
  });

  it('throws empty-input when there is no observation', () => {
    assert.throws(
      () => rocCurve([], []),
      (e: unknown) => e instanceof StatsInputError && e.code === 'empty-input',
    );
  });
});

describe('rocThresholds', () => {
  it('moves a midpoint that rounds onto the lower score to the upper score', () => {
    const lo = 1;
    const hi = 1 + Number.EPSILON;
    assert.deepEqual(Array.from(rocThresholds([lo, hi])), [-Infinity, hi, Infinity]);
  });
});

describe('rocAuc', () => {
  for (const c of ref.roc) {
    it(`matches pROC auc when scoring ${c.name}`, () => {
      assertClose(rocAuc(c.y, c.p), c.auc, R_TOLERANCE, `${c.name} AUC`);
    });
  }

  it('counts tied case-control pairs as one half', () => {
    assert.equal(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), 0.875);
  });
});

describe('aucDeLong', () => {
  for (const c of ref.roc) {
    it(`matches pROC var and ci.auc(method = "delong") when scoring ${c.name}`, () => {
      const d = aucDeLong(c.y, c.p);
      assertClose(d.variance, c.variance, R_TOLERANCE, `${c.name} variance`);
      assertClose(d.lower, c.ciLower, R_TOLERANCE, `${c.name} CI lower`);
      assertClose(d.upper, c.ciUpper, R_TOLERANCE, `${c.name} CI upper`);
    });
  }

  it('clips the interval to [0, 1] when the AUC is near 1', () => {
    const d = aucDeLong([0, 0, 0, 1, 1, 1], [0.1, 0.2, 0.55, 0.5, 0.8, 0.9]);
    assert.equal(d.upper, 1);
    assert.ok(d.lower < d.auc);
  });

  it('throws too-few-observations with a single case', () => {
    assert.throws(
      () => aucDeLong([0, 0, 1], [0.1, 0.2, 0.3]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'too-few-observations',
    );
  });
});

describe('delongPlacements', () => {
  it('averages the case and the control placements to the same AUC', () => {
    const c = ref.roc[1];
    const p = delongPlacements(c.y, c.p);
    const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    assertClose(mean(p.controlPlacements), p.auc, { rel: 1e-14, abs: 0 }, 'control mean');
    assertClose(mean(p.casePlacements), p.auc, { rel: 1e-14, abs: 0 }, 'case mean');
  });
});

describe('delongPairedTest', () => {
  it('matches pROC roc.test(method = "delong", paired = TRUE)', () => {
    const t = ref.rocTest;
    const r = delongPairedTest(t.y, t.p1, t.p2);
    assertClose(r.auc1, t.auc1, R_TOLERANCE, 'AUC 1');
    assertClose(r.auc2, t.auc2, R_TOLERANCE, 'AUC 2');
    assertClose(r.z, t.z, R_TOLERANCE, 'Z');
    assertClose(r.pValue, t.pValue, R_TOLERANCE, 'p');
    assertClose(r.lower, t.ciLower, R_TOLERANCE, 'CI lower');
    assertClose(r.upper, t.ciUpper, R_TOLERANCE, 'CI upper');
  });

  it('returns z = 0 and p = 1 when both scores are the same', () => {
    const t = ref.rocTest;
    const r = delongPairedTest(t.y, t.p1, t.p1);
    assert.equal(r.z, 0);
    assert.equal(r.pValue, 1);
  });

  it('throws length-mismatch when the two scores differ in length', () => {
    assert.throws(
      () => delongPairedTest([0, 1, 0, 1], [1, 2, 3, 4], [1, 2, 3]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });
});
