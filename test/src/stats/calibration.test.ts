import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brierScore, calibrationCurve, hosmerLemeshow } from '../../../src/stats/calibration.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();
/** The Hosmer-Lemeshow statistic is held to 1e-4 relative (binning is exact, so it is in fact far closer). */
const HL_TOLERANCE = { rel: 1e-4, abs: 1e-10 };

describe('hosmerLemeshow', () => {
  for (const c of ref.calibration) {
    it(`matches hoslem.test(g = 10) when predictions are ${c.name}`, () => {
      const e = c.hosmerLemeshow;
      const hl = hosmerLemeshow(c.y, c.p);
      assertClose(hl.statistic, e.statistic, HL_TOLERANCE, 'X-squared');
      assertClose(hl.pValue, e.pValue, R_TOLERANCE, 'p');
      assert.equal(hl.df, e.df);
      assert.equal(hl.groupsUsed, e.breaks.length - 1);
      assertArrayClose(
        [...hl.bins.map((b) => b.lower), hl.bins[hl.bins.length - 1].upper],
        e.breaks,
        R_TOLERANCE,
        'breaks',
      );
      assert.deepEqual(
        hl.bins.map((b) => b.n),
        e.binSizes,
      );
      assert.deepEqual(
        hl.bins.map((b) => b.observedEvents),
        e.observed1,
      );
      assertArrayClose(
        hl.bins.map((b) => b.expectedEvents),
        e.expected1,
        R_TOLERANCE,
        'expected events',
      );
    });
  }

  it('keeps df = g - 2 when tied predictions merge quantile breaks', () => {
    const c = ref.calibration.find((x) => x.name === 'coarse60');
    assert.ok(c);
    const hl = hosmerLemeshow(c.y, c.p);
    assert.ok(hl.groupsUsed < 10);
    assert.equal(hl.df, 8);
  });

  it('throws invalid-value when a probability is outside [0, 1]', () => {
    assert.throws(
      () => hosmerLemeshow([0, 1, 0, 1], [0.2, 1.3, 0.4, 0.5]),
      (e: unknown) =>
        e instanceof StatsInputError && e.code === 'invalid-value' && /probabilities\[1\]/.test(e.message),
    );
  });

  it('throws invalid-value when all predictions are equal', () => {
    assert.throws(
      () => hosmerLemeshow([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'invalid-value',
    );
  });

  it('throws one-class when there is no event', () => {
    assert.throws(
      () => hosmerLemeshow([0, 0, 0], [0.1, 0.2, 0.3]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });
});

describe('calibrationCurve', () => {
  for (const c of ref.calibration) {
    it(`matches R's binned means when predictions are ${c.name}`, () => {
      const q = calibrationCurve(c.y, c.p);
      assertArrayClose(
        q.map((b) => b.meanPredicted),
        c.quantileMeanPredicted,
        R_TOLERANCE,
        'quantile predicted',
      );
      assertArrayClose(
        q.map((b) => b.observedRate),
        c.quantileObservedRate,
        R_TOLERANCE,
        'quantile observed',
      );
      const u = calibrationCurve(c.y, c.p, { strategy: 'uniform' });
      assert.deepEqual(
        u.map((b) => b.n),
        c.uniformCounts,
      );
      assertArrayClose(
        u.map((b) => b.meanPredicted),
        c.uniformMeanPredicted,
        R_TOLERANCE,
        'uniform predicted',
      );
      assertArrayClose(
        u.map((b) => b.observedRate),
        c.uniformObservedRate,
        R_TOLERANCE,
        'uniform observed',
      );
    });
  }

  it('throws invalid-value when the bin count is not a positive integer', () => {
    assert.throws(() => calibrationCurve([0, 1], [0.2, 0.6], { bins: 0 }), StatsInputError);
  });
});

describe('brierScore', () => {
  for (const c of ref.calibration) {
    it(`matches mean((p - y)^2) when predictions are ${c.name}`, () => {
      assertClose(brierScore(c.y, c.p), c.brier, R_TOLERANCE, 'Brier');
    });
  }

  it('accepts a single-class outcome', () => {
    assertClose(brierScore([0, 0], [0.1, 0.3]), 0.05, { rel: 1e-15, abs: 0 }, 'Brier');
  });

  it('throws length-mismatch when outcome and probabilities differ in length', () => {
    assert.throws(
      () => brierScore([0, 1], [0.1]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });
});
