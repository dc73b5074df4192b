import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prettyBreaks } from '../../../src/model/pretty.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertArrayClose } from '../../support/r-reference.ts';
import { readRModelReference } from '../../support/r-model-reference.ts';

/** pretty() is deterministic arithmetic: the breaks must equal R's to the last bit (rel 1e-15 allows none off). */
const EXACT = { rel: 1e-15, abs: 0 };

describe('prettyBreaks', () => {
  it('matches R pretty() on every reference range, bit for bit', () => {
    const cases = readRModelReference().pretty;
    assert.ok(cases.length >= 15);
    for (const c of cases) {
      assertArrayClose(prettyBreaks(c.x, c.n), c.breaks, EXACT, `pretty(c(${c.x.join(', ')}), n = ${c.n})`);
    }
  });

  it('extends a range beyond the data when the round values require it (23..78 -> 20..80)', () => {
    const b = prettyBreaks([23, 41, 78], 10);
    assert.equal(b[0], 20);
    assert.equal(b.at(-1), 80);
  });

  it('ignores non-finite values and returns no breaks when none is finite', () => {
    assert.deepEqual(prettyBreaks([NaN, Infinity]), []);
    assert.deepEqual(prettyBreaks([NaN, 0, 1], 1), [0, 1]);
  });

  it('throws StatsInputError when n is negative or fractional', () => {
    assert.throws(() => prettyBreaks([0, 1], -1), StatsInputError);
    assert.throws(() => prettyBreaks([0, 1], 2.5), StatsInputError);
  });
});
