import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareTest, kruskalWallis, testAssociation } from '../../../src/stats/group-tests.ts';
import { StatsInputError } from '../../../src/errors.ts';
import { assertClose } from '../../support/tolerance.ts';
import { R_TOLERANCE, assertArrayClose, readRReference } from '../../support/r-reference.ts';

const ref = readRReference();

describe('kruskalWallis', () => {
  ref.kruskal.forEach((c, i) => {
    it(`matches kruskal.test with tied values in case ${i} (${c.groups.length} groups)`, () => {
      const k = kruskalWallis(c.groups);
      assertClose(k.statistic, c.statistic, R_TOLERANCE, 'H');
      assert.equal(k.df, c.df);
      assertClose(k.pValue, c.pValue, R_TOLERANCE, 'p');
    });
  });

  it('throws too-few-observations with a single group', () => {
    assert.throws(
      () => kruskalWallis([[1, 2, 3]]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'too-few-observations',
    );
  });

  it('throws empty-input naming the empty group', () => {
    assert.throws(
      () => kruskalWallis([[1, 2], []]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'empty-input' && /group 1/.test(e.message),
    );
  });

  it('throws non-finite-value when a value is NaN', () => {
    assert.throws(
      () =>
        kruskalWallis([
          [1, Number.NaN],
          [2, 3],
        ]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'non-finite-value',
    );
  });

  it('throws invalid-value when all values are equal', () => {
    assert.throws(
      () =>
        kruskalWallis([
          [5, 5],
          [5, 5],
        ]),
      /all 4 values are equal/,
    );
  });
});

describe('chiSquareTest', () => {
  for (const c of ref.chisq) {
    for (const correct of [true, false]) {
      it(`matches chisq.test(correct = ${correct}) on ${c.name}`, () => {
        const e = correct ? c.corrected : c.uncorrected;
        const r = chiSquareTest(c.table, { correct });
        assertClose(r.statistic, e.statistic, R_TOLERANCE, 'X-squared');
        assert.equal(r.df, e.df);
        assertClose(r.pValue, e.pValue, R_TOLERANCE, 'p');
        assert.equal(r.yatesCorrection > 0, /Yates/.test(e.method), 'Yates applied');
        r.expected.forEach((row, i) =>
          assertArrayClose(row, e.expected[i], R_TOLERANCE, `expected row ${i}`),
        );
      });
    }
  }

  it("applies R's min(0.5, |O - E|) Yates rule when |O - E| < 0.5", () => {
    const c = ref.chisq.find((x) => x.name === 'smallDiff2x2');
    assert.ok(c);
    const r = chiSquareTest(c.table);
    assert.ok(r.yatesCorrection > 0 && r.yatesCorrection < 0.5);
    assert.equal(r.statistic, 0);
    assert.equal(r.pValue, 1);
  });

  it('throws invalid-value naming the row when a row sums to 0', () => {
    assert.throws(
      () =>
        chiSquareTest([
          [0, 0],
          [3, 4],
        ]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'invalid-value' && /row 0/.test(e.message),
    );
  });

  it('throws invalid-value for a negative or fractional count', () => {
    assert.throws(
      () =>
        chiSquareTest([
          [1, -2],
          [3, 4],
        ]),
      StatsInputError,
    );
    assert.throws(
      () =>
        chiSquareTest([
          [1, 2.5],
          [3, 4],
        ]),
      StatsInputError,
    );
  });

  it('throws length-mismatch for a ragged table', () => {
    assert.throws(
      () =>
        chiSquareTest([
          [1, 2],
          [3, 4, 5],
        ]),
      (e: unknown) => e instanceof StatsInputError && e.code === 'length-mismatch',
    );
  });
});

describe('testAssociation', () => {
  it('uses Fisher exact when an expected count is below 5', () => {
    const c = ref.fisher.find((x) => x.name === 'subtype5x2');
    assert.ok(c);
    const r = testAssociation(c.table);
    assert.equal(r.test, 'fisher-exact');
    assertClose(r.pValue, c.pValue, R_TOLERANCE, 'p');
  });

  it('uses the Yates-corrected chi-square when every expected count is at least 5', () => {
    const c = ref.chisq.find((x) => x.name === 'er2x2');
    assert.ok(c);
    const r = testAssociation(c.table);
    assert.equal(r.test, 'chi-square');
    assertClose(r.pValue, c.corrected.pValue, R_TOLERANCE, 'p');
  });
});
