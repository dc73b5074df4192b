import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNameList, readCovariate, readOutcome } from '../../../src/cli/labelled-data.ts';
import { parseCsv } from '../../../src/cli/csv.ts';
import { DataTableError, StatsInputError } from '../../../src/errors.ts';

describe('parseNameList', () => {
  it('splits and trims comma-separated names and rejects empty or repeated ones', () => {
    assert.deepEqual(parseNameList(' a, b ,c', '--features'), ['a', 'b', 'c']);
    assert.throws(() => parseNameList('a,,b', '--features'), DataTableError);
    assert.throws(() => parseNameList('a,b,a', '--features'), /names column 'a' twice/);
  });
});

describe('readOutcome', () => {
  it('accepts 0/1 and names the row and line of any other value', () => {
    assert.deepEqual(Array.from(readOutcome(parseCsv('y\n0\n1\n'), 'y')), [0, 1]);
    assert.throws(
      () => readOutcome(parseCsv('y\n0\n2\n1\n', 'f.csv'), 'y'),
      (e: unknown) => e instanceof StatsInputError && /column 'y', row 2 \(line 3\) is 2/.test(e.message),
    );
  });

  it('throws one-class when every row has the same outcome', () => {
    assert.throws(
      () => readOutcome(parseCsv('y\n0\n0\n'), 'y'),
      (e: unknown) => e instanceof StatsInputError && e.code === 'one-class',
    );
  });
});

describe('readCovariate', () => {
  it('throws constant-column naming the column', () => {
    assert.throws(
      () => readCovariate(parseCsv('a\n3\n3\n'), 'a'),
      (e: unknown) => e instanceof DataTableError && e.code === 'constant-column' && /'a'/.test(e.message),
    );
  });
});
