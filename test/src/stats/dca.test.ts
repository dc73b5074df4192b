import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decisionCurve, netBenefit } from '../../../src/stats/dca.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();

describe('decisionCurve', () => {
  for (const c of ref.dca) {
    it(`matches the R net-benefit curves at pt = 0.01..0.99 when predictions are ${c.name}`, () => {
      const d = decisionCurve(c.y, c.p);
      assert.deepEqual(Array.from(d.thresholds), c.thresholds);
      assertArrayClose(d.netBenefitModel, c.netBenefitModel, R_TOLERANCE, 'NB model');
      assertArrayClose(d.netBenefitAll, c.netBenefitAll, R_TOLERANCE, 'NB all');
      assert.ok(d.netBenefitNone.every((v) => v === 0));
    });
  }

  it('uses thresholds exactly k/100 so that p = 0.07 is treated at pt = 0.07', () => {
    const d = decisionCurve([1, 0], [0.07, 0.01], { fromPercent: 7, toPercent: 7 });
    assert.equal(d.thresholds[0], 0.07);
    assert.equal(d.netBenefitModel[0], 0.5);
  });

  it('throws invalid-value for a percent range outside 0..99', () => {
    assert.throws(() => decisionCurve([0, 1], [0.2, 0.6], { toPercent: 100 }), StatsInputError);
  });
});

describe('netBenefit', () => {
  it('equals the curve value at the same threshold', () => {
    const c = ref.dca[0];
    assert.equal(netBenefit(c.y, c.p, 0.2), decisionCurve(c.y, c.p).netBenefitModel[19]);
  });

  it('throws invalid-value when pt = 1', () => {
    assert.throws(
      () => netBenefit([0, 1], [0.2, 0.6], 1),
      (e: unknown) => e instanceof StatsInputError && e.code === 'invalid-value',
    );
  });
});
