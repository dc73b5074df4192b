import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePreprocessorJson } from '../../../src/model/preprocess-json.ts';
import { fitPreprocessor } from '../../../src/model/preprocess.ts';
import { FileFormatError } from '../../../src/errors.ts';

const json = fitPreprocessor(
  { names: ['a'], columns: [[1, 2, 3, null]] },
  { capping: { method: 'none' } },
).toJSON();

describe('parsePreprocessorJson', () => {
  it('returns the fields of a valid document, null capping limits included', () => {
    const parsed = parsePreprocessorJson(JSON.parse(JSON.stringify(json)));
    assert.deepEqual(parsed.columns, json.columns);
    assert.equal(parsed.columns[0].lower, null);
  });

  it('throws FileFormatError naming the bad field', () => {
    assert.throws(() => parsePreprocessorJson({ ...json, version: 2 }), FileFormatError);
    assert.throws(
      () => parsePreprocessorJson({ ...json, capping: { method: 'iqr' } }),
      /capping .* is not a known rule/,
    );
    assert.throws(() => parsePreprocessorJson({ ...json, columns: [{ name: 'a' }] }), /columns\[0\] must be/);
    assert.throws(
      () => parsePreprocessorJson({ ...json, dropped: [{ name: 'b', reason: 'odd' }] }),
      /dropped\[0\]/,
    );
  });
});
