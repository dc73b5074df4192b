import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatsInputError } from '../../../src/errors.ts';
import { clinicalVariable, table1 } from '../../../src/model/clinical-table.ts';
import { kruskalWallis, testAssociation } from '../../../src/stats/group-tests.ts';

const train = [true, true, true, true, true, true, false, false, false];

describe('clinicalVariable', () => {
  it('types a column of numbers as numeric and imputes a missing cell with the training median', () => {
    const v = clinicalVariable('age', ['40', '50', '', '60', '70', '80', '90', 'NA', '30'], train);
    assert.equal(v.kind, 'numeric');
    assert.equal(v.imputed, 2);
    // Training values present: 40, 50, 60, 70, 80 -> median 60.
    assert.deepEqual(Array.from(v.kind === 'numeric' ? v.values : []), [40, 50, 60, 60, 70, 80, 90, 60, 30]);
  });

  it('types text as a factor with sorted levels and imputes the most frequent training level', () => {
    const v = clinicalVariable('er', ['pos', 'neg', 'pos', '', 'pos', 'neg', 'neg', 'neg', 'neg'], train);
    assert.equal(v.kind, 'factor');
    if (v.kind !== 'factor') return;
    assert.deepEqual(v.levels, ['neg', 'pos']);
    assert.equal(v.values[3], 'pos');
  });

  it('throws StatsInputError when the training rows hold no value', () => {
    assert.throws(
      () => clinicalVariable('x', ['', '', '', '', '', '', '1', '2', '3'], train),
      StatsInputError,
    );
  });
});

describe('table1', () => {
  it('uses Kruskal-Wallis for numeric and the chi-square/Fisher rule for factors, train vs test', () => {
    const isTest = train.map((t) => !t);
    const age = clinicalVariable('age', ['40', '50', '45', '60', '70', '80', '90', '65', '30'], train);
    const er = clinicalVariable('er', ['pos', 'neg', 'pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'pos'], train);
    const rows = table1([age, er], isTest);
    assert.deepEqual(rows[0], { variable: 'n', level: '', train: '6', test: '3', p: null, method: '' });
    const ageRow = rows.find((r) => r.variable === 'age');
    assert.equal(ageRow?.method, 'Kruskal-Wallis');
    assert.equal(
      ageRow?.p,
      kruskalWallis([
        [40, 50, 45, 60, 70, 80],
        [90, 65, 30],
      ]).pValue,
    );
    const erRows = rows.filter((r) => r.variable === 'er');
    assert.deepEqual(
      erRows.map((r) => r.level),
      ['neg', 'pos'],
    );
    // neg: 2 train, 2 test; pos: 4 train, 1 test.
    const expected = testAssociation([
      [2, 2],
      [4, 1],
    ]);
    assert.equal(erRows[0].p, expected.pValue);
    assert.equal(erRows[0].method, 'fisher-exact');
    assert.equal(erRows[0].train, '2 (33.3%)');
    assert.equal(erRows[1].p, null);
  });
});
