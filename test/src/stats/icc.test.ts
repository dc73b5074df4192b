import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { icc31, iccAnova } from '../../../src/stats/icc.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';

// Hand-worked example, n = 4 subjects, k = 2 raters:
//   subject  rater A  rater B  mean
//   1        1        2        1.5
//   2        3        3        3
//   3        5        6        5.5
//   4        7        9        8
//   rater means 4 and 5, grand mean 36 / 8 = 4.5.
// SS_total = 12.25 + 2.25 + 0.25 + 6.25 + 6.25 + 2.25 + 2.25 + 20.25 = 52
// SS_rows  = 2 (9 + 2.25 + 1 + 12.25) = 49        -> MS_rows  = 49 / 3
// SS_cols  = 4 (0.25 + 0.25) = 2                  -> MS_cols  = 2 / 1
// SS_error = 52 - 49 - 2 = 1                      -> MS_error = 1 / (3 * 1) = 1 / 3
// ICC(3,1) = (49/3 - 1/3) / (49/3 + 1/3) = 48 / 50 = 0.96
const RATER_A = [1, 3, 5, 7];
const RATER_B = [2, 3, 6, 9];

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges; ICC(3,1) = 0.71 in the paper (two decimals).
const SF_JUDGES = [
  [9, 6, 8, 7, 10, 6],
  [2, 1, 4, 1, 5, 2],
  [5, 3, 6, 2, 6, 4],
  [8, 2, 8, 6, 9, 7],
];

describe('iccAnova', () => {
  it('gives the hand-worked mean squares when two raters rate four subjects', () => {
    const a = iccAnova([RATER_A, RATER_B]);
    assert.equal(a.n, 4);
    assert.equal(a.k, 2);
    assertClose(a.msRows, 49 / 3, { rel: 1e-12, abs: 0 });
    assertClose(a.msColumns, 2, { rel: 1e-12, abs: 0 });
    assertClose(a.msError, 1 / 3, { rel: 1e-12, abs: 0 });
  });
});

describe('icc31', () => {
  it('gives 48/50 when computed on the hand-worked example', () => {
    assertClose(icc31([RATER_A, RATER_B]), 0.96, { rel: 1e-12, abs: 0 });
  });

  it('reproduces Shrout and Fleiss Table 2 when four judges rate six targets', () => {
    assertClose(icc31(SF_JUDGES), 0.71, { rel: 0, abs: 0.005 });
  });

  it('ignores a constant offset between raters when measuring consistency', () => {
    const shifted = RATER_A.map((v) => v + 100);
    assertClose(icc31([RATER_A, shifted]), 1, { rel: 0, abs: 1e-12 });
  });

  it('throws a StatsInputError when every value is the same', () => {
    assert.throws(
      () =>
        icc31([
          [2, 2, 2],
          [2, 2, 2],
        ]),
      StatsInputError,
    );
  });

  it('throws a StatsInputError when raters have different subject counts', () => {
    assert.throws(
      () =>
        icc31([
          [1, 2, 3],
          [1, 2],
        ]),
      StatsInputError,
    );
  });
});
