import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fisherExactTest } from '../../../src/stats/fisher-exact.ts';
import { StatsInputError, UnsupportedError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();

describe('fisherExactTest', () => {
  for (const c of ref.fisher) {
    it(`matches fisher.test two-sided p on ${c.name} (${c.table.length} x ${c.table[0].length})`, () => {
      assertClose(fisherExactTest(c.table).pValue, c.pValue, R_TOLERANCE, 'p');
    });
  }

  it('gives the same p for a table and its transpose', () => {
    const c = ref.fisher.find((x) => x.name === 'table2x3');
    assert.ok(c);
    const t = c.table[0].map((_, j) => c.table.map((row) => row[j]));
    assertClose(fisherExactTest(t).pValue, fisherExactTest(c.table).pValue, { rel: 1e-12, abs: 0 }, 'p');
  });

  it('counts the observed table and its mirror image as equally extreme (tolerance 1e-7)', () => {
    // a = 0..4 have probabilities (1, 16, 36, 16, 1)/70; the observed a = 3 ties with its mirror a = 1, so p = 34/70.
    const r = fisherExactTest([
      [3, 1],
      [1, 3],
    ]);
    assertClose(r.pValue, 34 / 70, { rel: 1e-12, abs: 0 }, 'p');
    assert.equal(r.tablesEnumerated, 5);
  });

  it('throws UnsupportedError when the enumeration exceeds maxTables', () => {
    const c = ref.fisher.find((x) => x.name === 'subtype5x2');
    assert.ok(c);
    assert.throws(() => fisherExactTest(c.table, { maxTables: 100 }), UnsupportedError);
  });

  it('throws invalid-value for a 1 x 2 table', () => {
    assert.throws(
      () => fisherExactTest([[1, 2]]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'invalid-value',
    );
  });
});
