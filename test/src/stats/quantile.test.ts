import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quantileType7 } from '../../../src/stats/quantile.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

describe('quantileType7', () => {
  it('interpolates linearly between order statistics as R type 7', () => {
    assertArrayClose(
      quantileType7([10, 1, 4, 3, 2], [0, 0.1, 0.5, 0.9, 1]),
      [1, 1.4, 3, 7.6, 10],
      R_TOLERANCE,
      'q',
    );
  });

  it('reproduces the decile breaks of the R reference datasets without ties', () => {
    const grid = Array.from({ length: 11 }, (_, k) => Math.min(k * 0.1, 1));
    for (const c of readRReference().calibration) {
      if (c.hosmerLemeshow.breaks.length !== 11) continue;
      assertArrayClose(quantileType7(c.p, grid), c.hosmerLemeshow.breaks, { rel: 0, abs: 0 }, c.name);
    }
  });

  it('throws invalid-value for a probability above 1 and empty-input for no data', () => {
    assert.throws(() => quantileType7([1, 2], [1.5]), StatsInputError);
    assert.throws(
      () => quantileType7([], [0.5]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'empty-input',
    );
  });
});
