import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertUniqueIds,
  csvColumnIndex,
  csvCompleteColumn,
  csvNumericColumn,
  parseCsv,
  readCsvFile,
} from '../../../src/cli/csv.ts';
import { DataTableError, InputFileError } from '../../../src/errors.ts';

const isCode = (code: string) => (e: unknown) => e instanceof DataTableError && e.code === code;

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and blank lines', () => {
    const t = parseCsv('\ufeffid,"note, free",x\r\nA,"said ""hi""",1\r\n\r\nB,"two\nlines",2\n', 'f.csv');
    assert.deepEqual(t.header, ['id', 'note, free', 'x']);
    assert.deepEqual(t.rows, [
      ['A', 'said "hi"', '1'],
      ['B', 'two\nlines', '2'],
    ]);
    assert.deepEqual(t.lines, [2, 4]);
  });

  it('throws malformed-table for a ragged row (naming the line), an open quote or an empty file', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n3\n', 'f.csv'), /f\.csv line 3: 1 fields but the header has 2/);
    assert.throws(() => parseCsv('a,b\n"1,2\n', 'f.csv'), isCode('malformed-table'));
    assert.throws(() => parseCsv('', 'f.csv'), isCode('malformed-table'));
  });

  it('throws duplicate-column for a repeated header name', () => {
    assert.throws(() => parseCsv('a,b,a\n1,2,3\n'), /column 'a' appears twice in the header/);
  });
});

describe('csvNumericColumn', () => {
  const t = parseCsv('a,b\n1.5,x\n,2e3\nNA,-.5\n', 'f.csv');

  it('parses decimals and exponents and reads empty and NA cells as NaN', () => {
    const a = csvNumericColumn(t, 'a');
    assert.equal(a[0], 1.5);
    assert.ok(Number.isNaN(a[1]) && Number.isNaN(a[2]));
  });

  it('throws non-numeric-value naming the column, row and line', () => {
    assert.throws(
      () => csvNumericColumn(t, 'b'),
      /f\.csv: column 'b', row 1 \(line 2\): 'x' is not a number/,
    );
    assert.throws(() => csvNumericColumn(parseCsv('a\n0x10\n'), 'a'), isCode('non-numeric-value'));
    assert.throws(() => csvNumericColumn(parseCsv('a\nInfinity\n'), 'a'), isCode('non-numeric-value'));
  });

  it('throws missing-column listing the columns present', () => {
    assert.throws(() => csvColumnIndex(t, 'c'), /column 'c' is not in the header \(columns: a, b\)/);
  });
});

describe('csvCompleteColumn', () => {
  it('throws missing-value at the first missing cell and all-missing-column when none is present', () => {
    assert.throws(
      () => csvCompleteColumn(parseCsv('a\n1\n\n2\nNA\n', 'f.csv'), 'a'),
      /row 3 \(line 5\) is missing/,
    );
    assert.throws(() => csvCompleteColumn(parseCsv('a,b\n,1\nNA,2\n'), 'a'), isCode('all-missing-column'));
    assert.deepEqual(Array.from(csvCompleteColumn(parseCsv('a\n1\n2\n'), 'a')), [1, 2]);
  });
});

describe('assertUniqueIds', () => {
  it('throws duplicate-id naming the id and both rows', () => {
    assert.throws(
      () => assertUniqueIds(parseCsv('id,a\nP1,1\nP2,2\nP1,3\n', 'f.csv'), 'id'),
      /id 'P1' in column 'id' appears on rows 1 and 3 \(lines 2 and 4\)/,
    );
    assert.doesNotThrow(() => assertUniqueIds(parseCsv('id\nP1\nP2\n'), 'id'));
  });
});

describe('readCsvFile', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and names it in messages; a missing file is an InputFileError naming the option and path', async () => {
    const path = join(dir, 'x.csv');
    writeFileSync(path, 'a\n1\n');
    assert.equal((await readCsvFile(path)).source, path);
    const missing = join(dir, 'none.csv');
    await assert.rejects(readCsvFile(missing, '--input'), (e: unknown) => {
      assert.ok(e instanceof InputFileError);
      assert.equal(e.code, 'file-not-found');
      assert.equal(e.message, `--input ${missing} does not exist (check the path)`);
      return true;
    });
  });
});
