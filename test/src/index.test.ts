import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from '../../src/index.ts';

describe('index', () => {
  it('exposes the extractor, parameter parsing, volume I/O, statistics and errors from one entry point', () => {
    for (const name of [
      'extractFeatures',
      'parseParams',
      'parseNrrd',
      'parseNifti',
      'writeNrrd',
      'fitLogistic',
      'aucDeLong',
      'hosmerLemeshow',
      'buildNomogram',
      'isBoneMetError',
    ]) {
      assert.equal(typeof (lib as Record<string, unknown>)[name], 'function', name);
    }
    assert.equal(lib.DEFAULT_SETTINGS.binWidth, 25);
  });
});
