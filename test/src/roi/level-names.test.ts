import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isThoracic, levelLabel, levelName } from '../../../src/roi/level-names.ts';

describe('levelLabel', () => {
  it('numbers C7 = 7, T1 = 8, T6 = 13, T12 = 19, L1 = 20', () => {
    assert.deepEqual(['C7', 'T1', 't6', 'T12', 'L1'].map(levelLabel), [7, 8, 13, 19, 20]);
  });

  it('throws RangeError for an unknown level', () => {
    assert.throws(() => levelLabel('T13'), RangeError);
    assert.throws(() => levelLabel('X1'), RangeError);
  });
});

describe('levelName', () => {
  it('inverts levelLabel for every level', () => {
    for (let label = 1; label <= 24; label++) assert.equal(levelLabel(levelName(label)), label);
    assert.throws(() => levelName(25), RangeError);
  });
});

describe('isThoracic', () => {
  it('is true for T1..T12 only', () => {
    assert.equal(isThoracic('T1'), true);
    assert.equal(isThoracic('C7'), false);
    assert.equal(isThoracic('L1'), false);
  });
});
