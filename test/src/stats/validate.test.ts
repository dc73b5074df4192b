import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertBinaryOutcome,
  assertContingencyTable,
  assertFiniteValues,
  assertProbabilities,
  assertSameLength,
  tableMargins,
} from '../../../src/stats/validate.ts';
import { StatsInputError } from '../../../src/errors.ts';

const code = (c: StatsInputError['code'], re?: RegExp) => (e: unknown) =>
  e instanceof StatsInputError && e.code === c && (re === undefined || re.test(e.message));

describe('assertBinaryOutcome', () => {
  it('returns the case and control counts', () => {
    assert.deepEqual(assertBinaryOutcome([0, 1, 1, 0, 1]), { cases: 3, controls: 2 });
  });

  it('throws one-class when only one class occurs, and accepts it when allowed', () => {
    assert.throws(() => assertBinaryOutcome([1, 1]), code('one-class', /only events/));
    assert.deepEqual(assertBinaryOutcome([1, 1], 'y', false), { cases: 2, controls: 0 });
  });

  it('throws empty-input, non-finite-value and invalid-value with the position', () => {
    assert.throws(() => assertBinaryOutcome([]), code('empty-input'));
    assert.throws(() => assertBinaryOutcome([0, Number.NaN]), code('non-finite-value', /outcome\[1\]/));
    assert.throws(() => assertBinaryOutcome([0, 0.5]), code('invalid-value', /coded 0/));
  });
});

describe('assertFiniteValues', () => {
  it('throws non-finite-value for Infinity', () => {
    assert.throws(
      () => assertFiniteValues([1, Infinity], 'x'),
      code('non-finite-value', /x\[1\] is Infinity/),
    );
  });
});

describe('assertSameLength', () => {
  it('names both arguments and their lengths', () => {
    assert.throws(
      () => assertSameLength([1], 'a', [1, 2], 'b'),
      code('length-mismatch', /a has 1 .* b has 2/),
    );
  });
});

describe('assertProbabilities', () => {
  it('throws invalid-value for a negative probability', () => {
    assert.throws(() => assertProbabilities([0.2, -0.1], 'p'), code('invalid-value', /p\[1\]/));
  });
});

describe('assertContingencyTable', () => {
  it('throws non-finite-value for a NaN cell', () => {
    assert.throws(
      () =>
        assertContingencyTable([
          [1, Number.NaN],
          [1, 2],
        ]),
      code('non-finite-value'),
    );
  });
});

describe('tableMargins', () => {
  it('returns row sums, column sums and the total', () => {
    assert.deepEqual(
      tableMargins([
        [1, 2],
        [3, 4],
      ]),
      { rows: [3, 7], cols: [4, 6], total: 10 },
    );
  });

  it('throws invalid-value naming an empty column', () => {
    assert.throws(
      () =>
        tableMargins([
          [1, 0],
          [3, 0],
        ]),
      code('invalid-value', /column 1/),
    );
  });
});
